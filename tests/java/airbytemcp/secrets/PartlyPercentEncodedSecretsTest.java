package airbytemcp.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A secret %-encoded by an encoder's own rules, which escape some of its chars and keep others:
 * OkHttp's canonical forms of each URL part, mixed hex case, a hand-built URL. The masker finds it
 * whatever subset of its chars is escaped.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PartlyPercentEncodedSecretsTest {
  /**
   * A generated password: {@code ^ " { } |} and the space get escaped, {@code ! $ ' ( ) :} stay.
   */
  private static final String SECRET = "Pg^pass!word42\"{x}|y $(z)':";

  private final Masker masker = new Masker();

  PartlyPercentEncodedSecretsTest() {
    masker.register(SECRET);
  }

  private static HttpUrl.Builder api() {
    return new HttpUrl.Builder().scheme("https").host("api.example.com");
  }

  /** The URL must hold the secret partly escaped, else the test proves nothing. */
  private void assertHiddenIn(String url, String what) {
    assertFalse(url.contains(SECRET), what + ": the secret is not escaped at all in " + url);
    assertMasked(url, what);
  }

  private void assertMasked(String url, String what) {
    String masked = masker.mask("GET " + url + " failed: HTTP 404");
    assertTrue(masked.contains(Masker.MASK), what + " was not masked: " + masked);
    assertFalse(masked.contains("word42"), what + " survived masking: " + masked);
    assertTrue(
        masked.startsWith("GET https://") && masked.endsWith(" failed: HTTP 404"),
        what + ": the text around it was eaten: " + masked);
    assertTrue(masker.revealsSecret(url), what + " is not seen as revealing the secret: " + url);
  }

  @Test
  void okHttpsPathSegmentForm() {
    String url =
        api().addPathSegment("workspaces").addPathSegment(SECRET).addPathSegment("users").build()
            + "";
    assertTrue(url.contains("Pg%5Epass!word42"), "OkHttp's path form changed: " + url);
    assertHiddenIn(url, "a path segment");
  }

  @Test
  void okHttpsFormOfAPathItParses() {
    String url = HttpUrl.get("https://api.example.com/workspaces/" + SECRET + "/users").toString();
    assertHiddenIn(url, "a parsed path");
  }

  @Test
  void okHttpsQueryForm() {
    assertHiddenIn(api().query("token=" + SECRET).build().toString(), "a whole query");
  }

  @Test
  void okHttpsQueryComponentForm() {
    assertHiddenIn(
        api().addQueryParameter("token", SECRET).build().toString(), "a query parameter");
  }

  @Test
  void okHttpsFragmentForm() {
    // OkHttp escapes no printable char in a fragment: the secret's own form is what is found there
    assertMasked(api().fragment(SECRET).build().toString(), "a fragment");
  }

  @Test
  void okHttpsUserInfoForms() {
    assertHiddenIn(api().username(SECRET).build().toString(), "a user name");
    assertHiddenIn(api().username("me").password(SECRET).build().toString(), "a password");
  }

  @Test
  void escapesInMixedHexCase() {
    String url = "https://api.example.com/w/Pg%5epass!word42%22%7Bx%7d%7cy%20$(z)':/users";
    assertHiddenIn(url, "escapes in mixed hex case");
  }

  @Test
  void onlyTheSecretsOwnCharsAreMasked() {
    String url = "https://api.example.com/w/Pg%5Epass!word42%22%7Bx%7D%7Cy%20$(z)':/users?page=2";
    assertEquals("https://api.example.com/w/****/users?page=2", masker.mask(url));
  }

  @Test
  void aNonAsciiSecretWithSomeCharsEscaped() {
    masker.register("grüße^und!tschüss");
    String url = api().addPathSegment("grüße^und!tschüss").build().toString();
    assertTrue(url.contains("gr%C3%BC%C3%9Fe%5Eund!tsch%C3%BCss"), "OkHttp's form: " + url);
    assertEquals("https://api.example.com/****", masker.mask(url));
  }

  @Test
  void aRecordLineHoldingTheUrlIsCheckedAsBytes() {
    String url = api().addPathSegment(SECRET).build().toString();
    byte[] line = ("{\"self\": \"" + url + "\"}").getBytes(StandardCharsets.US_ASCII);
    assertTrue(
        masker.revealsSecretInAscii(line, 0, line.length),
        "a staged record would keep the secret: " + url);
  }

  @Test
  void escapesThatHoldNoSecretAreLeftAlone() {
    String url = "https://api.example.com/search?q=caf%C3%A9%20au%20lait&x=%5E%ZZ%";
    assertEquals(url, masker.mask(url));
    assertFalse(masker.revealsSecret(url), "an ordinary URL counted as revealing a secret");
    byte[] bytes = url.getBytes(StandardCharsets.US_ASCII);
    assertFalse(
        masker.revealsSecretInAscii(bytes, 0, bytes.length),
        "an ordinary URL in a record counted as revealing a secret");
  }
}
