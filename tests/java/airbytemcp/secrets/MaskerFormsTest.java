package airbytemcp.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The printed forms of a secret the masker finds: each test prints a secret one way and expects no
 * trace of it.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MaskerFormsTest {
  private static final String SECRET = "Zq8-pX3vR7_wK2mN";
  private final Masker masker = new Masker();

  MaskerFormsTest() {
    masker.register(SECRET);
  }

  private void assertHidden(String printed, String what) {
    String masked = masker.mask("before " + printed + " after");
    assertTrue(masked.contains(Masker.MASK), what + " was not masked: " + masked);
    assertFalse(masked.contains(printed), what + " survived masking: " + masked);
    assertTrue(
        masked.startsWith("before ") && masked.endsWith(" after"),
        what + ": the text around it was eaten: " + masked);
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void base64WithAndWithoutPaddingInBothAlphabets() {
    String secret = "s3cr?t>>val~ue?"; // chosen so the standard and URL-safe alphabets differ
    masker.register(secret);
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    assertHidden(Base64.getEncoder().encodeToString(bytes), "standard Base64");
    assertHidden(
        Base64.getEncoder().withoutPadding().encodeToString(bytes),
        "standard Base64 without padding");
    assertHidden(Base64.getUrlEncoder().encodeToString(bytes), "URL-safe Base64");
    assertHidden(
        Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
        "URL-safe Base64 without padding");
  }

  @Test
  void base64OfAShortSecretOnItsOwn() {
    masker.register("abcd");
    assertEquals("key ****", masker.mask("key " + b64("abcd")));
  }

  @Test
  void base64OfABasicAuthPairHidesTheWholeToken() {
    for (String user : List.of("u", "us", "usr", "admin@example.com")) {
      String header = "Authorization: Basic " + b64(user + ":" + SECRET);
      assertEquals(
          "Authorization: Basic ****", masker.mask(header), "Basic credentials of user " + user);
    }
  }

  @Test
  void jwtLikeSegmentsThatCarryTheSecretAreMasked() {
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    String jwt =
        url.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8))
            + "."
            + url.encodeToString(
                ("{\"sub\":\"me\",\"key\":\"" + SECRET + "\"}").getBytes(StandardCharsets.UTF_8))
            + ".c2lnbmF0dXJl";
    String masked = masker.mask("token=" + jwt);
    assertFalse(masked.contains(jwt.split("\\.")[1]), "the claims segment must go: " + masked);
    assertTrue(masked.contains(Masker.MASK), masked);
  }

  @Test
  void hexInEitherCase() {
    String hex = HexFormat.of().formatHex(SECRET.getBytes(StandardCharsets.UTF_8));
    assertHidden(hex, "lower-case hex");
    assertHidden(hex.toUpperCase(Locale.ROOT), "upper-case hex");
  }

  @Test
  void percentEncodingInEitherHexCase() {
    String secret = "p@ss/w:rd+ 1&2";
    masker.register(secret);
    String upper = URLEncoder.encode(secret, StandardCharsets.UTF_8);
    assertHidden(upper, "URLEncoder form");
    assertHidden(upper.toLowerCase(Locale.ROOT), "lower-case %-escapes");
    assertHidden("p%40ss%2fw%3ard%2b%201%262", "RFC 3986 with lower-case hex");
    assertHidden("p%40ss/w%3Ard%2B%201%262", "RFC 3986 keeping slashes (Python's quote)");
  }

  @Test
  void unicodeEscapesOfANonAsciiSecret() {
    String secret = "pässwörd-ünï";
    masker.register(secret);
    assertHidden("p\\u00e4ssw\\u00f6rd-\\u00fcn\\u00ef", "Python's \\u escapes");
    assertHidden("p\\u00E4ssw\\u00F6rd-\\u00FCn\\u00EF", "upper-case \\u escapes");
  }

  @Test
  void bothUnicodeNormalisationForms() {
    String composed = Normalizer.normalize("crème-brûlée-42", Normalizer.Form.NFC);
    masker.register(composed);
    assertHidden(Normalizer.normalize(composed, Normalizer.Form.NFD), "NFD form of an NFC secret");
    Masker other = new Masker();
    other.register(Normalizer.normalize(composed, Normalizer.Form.NFD));
    assertEquals("x **** y", other.mask("x " + composed + " y"), "NFC form of an NFD secret");
  }

  @Test
  void anyLetterCaseForSecretsOfEightCharsOrMore() {
    assertHidden(SECRET.toUpperCase(Locale.ROOT), "upper-cased secret");
    assertHidden(SECRET.toLowerCase(Locale.ROOT), "lower-cased secret");
  }

  @Test
  void shortSecretsStayCaseSensitive() {
    masker.register("Ab3x");
    assertEquals(
        "ab3x AB3X ****",
        masker.mask("ab3x AB3X Ab3x"),
        "short values would hit ordinary words in any case");
  }

  @Test
  void eachLineOfAMultiLineSecret() {
    String pem =
        "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n"
            + "-----END PRIVATE KEY-----";
    masker.register(pem);
    String folded = "key: MIIEvQIBADANBgkqhkiG9w0BAQEFAASC BKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj end";
    String masked = masker.mask(folded);
    assertFalse(
        masked.contains("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"),
        "first body line (YAML folded): " + masked);
    assertFalse(
        masked.contains("BKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj"),
        "second body line (YAML folded): " + masked);
    assertTrue(
        masker.mask("-----BEGIN PRIVATE KEY-----").contains("BEGIN"), "PEM armour is not a secret");
  }

  @Test
  void aSecretSplitByALineBreak() {
    String tail = String.join("\n", List.of("Traceback: key=Zq8-pX3v", "R7_wK2mN rejected"));
    String masked = masker.mask(tail);
    assertFalse(masked.contains("Zq8-pX3v") || masked.contains("R7_wK2mN"), masked);
    assertEquals("Traceback: key=**** rejected", masked);
    assertEquals("x **** y", masker.mask("x Zq8-pX\r\n3vR7_wK2mN y"), "CRLF inside");
  }

  @Test
  void jsonEscapesIncludingEscapedSlashes() {
    String secret = "a/b\"c\\d/e-1";
    masker.register(secret);
    assertHidden(Json.write(secret), "JSON string");
    assertHidden("a\\/b\\\"c\\\\d\\/e-1", "JSON with escaped slashes");
  }

  @Test
  void quotesDoubledAsCsvSqlAndYamlWriteThem() {
    String password = "p@ss\"w0rd'42";
    masker.register(password);

    assertHidden("\"p@ss\"\"w0rd'42\"", "a CSV field");
    assertHidden("'p@ss\"w0rd''42'", "an SQL or YAML single-quoted text");
  }

  @Test
  void reversedAndSpelledOutAsAList() {
    assertHidden(new StringBuilder(SECRET).reverse().toString(), "reversed");
    String python = "['" + String.join("', '", SECRET.split("")) + "']";
    assertHidden(python, "Python list of characters");
    assertHidden(Json.write(List.of(SECRET.split(""))), "JSON list of characters");
  }

  @Test
  void ordinaryTextIsLeftAlone() {
    String text =
        "{\"id\": 1, \"name\": \"Zq8\", \"note\": \"pX3vR7 ordinary words and dXNlcjpwYXNz\"}";
    assertEquals(text, masker.mask(text));
    assertFalse(masker.revealsSecret(text));
  }

  @Test
  void manySecretsAreFoundInOnePass() {
    Masker many = new Masker();
    for (int i = 0; i < 500; i++) {
      many.register(String.format(Locale.ROOT, "secret-%04d-value", i));
    }
    assertEquals(
        "**** and **** and ****",
        many.mask("secret-0000-value and SECRET-0250-VALUE and " + b64("secret-0499-value")));
  }

  /**
   * A secret wrapped as formatters wrap a long word (found by red team s): the next line indented,
   * or the break written as a JSON escape in a body shown as it came.
   */
  @Test
  void aSecretWrappedOverIndentedOrEscapedLines() {
    String head = SECRET.substring(0, 7);
    String tail = SECRET.substring(7);
    assertHidden(head + "\n    " + tail, "an indented continuation line");
    assertHidden(head + "\r\n\t" + tail, "a CRLF and a tab");
    assertHidden(head + "\\n" + tail, "a JSON line break escape");
    assertHidden(head + "\\n  " + tail, "a JSON line break escape, then an indent");
    assertHidden(head + "\\n\\t" + tail, "a JSON line break escape, then an escaped tab");
    assertHidden(
        SECRET.substring(0, 4) + "\n  " + SECRET.substring(4, 9) + "\n  " + SECRET.substring(9),
        "three lines");
    assertEquals(
        "a\n  b **** c\\nd",
        masker.mask("a\n  b " + head + "\\n  " + tail + " c\\nd"),
        "the text around it is kept, folds elsewhere too");
    for (int pad = 0; pad < 16; pad++) {
      // a long text is scanned eight bytes at a time: the fold at every alignment, and last
      String lead = "x".repeat(100 + pad) + " ";
      assertEquals(
          lead + "****",
          masker.mask(lead + head + "\n  " + tail),
          "a fold at offset " + (lead.length() + head.length()) + " of a long text");
      assertEquals(
          lead + "**** é",
          masker.mask(lead + head + "\n" + tail + " é"),
          "a fold in a long text that is not all ASCII");
    }
  }

  /** Found by red team s: an API that types ids as numbers drops an account number's zeros. */
  @Test
  void anAllDigitSecretWithLeadingZerosAsANumber() {
    masker.register("0041234567");
    assertEquals("****", masker.maskRecordValue("41234567"), "the number without its zeros");
    assertEquals(
        "****", masker.maskRecordValue("4.1234567E7"), "its digits as a double print them");
    assertEquals(
        "{\"n\":\"****\"}",
        Json.write(masker.mask(Json.parse("{\"n\": 41234567}"))),
        "a JSON number");
    byte[] line = "{\"n\":41234567}".getBytes(StandardCharsets.US_ASCII);
    assertTrue(masker.revealsSecretInAscii(line, 0, line.length), "a record line staged as it is");
    assertEquals("id 41234567", masker.mask("id 41234567"), "text keeps the zeros it had");
    Masker pin = new Masker();
    pin.register("0012345");
    assertEquals("12345", pin.maskRecordValue("12345"), "a number shorter than six digits stays");
  }

  /** Found by red team s: an IBAN or card number in its print format, groups of four. */
  @Test
  void lettersAndDigitsInGroupsOfFour() {
    masker.register("DE89370400440532013000");
    assertHidden("DE89 3704 0044 0532 0130 00", "an IBAN's print format");
    masker.register("4929123456781234");
    assertHidden("4929-1234-5678-1234", "a card number with dashes");
  }
}
