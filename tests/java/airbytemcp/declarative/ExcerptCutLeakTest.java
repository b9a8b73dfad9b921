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
    String yaml =
        TestManifests.source(
                "items",
                "",
                TestManifests.stream(
                    "items",
                    "      requester: {type: HttpRequester, url_base: \""
                        + api.server.baseUrl()
                        + "\", path: /items, http_method: GET,"
                        + " authenticator: {type: BearerAuthenticator, api_token: \"{{ config.key }}\"}}\n"
                        + "      record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [data]}}\n",
                    ""))
            + "spec:\n  type: Spec\n  connection_specification:\n    type: object\n    properties:\n"
            + "      key: {type: string, airbyte_secret: true}\n";
    return DeclarativeConnector.of(
        new ManifestLoader(null, Optional::empty).fromText("cut", yaml), api.options());
  }

  private String failureOf(int status, String body) {
    api.server.stubFor(
        get(urlPathEqualTo("/items")).willReturn(aResponse().withStatus(status).withBody(body)));
    FakeApi.Output out = new FakeApi.Output();
    DeclarativeError e =
        assertThrows(
            DeclarativeError.class,
            () ->
                connector()
                    .read(
                        Json.parse("{\"key\": \"" + KEY + "\"}"),
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
}
