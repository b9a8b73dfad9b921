package airbytemcp.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A secret inside JSON whose writer escaped some of its chars as backslash-u escapes by its own
 * rules: .NET's System.Text.Json escapes {@code + " `}, Go's {@code & < >}, others every char
 * beyond ASCII, in either hex case. The masker finds it whatever subset was escaped.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PartlyJsonEscapedSecretsTest {
  /** A Base64 key, as storage and signing keys are. */
  private static final String KEY = "Wq7+Zk/9xR2vT+bN4mLp8sYd3QhJ0cFe+U5gAo1V";

  private final Masker masker = new Masker();

  PartlyJsonEscapedSecretsTest() {
    masker.register(KEY);
  }

  private static String escaped(String text, char c) {
    return text.replace(String.valueOf(c), String.format(Locale.ROOT, "\\u%04X", (int) c));
  }

  @Test
  void aKeyWithItsPlusSignsEscapedAsDotNetWritesIt() {
    String body = "{\"detail\":\"Invalid API key '" + escaped(KEY, '+') + "'.\"}";

    assertEquals("{\"detail\":\"Invalid API key '****'.\"}", masker.mask(body));
    assertTrue(masker.revealsSecret(body), "the escaped key is not seen as revealing it");
  }

  @Test
  void anEscapedKeyIsFoundAfterCharsBeyondTheBasicPlane() {
    String body = "{\"note\":\"🔑🔑\",\"key\":\"" + escaped(KEY, '+') + "\"}";

    assertEquals("{\"note\":\"🔑🔑\",\"key\":\"****\"}", masker.mask(body));
  }

  @Test
  void escapesInLowerCaseHexAndOfCharsNoEncoderEscapes() {
    String body = "key=" + KEY.replace("+", "\\u002b").replace("Zk", "\\u005Ak");

    assertEquals("key=****", masker.mask(body));
  }

  @Test
  void aCharBeyondTheBasicPlaneEscapedAsASurrogatePair() {
    masker.register("pass🔑word-42");
    String body = "{\"password\":\"pass\\uD83D\\uDD11word-42\"}";

    assertEquals("{\"password\":\"****\"}", masker.mask(body));
  }

  @Test
  void escapesThatHoldNoSecretAreLeftAlone() {
    String body = "{\"q\":\"caf\\u00E9 \\u002B 1\",\"half\":\"\\uD83D\",\"odd\":\"\\u12\"}";

    assertEquals(body, masker.mask(body));
    assertFalse(masker.revealsSecret(body), "an ordinary JSON text counted as revealing a secret");
  }

  @Test
  void percentAndJsonEscapesOfOneSecretInOneText() {
    String body = "a=" + KEY.replace("+", "%2B") + " b=" + escaped(KEY, '+') + " c=%2B";

    assertEquals("a=**** b=**** c=%2B", masker.mask(body));
  }
}
