package airbytemcp.secrets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The byte scan passes over text that shares the first chars of many secrets (a stream named like
 * their common prefix, on every record) by the chars after the window; that shortcut must never
 * hide a secret that is there.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SharedPrefixScanTest {
  private static Masker fiftySecrets() {
    Masker masker = new Masker();
    for (int i = 0; i < 50; i++) {
      masker.register(String.format(Locale.ROOT, "bench-secret-%02d-%08x", i, i * 2654435761L));
    }
    return masker;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static String record(String name) {
    return "{\"type\":\"RECORD\",\"record\":{\"stream\":\"bench_events\",\"data\":{\"id\":1,"
        + "\"name\":\""
        + name
        + "\"},\"emitted_at\":1700000000000}}";
  }

  @Test
  void aLineThatOnlySharesTheSecretsPrefixHoldsNone() {
    Masker masker = fiftySecrets();
    for (String name : new String[] {"bench-secret-07-", "bench-secret", "BENCH-SECRET-49-x"}) {
      byte[] line = ascii(record(name));
      assertFalse(
          masker.revealsSecretInAscii(line, 0, line.length), "no secret in a line naming " + name);
    }
  }

  @Test
  void aSecretBesideTheSharedPrefixIsFoundAtEveryOffsetAndInAnyCase() {
    Masker masker = fiftySecrets();
    String secret = String.format(Locale.ROOT, "bench-secret-%02d-%08x", 31, 31 * 2654435761L);
    for (int pad = 0; pad < 20; pad++) {
      for (String form : new String[] {secret, secret.toUpperCase(Locale.ROOT)}) {
        byte[] line = ascii(record("x".repeat(pad) + form));
        assertTrue(
            masker.revealsSecretInAscii(line, 0, line.length),
            "missed " + form + " after " + pad + " chars");
      }
    }
  }

  @Test
  void aSecretFoundOnlyWhenItEndsInsideTheRange() {
    Masker masker = fiftySecrets();
    String secret = String.format(Locale.ROOT, "bench-secret-%02d-%08x", 3, 3 * 2654435761L);
    byte[] text = ascii("bench_events " + secret + " trailing text");
    int end = text.length - " trailing text".length();
    assertTrue(masker.revealsSecretInAscii(text, 0, end), "a secret that ends at the range's end");
    assertFalse(
        masker.revealsSecretInAscii(text, 0, end - 1),
        "a secret cut by the range's end is not in the range");
  }

  @Test
  void aSecretWithLineBreaksAfterAnyOfItsCharsIsFoundAtEveryOffset() {
    Masker masker = fiftySecrets();
    String secret = String.format(Locale.ROOT, "bench-secret-%02d-%08x", 12, 12 * 2654435761L);
    for (int cut = 1; cut < secret.length(); cut++) {
      for (int pad = 0; pad < 20; pad++) {
        String split = secret.substring(0, cut) + "\r\n\n" + secret.substring(cut);
        byte[] text = ascii("x".repeat(pad) + split + ";");
        assertTrue(
            masker.revealsSecretInAscii(text, 0, text.length),
            "missed the secret cut at " + cut + " after " + pad + " chars");
      }
    }
  }

  @Test
  void onlyLettersAreFoldedNotTheCharsBesideThem() {
    String secret = "k@z[a`q{Mz@Z[A`Q{x9";
    Masker masker = new Masker();
    masker.register(secret);
    for (int pad = 0; pad < 20; pad++) {
      String padding = "-".repeat(pad);
      byte[] upper = ascii(padding + secret.toUpperCase(Locale.ROOT) + ".");
      assertTrue(masker.revealsSecretInAscii(upper, 0, upper.length), "upper case after " + pad);
      // '@' and '`', '[' and '{' differ by 0x20 as letters of two cases do, but are not letters
      byte[] swapped = ascii(padding + secret.replace('@', '`').replace('[', '{') + ".");
      assertFalse(
          masker.revealsSecretInAscii(swapped, 0, swapped.length), "swapped signs after " + pad);
    }
  }

  /**
   * Tokens of one vendor: many secrets whose windows share a slot of the index, some with the same
   * chars before and after the window, some not. Each one of them is still found, by the byte scan
   * and by masking, whichever entry of its slot it sorts to.
   */
  @Test
  void everySecretOfAFamilySharingItsFirstCharsIsFoundAndMasked() {
    Masker masker = new Masker();
    List<String> secrets = new ArrayList<>();
    Random random = new Random(42);
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    for (String prefix : new String[] {"sk_live_", "rk_live_", "sk_test_", "xsk_live_"}) {
      for (int i = 0; i < 40; i++) {
        StringBuilder secret = new StringBuilder(prefix);
        for (int c = 0; c < 24; c++) {
          secret.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        secrets.add(secret.toString());
        masker.register(secret.toString());
      }
    }
    for (String secret : secrets) {
      byte[] line = ascii(record("sk_live_ then " + secret + " then sk_live_"));
      assertTrue(
          masker.revealsSecretInAscii(line, 0, line.length), "the byte scan missed " + secret);
      String masked = masker.mask("key " + secret + " end");
      assertFalse(masked.contains(secret), "masking left " + secret + " in: " + masked);
    }
    byte[] near = ascii(record("sk_live_" + secrets.get(0).substring(8, 30)));
    assertFalse(
        masker.revealsSecretInAscii(near, 0, near.length),
        "a token two chars short of a secret counted as one");
  }

  /**
   * Eight-char patterns are tested one window every four chars, so at some offsets a pattern is
   * seen only through a window it shares with others: {@code qwert} ends the first five chars of
   * two patterns (same chars before it, different after) and chars two to six of two more (a
   * different char before it). Whatever order the index keeps them in, each pattern is found at
   * every offset, by the byte scan and by the span search.
   */
  @Test
  void patternsSharingAWindowAreEachFoundAtEveryOffset() {
    List<String> texts = List.of("qwertyAB", "qwertyCD", "zqwertyE", "yqwertyF");
    PatternSet set =
        new PatternSet(texts.stream().map(t -> new PatternSet.Pattern(t, false, false)).toList());
    for (String pattern : texts) {
      for (int pad = 0; pad < 9; pad++) {
        String text = "-".repeat(pad) + pattern + "-".repeat(9);
        byte[] bytes = ascii(text);
        assertTrue(
            set.containsAscii(bytes, 0, bytes.length),
            "the byte scan missed " + pattern + " after " + pad + " chars");
        int[] spans = set.find(text);
        assertTrue(
            spans != null && spans[0] == pad && spans[1] == pad + pattern.length(),
            "the span search missed " + pattern + " after " + pad + " chars");
      }
    }
  }
}
