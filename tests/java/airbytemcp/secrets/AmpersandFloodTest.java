package airbytemcp.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A text of nothing but escapes (a cache query's {@code SELECT repeat('&', 1000000)}, an API's
 * answer, an echoed argument) is masked in time linear in its length: a reference's {@code ;} is
 * looked for only within a reference's length, and each escape char is searched for again only once
 * passed. Searched to the end of the text from every escape, 1 MB of {@code &} took 13 s, of {@code
 * &#43;} 6.6 s (found by red team p). The timeouts are far above the linear cost (a tenth of a
 * second): they catch a quadratic one, not a slow machine.
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
