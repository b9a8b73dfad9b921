package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import airbytemcp.common.Json;
import airbytemcp.secrets.Masker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The CDK looks for the access token (and expires_in) key at the top of the token response, then in
 * nested objects and arrays: APIs that wrap the token ({"data": {"access_token": ...}}) work
 * without a custom access_token_name.
 */
class OAuthTokenResponseTest {
  @RegisterExtension final FakeApi api = new FakeApi();

  private static final String OAUTH =
      "{type: OAuthAuthenticator, token_refresh_endpoint: \"https://auth.example.com/oauth/token\","
          + " client_id: cid, client_secret: \"{{ config['client_secret'] }}\","
          + " refresh_token: \"{{ config['refresh_token'] }}\"%s}";

  private int itemsReadWith(String tokenResponse, String extra) {
    api.server.stubFor(post("/oauth/token").willReturn(okJson(tokenResponse)));
    api.server.stubFor(
        get(urlPathEqualTo("/v2/items"))
            .withHeader("Authorization", equalTo("Bearer at-nested-8080"))
            .willReturn(okJson("{\"items\": [{\"id\": 1}, {\"id\": 2}]}")));
    Manifest m =
        SharedManifests.loaderValidatingWhereAvailable()
            .fromText("test", AuthenticatorsTest.manifest(OAUTH.formatted(extra), ""));
    return FakeApi.read(
            DeclarativeConnector.of(m, api.options()),
            Json.parse("{\"client_secret\": \"cs-1\", \"refresh_token\": \"rt-1\"}"),
            FakeApi.catalog("full_refresh", "items"),
            null)
        .records("items")
        .size();
  }

  @Test
  void anAccessTokenNestedInAnObjectIsFound() {
    assertEquals(
        2,
        itemsReadWith("{\"data\": {\"access_token\": \"at-nested-8080\", \"expires_in\": 60}}", ""),
        "the token under data.access_token must authorize the stream request");
    assertEquals(Masker.MASK, api.masker.mask("at-nested-8080"), "the nested token is a secret");
  }

  @Test
  void aNamedTokenKeyNestedInAnArrayIsFound() {
    assertEquals(
        2,
        itemsReadWith(
            "{\"result\": [{\"token\": \"at-nested-8080\"}]}", ", access_token_name: token"),
        "access_token_name is looked up inside arrays too");
  }

  @Test
  void theTopLevelKeyWinsOverANestedOne() {
    assertEquals(
        2,
        itemsReadWith(
            "{\"meta\": {\"access_token\": \"at-other-1\"}, \"access_token\": \"at-nested-8080\"}",
            ""),
        "a key at the top level is taken before any nested one");
  }
}
