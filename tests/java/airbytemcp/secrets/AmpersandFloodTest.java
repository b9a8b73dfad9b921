package airbytemcp.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An HTML character reference is read by {@code EscapesDecoded.htmlReferenced}, which looks for its
 * {@code ;} with {@code text.indexOf(';', at)}: to the end of the text when there is none, and only
 * then checks that the reference is at most 10 chars long. Every {@code &} of a message is such a
 * look ({@code EscapedSecrets.Leads#isHtmlLead}), so a text of n ampersands costs n²/2 char reads:
 * 200 000 take over a second, 1 MB (a cache query's {@code SELECT repeat('&', 1000000)}, an API's
 * answer, an echoed argument) half a minute or more, 10 MB most of an hour, all of it before the
 * answer budget cuts the text (it is masked first): 13 s for 1 MB measured here with C2. And once
 * references of a secret's chars follow each other, the region decoded grows to the whole text and
 * {@code EscapesDecoded.nextEscape} looks for each of {@code %}, backslash and {@code &} from every
 * escape to the end of the text: 1 MB of {@code &#43;} takes 6.6 s, of {@code %41} 11.5 s, of
 * backslash-u0041 5.8 s. Found by red team p.
 */
class AmpersandFloodTest {
  private static final String KEY = "Wq7+Zk/9xR2vT+bN4mLp8sYd3QhJ0cFe+U5gAo1V";

  private final Masker masker = new Masker();

  AmpersandFloodTest() {
    masker.register(KEY);
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void aMegabyteOfAmpersandsIsMaskedInLinearTime() {
    String text = "&".repeat(1_000_000);

    assertEquals(
        text,
        masker.mask(text),
        "1 MB of '&' must be masked (unchanged) in well under 5 s, as 1 MB of other text is");
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void aMegabyteOfAmpersandsEndingInASemicolonIsMaskedInLinearTime() {
    // the length check (at most 10 chars to the ';') comes after the search for the ';'
    String text = "&".repeat(1_000_000) + ";";

    assertEquals(text, masker.maskMessage(text), "1 MB of '&' then ';' must be masked quickly");
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void aMegabyteOfReferencesToASecretsCharIsMaskedInLinearTime() {
    // '+' is a char of the key, so every reference is a lead and the decoded region is the text
    String text = "&#43;".repeat(200_000);

    assertEquals(
        text, masker.mask(text), "1 MB of '&#43;' must be masked (unchanged) in well under 5 s");
  }
}
