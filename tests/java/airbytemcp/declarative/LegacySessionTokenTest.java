package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** LegacySessionTokenAuthenticator: a validated config token, or a login with user and password. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LegacySessionTokenTest {
  @RegisterExtension final FakeApi api = new FakeApi();

  private static final String AUTH =
      "{type: LegacySessionTokenAuthenticator, header: X-Metabase-Session, api_url:"
          + " 'https://api.example.com', login_url: /session, validate_session_url: /user/current,"
          + " session_token_response_key: id, session_token: \"{{ config.get('session_token', '') }}\","
          + " username: \"{{ config.get('username', '') }}\", password: \"{{ config.get('password', '') }}\"}";

  private FakeApi.Output read(String config) {
    Manifest m =
        SharedManifests.loaderValidatingWhereAvailable()
            .fromText("legacy", AuthenticatorsTest.manifest(AUTH, ""));
    return FakeApi.read(
        DeclarativeConnector.of(m, api.options()),
        Json.parse(config),
        FakeApi.catalog("full_refresh", "items"),
        null);
  }

  private void itemsWith(String token) {
    api.server.stubFor(
        get(urlPathEqualTo("/v2/items"))
            .withHeader("X-Metabase-Session", equalTo(token))
            .willReturn(okJson("{\"items\": [{\"id\": 1}]}")));
  }

  @Test
  void aValidConfigTokenIsSentInTheHeaderWithoutLoggingIn() {
    api.server.stubFor(
        get(urlPathEqualTo("/user/current"))
            .withHeader("X-Metabase-Session", equalTo("sess-given"))
            .willReturn(okJson("{}")));
    itemsWith("sess-given");

    assertEquals(1, read("{\"session_token\": \"sess-given\"}").records("items").size());
    api.server.verify(0, postRequestedFor(urlPathEqualTo("/session")));
  }

  @Test
  void aStaleTokenLeadsToOneLoginWithUsernameAndPasswordAsJson() {
    api.server.stubFor(
        get(urlPathEqualTo("/user/current")).willReturn(aResponse().withStatus(401)));
    api.server.stubFor(
        post(urlPathEqualTo("/session"))
            .withRequestBody(equalToJson("{\"username\": \"ann\", \"password\": \"pw-secret-9\"}"))
            .willReturn(okJson("{\"id\": \"sess-new\"}")));
    itemsWith("sess-new");

    FakeApi.Output out =
        read("{\"session_token\": \"old\", \"username\": \"ann\", \"password\": \"pw-secret-9\"}");

    assertEquals(1, out.records("items").size());
    api.server.verify(1, postRequestedFor(urlPathEqualTo("/session")));
    api.server.verify(1, getRequestedFor(urlPathEqualTo("/user/current")));
    assertFalse(
        api.masker.mask("sess-new").contains("sess-new"), "the new session token is masked");
  }

  @Test
  void noValidTokenAndNoCredentialsSaysWhatToGive() {
    api.server.stubFor(
        get(urlPathEqualTo("/user/current")).willReturn(aResponse().withStatus(401)));

    DeclarativeError e =
        assertThrows(DeclarativeError.class, () -> read("{\"session_token\": \"old\"}"));

    assertTrue(e.getMessage().contains("username and password"), e.getMessage());
  }
}
