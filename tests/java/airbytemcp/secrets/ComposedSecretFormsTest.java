package airbytemcp.secrets;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Forms a registry connector prints a secret in that are two encodings the masker knows, one
 * applied over the other. Each form here comes out of ordinary library calls on a secret the user
 * wrote (see the comments); the masker finds the secret under each encoding alone, but not under
 * both. End to end (a check's message, a sync into the cache, a Cloud job's log):
 * airbytemcp.hardening.SecretEscapedTwiceOrEncodedAsJsonTest.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class ComposedSecretFormsTest {
  /** A generated password with a quote and a backslash. */
  static final String PUNCTUATED = "Kq7\"Lm2\\Tn4pWz#Vb9";

  /** A password with non-ASCII letters (a German user's). */
  static final String UMLAUTS = "Grüße-Vb93-Kq71-Zx";

  private static Masker masking(String secret) {
    Masker masker = new Masker();
    masker.registerUserValue(secret);
    return masker;
  }

  private static void assertFound(Masker masker, String printed, String what) {
    assertTrue(masker.revealsSecret(printed), what + " is not found: " + printed);
    assertTrue(masker.mask(printed).contains(Masker.MASK), what + " is not masked: " + printed);
  }

  /** Python's json.dumps (ensure_ascii, the default). */
  private static String pythonJson(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static String b64url(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aJsonEscapedSecretEscapedAgainIsFound() {
    Masker masker = masking(PUNCTUATED);
    String body = "{\"api_key\": \"" + pythonJson(PUNCTUATED) + "\"}";
    // str(request.body) of a JSON body sent as bytes (requests, httpx): backslashes doubled
    assertFound(masker, "b'" + body.replace("\\", "\\\\") + "'", "a Python bytes repr of JSON");
    // an API that echoes the JSON request body as a string in its JSON error
    assertFound(
        masker,
        "{\"request_body\": \"" + body.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}",
        "JSON inside a JSON string");
  }

  @Test
  void aSecretInAJwtClaimIsFoundWhateverItsJsonEscapes() {
    // PyJWT, jjwt, jose: the claims are JSON, Base64url-encoded; the README names this case
    for (String secret : new String[] {PUNCTUATED, UMLAUTS}) {
      String claims = "{\"sub\":\"svc\",\"key\":\"" + pythonJson(secret) + "\"}";
      assertFound(
          masking(secret),
          "Bearer eyJhbGciOiJIUzI1NiJ9." + b64url(claims) + ".c2ln",
          "a JWT claim holding " + secret);
    }
  }

  @Test
  void aFormEncodedSecretInABase64CursorIsFound() {
    // a next-page token that is the Base64 of the request's query string
    String query = "api_key=" + URLEncoder.encode(PUNCTUATED, StandardCharsets.UTF_8) + "&page=2";
    assertFound(masking(PUNCTUATED), "next=" + b64url(query), "Base64 of a query string");
  }

  @Test
  void aNonAsciiSecretInPythonBytesIsFound() {
    // httpx writes JSON as UTF-8 (ensure_ascii off); str(request.content) shows \xc3\xbc
    StringBuilder repr = new StringBuilder("b'{\"password\":\"");
    for (byte b : UMLAUTS.getBytes(StandardCharsets.UTF_8)) {
      int v = b & 0xff;
      repr.append(v < 0x80 ? String.valueOf((char) v) : String.format(Locale.ROOT, "\\x%02x", v));
    }
    assertFound(masking(UMLAUTS), repr.append("\"}'").toString(), "a Python bytes repr");
  }

  @Test
  void aSecretInAHexDumpWithSeparatorsIsFound() {
    // bytes.hex(' ') / hexdump -C / a TLS or wire-protocol debug dump: the masker knows only
    // unbroken hex
    byte[] bytes = PUNCTUATED.getBytes(StandardCharsets.UTF_8);
    assertFound(
        masking(PUNCTUATED), HexFormat.ofDelimiter(" ").formatHex(bytes), "hex with spaces");
    assertFound(
        masking(PUNCTUATED), HexFormat.ofDelimiter(":").formatHex(bytes), "hex with colons");
  }
}
