package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import airbytemcp.common.Json;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Audit B: an API that echoes the credential in a response body; the excerpt of the body that an
 * error quotes is cut (200 / 300 chars) before it is masked, so a secret straddling the cut leaves
 * its unmasked prefix. The attacker chooses where the cut falls by the length of what the API
 * echoes before the secret (a path, a query parameter).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExcerptCutLeakTest {
  @RegisterExtension final FakeApi api = new FakeApi();
  private static final String KEY = "sk_live_Q7m2Zx9Lp4Wv8Rt1";
  private static final String PREFIX = KEY.substring(0, KEY.length() - 1);

  private DeclarativeConnector connector() {
    return connector("");
  }

  /** {@code decoder}: the retriever's decoder line, or nothing for the JsonDecoder. */
  private DeclarativeConnector connector(String decoder) {
    String yaml = TestManifests.bearerItems(api.server.baseUrl(), decoder, "");
    return DeclarativeConnector.of(
        new ManifestLoader(null, Optional::empty).fromText("cut", yaml), api.options());
  }

  private String failureOf(int status, String body) {
    return failureOf(status, body, KEY);
  }

  private String failureOf(int status, String body, String key) {
    return failureOf(status, body, key, "");
  }

  private String failureOf(int status, String body, String key, String decoder) {
    api.server.stubFor(
        get(urlPathEqualTo("/items")).willReturn(aResponse().withStatus(status).withBody(body)));
    FakeApi.Output out = new FakeApi.Output();
    DeclarativeError e =
        assertThrows(
            DeclarativeError.class,
            () ->
                connector(decoder)
                    .read(
                        Json.object().put("key", key),
                        FakeApi.catalog("full_refresh", "items"),
                        Optional.empty(),
                        out.messages::add));
    return e.getMessage() + " " + e.hint() + " " + out.messages;
  }

  @Test
  void undecodableBodyExcerptCutAt200KeepsNoPrefixOfTheSecret() {
    // 200 chars are kept: the echo places all but the last char of the key before the cut
    String body = "x".repeat(200 - PREFIX.length()) + KEY + " was refused";
    String shown = failureOf(200, body);
    assertFalse(shown.contains(PREFIX), "prefix of the secret shown: " + shown);
  }

  @Test
  void errorBodyExcerptCutAt300KeepsNoPrefixOfTheSecret() {
    String body = "{\"error\": \"" + "y".repeat(300 - 11 - PREFIX.length()) + KEY + "\"}";
    String shown = failureOf(401, body);
    assertFalse(shown.contains(PREFIX), "prefix of the secret shown: " + shown);
  }

  @Test
  void undecodableBodyExcerptMasksASecretWithWhitespaceRunsBeforeCollapsingThem() {
    // collapsed first, the echo would read "Wq 7Lp x9Zm 4Rt", which is not the registered value
    String key = "Wq  7Lp\tx9Zm  4Rt";
    String shown = failureOf(200, "not json: " + key + " was refused", key);
    assertFalse(
        shown.contains("Wq 7Lp x9Zm") || shown.contains("Wq  7Lp"),
        "the secret shown with its whitespace collapsed: " + shown);
  }

  @Test
  void whitespaceCollapsedIntoTheSecretAcrossTheCutLeavesNoPrefix() {
    // the API widens the spaces of the echo; collapsed, it is the secret again, across the cut
    String key = "correct horse battery staple";
    String body = "x".repeat(200 - 14) + "correct  horse  battery  staple";
    String shown = failureOf(200, body, key);
    assertFalse(shown.contains("correct horse"), "prefix of the secret shown: " + shown);
  }

  @Test
  void jacksonsCutOfAnUnrecognizedTokenKeepsNoPrefixOfTheSecret() {
    // Jackson quotes an unrecognised token up to 256 chars and cuts it there
    String body = "a".repeat(256 - PREFIX.length()) + KEY + " was refused";
    String shown = failureOf(200, body);
    assertFalse(shown.contains(PREFIX), "prefix of the secret shown: " + shown);
  }

  @Test
  void theXmlParsersQuoteOfAnElementNameKeepsNoPrefixOfTheSecret() {
    // the parser names the element up to the first char a name cannot hold: here the key's "/"
    String key = "Zk9Q7m2Lp4/Wv8Rt";
    String shown = failureOf(200, "<" + key + ">", key, "      decoder: {type: XmlDecoder}\n");
    assertFalse(shown.contains("Zk9Q7m2Lp4"), "prefix of the secret shown: " + shown);
  }
}
