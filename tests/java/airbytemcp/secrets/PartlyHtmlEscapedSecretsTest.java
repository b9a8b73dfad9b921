package airbytemcp.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An HTML error page names a key with some of its chars written as character references: Go's
 * templates write {@code +} as {@code &#43;} and quotes as {@code &#34;}, .NET's encoder writes
 * {@code &#x2B;}, XML writers {@code &apos;}. The masker finds the key whatever subset was escaped.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PartlyHtmlEscapedSecretsTest {
  private static final String KEY = "Wq7+Zk/9xR2vT+bN4mLp8sYd3QhJ0cFe+U5gAo1V";
  private static final String PASSWORD = "it's-a \"quoted\" pass<word>";

  private final Masker masker = new Masker();

  PartlyHtmlEscapedSecretsTest() {
    masker.register(KEY);
    masker.register(PASSWORD);
  }

  @Test
  void aKeyWithItsPlusSignsAsDecimalReferences() {
    String page = "<p>Invalid key " + KEY.replace("+", "&#43;") + "</p>";

    assertEquals("<p>Invalid key ****</p>", masker.mask(page));
  }

  @Test
  void aKeyWithItsPlusSignsAsHexReferencesInEitherCase() {
    assertEquals("key ****.", masker.mask("key " + KEY.replace("+", "&#x2B;") + "."));
    assertEquals("key ****.", masker.mask("key " + KEY.replace("+", "&#X2b;") + "."));
  }

  @Test
  void aPasswordWithItsQuotesAndBracketsAsNamedOrNumberedReferences() {
    String page =
        "user's password "
            + PASSWORD
                .replace("'", "&apos;")
                .replace("\"", "&#34;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
            + " refused";

    assertEquals("user's password **** refused", masker.mask(page));
  }

  @Test
  void aRecordLineWithAReferencedKeyIsSeenAsRevealingIt() {
    byte[] line =
        ("{\"note\":\"" + KEY.replace("+", "&#43;") + "\"}").getBytes(StandardCharsets.US_ASCII);

    assertTrue(
        masker.revealsSecretInAscii(line, 0, line.length), "a sync would stage the key as it is");
  }

  @Test
  void referencesThatHoldNoSecretAreLeftAlone() {
    String page = "<a href=\"/x?a=1&amp;b=2\">Tom &amp; Jerry &#169; &#x1F511; &bogus; &#;</a>";

    assertEquals(page, masker.mask(page));
    assertFalse(masker.revealsSecret(page), "an ordinary page counted as revealing a secret");
  }
}
