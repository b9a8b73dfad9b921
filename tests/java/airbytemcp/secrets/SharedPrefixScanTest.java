package airbytemcp.secrets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
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
}
