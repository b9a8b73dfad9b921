package airbytemcp.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * When every registered secret is long, the scan tests its filter only at every few chars; a secret
 * must still be found wherever it starts, also cut by a line break, in text and in bytes.
 */
class SampledScanTest {
  private static final String SECRET = "Zq7vKp2WmX9tLr4Bn8Yc";

  private final Masker masker = new Masker();

  SampledScanTest() {
    masker.register(SECRET);
  }

  @Test
  void findsALongSecretAtEveryOffset() {
    for (int offset = 0; offset < 24; offset++) {
      String text = "x".repeat(offset) + SECRET + " tail";
      assertEquals(
          "x".repeat(offset) + "**** tail",
          masker.mask(text),
          "secret starting at char " + offset + " was not masked");
      byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
      assertTrue(
          masker.revealsSecretInAscii(bytes, 0, bytes.length),
          "byte scan missed the secret starting at " + offset);
    }
  }

  @Test
  void findsALongSecretCutByALineBreakAtEveryPlace() {
    for (int cut = 1; cut < SECRET.length(); cut++) {
      for (int offset = 0; offset < 9; offset++) {
        String text =
            "y".repeat(offset) + SECRET.substring(0, cut) + "\r\n" + SECRET.substring(cut) + "!";
        assertEquals(
            "y".repeat(offset) + "****!",
            masker.mask(text),
            "secret cut after " + cut + " chars at offset " + offset + " was not masked");
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        assertTrue(
            masker.revealsSecretInAscii(bytes, 0, bytes.length),
            "byte scan missed the secret cut after " + cut + " at offset " + offset);
      }
    }
  }

  @Test
  void findsALongSecretInAnyLetterCaseInBytes() {
    for (String form :
        new String[] {SECRET.toUpperCase(Locale.ROOT), SECRET.toLowerCase(Locale.ROOT)}) {
      for (int offset = 0; offset < 9; offset++) {
        byte[] bytes =
            ("{\"k\":\"" + "z".repeat(offset) + form + "\"}").getBytes(StandardCharsets.US_ASCII);
        assertTrue(
            masker.revealsSecretInAscii(bytes, 0, bytes.length),
            "byte scan missed " + form + " at offset " + offset);
      }
    }
    byte[] plain = "{\"k\":\"Zq7vKp2WmX9tLr4Bn8Y_\"}".getBytes(StandardCharsets.US_ASCII);
    assertFalse(
        masker.revealsSecretInAscii(plain, 0, plain.length),
        "byte scan reported a secret in text that differs in its last char");
  }

  @Test
  void findsEveryOccurrenceInALargeText() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 2_000; i++) {
      text.append("row ").append(i).append(i % 7 == 0 ? SECRET : "plain").append('\n');
    }
    String masked = masker.mask(text.toString());
    assertFalse(masked.contains(SECRET), "an occurrence in the large text survived masking");
    assertEquals(286, masked.split("\\*\\*\\*\\*", -1).length - 1, "masks in the large text");
  }

  @Test
  void aShortSecretBesideLongOnesIsFoundToo() {
    masker.register("k9#x");
    assertEquals("a ****, b ****", masker.mask("a k9#x, b " + SECRET));
  }
}
