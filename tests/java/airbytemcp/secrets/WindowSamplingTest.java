package airbytemcp.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The scan reads one window of a few chars every {@code step} chars, where the step follows the
 * shortest registered secret; whatever the step, the windows and the line breaks in between, no
 * occurrence may fall between two samples.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WindowSamplingTest {
  private static final String ALPHABET = "Zq7vKp2WmX9tLr4Bn8Yc3Hd6Fs1Gj5Nw0Ux";

  @Test
  void aSecretOfEveryLengthIsFoundAtEveryOffset() {
    for (int length = 8; length <= 30; length++) {
      String secret = ALPHABET.substring(0, length);
      Masker masker = new Masker();
      masker.register(secret);
      for (int offset = 0; offset < 40; offset++) {
        String text = "a".repeat(offset) + secret + "!";
        assertEquals(
            "a".repeat(offset) + "****!",
            masker.mask(text),
            "secret of " + length + " chars starting at " + offset + " was not masked");
        assertTrue(
            masker.revealsSecretInAscii(ascii(text), 0, text.length()),
            "byte scan missed the secret of " + length + " chars starting at " + offset);
      }
    }
  }

  @Test
  void aShortSecretBesideLongOnesShrinksTheStepAndBothAreFound() {
    Masker masker = new Masker();
    String shortOne = "h4Ts9Qe1";
    String longOne = ALPHABET.substring(0, 30);
    masker.register(shortOne);
    masker.register(longOne);
    for (int offset = 0; offset < 40; offset++) {
      String pad = "b".repeat(offset);
      for (String secret : new String[] {shortOne, longOne}) {
        String text = pad + secret + "?";
        assertEquals(pad + "****?", masker.mask(text), secret + " at offset " + offset);
        assertTrue(
            masker.revealsSecretInAscii(ascii(text), 0, text.length()),
            "byte scan missed " + secret + " at offset " + offset);
      }
    }
  }

  @Test
  void aRunOfLineBreaksLongerThanTheStepInsideASecretIsMaskedWithIt() {
    String secret = ALPHABET.substring(0, 20);
    Masker masker = new Masker();
    masker.register(secret);
    for (int cut = 1; cut < secret.length(); cut++) {
      for (int offset = 0; offset < 14; offset++) {
        String text =
            "c".repeat(offset)
                + secret.substring(0, cut)
                + "\r\n".repeat(25)
                + secret.substring(cut)
                + ".";
        assertEquals(
            "c".repeat(offset) + "****.",
            masker.mask(text),
            "secret cut after " + cut + " by 50 line breaks at offset " + offset);
        assertTrue(
            masker.revealsSecretInAscii(ascii(text), 0, text.length()),
            "byte scan missed the secret cut after " + cut + " at offset " + offset);
      }
    }
  }

  @Test
  void aSecretWithALineBreakAfterEveryCharIsMasked() {
    String secret = ALPHABET.substring(0, 16);
    Masker masker = new Masker();
    masker.register(secret);
    String spread = String.join("\n", secret.split(""));
    for (int offset = 0; offset < 14; offset++) {
      String text = "d".repeat(offset) + spread + "\n;";
      assertEquals(
          "d".repeat(offset) + "****\n;",
          masker.mask(text),
          "secret spread over lines at offset " + offset);
      assertTrue(
          masker.revealsSecretInAscii(ascii(text), 0, text.length()),
          "byte scan missed the spread secret at offset " + offset);
    }
  }

  @Test
  void theByteScanStartsItsWindowsAtTheGivenStart() {
    String secret = ALPHABET.substring(0, 18);
    Masker masker = new Masker();
    masker.register(secret);
    for (int from = 0; from < 14; from++) {
      byte[] line = ascii("e".repeat(from) + secret);
      assertTrue(
          masker.revealsSecretInAscii(line, from, line.length),
          "byte scan from " + from + " missed the secret starting there");
      assertFalse(
          masker.revealsSecretInAscii(line, from + 1, line.length),
          "byte scan from " + (from + 1) + " reported a secret that begins before it");
    }
  }

  @Test
  void aSecretInTheJsonListFormIsFoundAmongJsonThatSharesItsWindows() {
    // the list form ["Z", "q", ...] shares its windows with every `", "` of a JSON answer
    String secret = ALPHABET.substring(0, 16);
    Masker masker = new Masker();
    masker.register(secret);
    String list = "[\"" + String.join("\", \"", secret.split("")) + "\"]";
    for (int offset = 0; offset < 14; offset++) {
      String text = "{\"a\": \"x\", \"b\": \"" + "f".repeat(offset) + "\", \"list\": " + list + "}";
      String masked = masker.mask(text);
      assertFalse(masked.contains(list), "list form at offset " + offset + " survived: " + masked);
      assertTrue(
          masked.startsWith("{\"a\": \"x\", \"b\": \""),
          "JSON around the list was masked: " + masked);
    }
  }

  @Test
  void aSecretWithCharsBeyondLatin1IsFoundAtEveryOffset() {
    // U+4E00 and U+0100 fold to key bytes 0x00 and 0x01: the window is read char by char
    String secret = "\u4e00pa\u0100ss\u00e9word-Zq7vKp";
    Masker masker = new Masker();
    masker.register(secret);
    for (int offset = 0; offset < 14; offset++) {
      String text = "g".repeat(offset) + secret + " end";
      assertEquals("g".repeat(offset) + "**** end", masker.mask(text), "at offset " + offset);
    }
  }

  @Test
  void lettersThatLowerCaseToAsciiStillMatch() {
    // KELVIN SIGN lower-cases to 'k': the letter-case rule holds beyond ASCII
    String secret = "kKp2WmX9tLr4Bn8Yc3kK";
    Masker masker = new Masker();
    masker.register(secret);
    for (int offset = 0; offset < 14; offset++) {
      String text = "h".repeat(offset) + secret.replace('k', '\u212a') + ".";
      assertEquals("h".repeat(offset) + "****.", masker.mask(text), "at offset " + offset);
    }
  }

  @Test
  void textsShorterThanAWindowAreLeftAlone() {
    Masker masker = new Masker();
    masker.register(ALPHABET.substring(0, 20));
    for (String text : new String[] {"Z", "Zq", "Zq7", "Zq7v", "\n\nZq"}) {
      assertEquals(text, masker.mask(text), "short text changed");
      assertFalse(masker.revealsSecretInAscii(ascii(text), 0, text.length()), text);
    }
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
