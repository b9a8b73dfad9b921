package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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
import airbytemcp.protocol.MessageType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * OAuth with a {@code refresh_token_updater}: each refresh hands out a new refresh token that
 * replaces the old one in the config the run holds and is announced as a CONTROL message.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RefreshTokenRotationTest {
  @RegisterExtension final FakeApi api = new FakeApi();

  private static final String MANIFEST =
      """
      version: 6.0.0
      type: DeclarativeSource
      check: {type: CheckStream, stream_names: [a]}
      spec:
        type: Spec
        connection_specification:
          type: object
          properties:
            credentials:
              type: object
              properties:
                client_secret: {type: string, airbyte_secret: true}
                refresh_token: {type: string, airbyte_secret: true}
                access_token: {type: string, airbyte_secret: true}
      definitions:
        requester:
          type: HttpRequester
          url_base: https://api.example.com
          http_method: GET
          authenticator:
            type: OAuthAuthenticator
            token_refresh_endpoint: https://auth.example.com/token
            client_id: "{{ config['credentials']['client_id'] }}"
            client_secret: "{{ config['credentials']['client_secret'] }}"
            refresh_token: "{{ config['credentials']['refresh_token'] }}"
            refresh_token_updater:
              refresh_token_error_status_codes: [400]
              refresh_token_error_key: error
              refresh_token_error_values: [invalid_grant]
      streams:
        - type: DeclarativeStream
          name: a
          schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
          retriever:
            type: SimpleRetriever
            requester: {$ref: "#/definitions/requester", path: /a}
            record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [items]}}
        - type: DeclarativeStream
          name: b
          schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
          retriever:
            type: SimpleRetriever
            requester: {$ref: "#/definitions/requester", path: /b}
            record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [items]}}
      """;

  private DeclarativeConnector connector() {
    return DeclarativeConnector.of(
        SharedManifests.loaderValidatingWhereAvailable().fromText("rotation", MANIFEST),
        api.options());
  }

  private static ObjectNode config() {
    return (ObjectNode)
        Json.parse(
            "{\"credentials\": {\"client_id\": \"cid\", \"client_secret\": \"csecret-123\","
                + " \"refresh_token\": \"refresh-old-1\"}}");
  }

  private void itemsWith(String token) {
    for (String path : List.of("/a", "/b")) {
      api.server.stubFor(
          get(urlPathEqualTo(path))
              .withHeader("Authorization", equalTo("Bearer " + token))
              .willReturn(okJson("{\"items\": [{\"id\": 1}]}")));
    }
  }

  private void tokenEndpointRotatesTo(String access, String refresh) {
    api.server.stubFor(
        post(urlPathEqualTo("/token"))
            .withRequestBody(containing("refresh_token=refresh-old-1"))
            .willReturn(
                okJson(
                    "{\"access_token\": \""
                        + access
                        + "\", \"refresh_token\": \""
                        + refresh
                        + "\", \"expires_in\": 3600}")));
  }

  @Test
  void theRotatedRefreshTokenReplacesTheOldOneInTheConfigForTheRestOfTheRun() {
    tokenEndpointRotatesTo("access-new-1", "refresh-new-2");
    itemsWith("access-new-1");
    ObjectNode config = config();

    FakeApi.Output out =
        FakeApi.read(connector(), config, FakeApi.catalog("full_refresh", "a", "b"), null);

    assertEquals(1, out.records("a").size(), "stream a reads with the refreshed access token");
    assertEquals(1, out.records("b").size(), "stream b reads with the token stream a obtained");
    api.server.verify(1, postRequestedFor(urlPathEqualTo("/token")));
    JsonNode credentials = config.path("credentials");
    assertEquals(
        "refresh-new-2",
        credentials.path("refresh_token").asText(),
        "the config the run holds carries the new refresh token");
    assertEquals("access-new-1", credentials.path("access_token").asText());
    Instant expiry = Instant.parse(credentials.path("token_expiry_date").asText());
    assertTrue(
        expiry.isAfter(Instant.now().plusSeconds(3000)),
        "the expiry written is about an hour ahead: " + expiry);
  }

  @Test
  void theRotationIsAnnouncedAsAControlMessageWithTheWholeConfig() {
    tokenEndpointRotatesTo("access-new-1", "refresh-new-2");
    itemsWith("access-new-1");

    FakeApi.Output out =
        FakeApi.read(connector(), config(), FakeApi.catalog("full_refresh", "a"), null);

    List<JsonNode> controls = out.ofType(MessageType.CONTROL);
    assertEquals(1, controls.size(), "one refresh, one CONTROL message: " + controls);
    JsonNode control = controls.get(0).path("control");
    assertEquals("CONNECTOR_CONFIG", control.path("type").asText());
    JsonNode announced = control.path("connectorConfig").path("config").path("credentials");
    assertEquals("refresh-new-2", announced.path("refresh_token").asText());
    assertEquals(
        "csecret-123",
        announced.path("client_secret").asText(),
        "the whole config is announced, not just the changed fields");
  }

  @Test
  void theNewTokensAreMaskedInWhatTheRuntimeWrites() {
    tokenEndpointRotatesTo("access-new-1", "refresh-new-2");
    itemsWith("access-new-1");

    FakeApi.read(connector(), config(), FakeApi.catalog("full_refresh", "a"), null);

    String masked = api.masker.mask("tokens refresh-new-2 and access-new-1");
    assertFalse(masked.contains("refresh-new-2"), "the rotated refresh token is masked: " + masked);
    assertFalse(masked.contains("access-new-1"), "the new access token is masked: " + masked);
  }

  @Test
  void anUnexpiredAccessTokenInTheConfigIsUsedWithoutRefreshing() {
    itemsWith("access-kept");
    ObjectNode config = config();
    ((ObjectNode) config.get("credentials"))
        .put("access_token", "access-kept")
        .put("token_expiry_date", Instant.now().plusSeconds(7200).toString());

    FakeApi.Output out =
        FakeApi.read(connector(), config, FakeApi.catalog("full_refresh", "a", "b"), null);

    assertEquals(2, out.records("a").size() + out.records("b").size());
    api.server.verify(0, postRequestedFor(urlPathEqualTo("/token")));
    api.server.verify(
        1,
        getRequestedFor(urlPathEqualTo("/b"))
            .withHeader("Authorization", equalTo("Bearer access-kept")));
    assertTrue(out.ofType(MessageType.CONTROL).isEmpty(), "no refresh, nothing to announce");
  }

  @Test
  void aRefusedRefreshTokenSaysSoAndAsksForANewLogin() {
    api.server.stubFor(
        post(urlPathEqualTo("/token"))
            .willReturn(aResponse().withStatus(400).withBody("{\"error\": \"invalid_grant\"}")));

    DeclarativeError e =
        assertThrows(
            DeclarativeError.class,
            () -> FakeApi.read(connector(), config(), FakeApi.catalog("full_refresh", "a"), null));

    assertTrue(e.getMessage().contains("refresh token was refused"), e.getMessage());
    assertTrue(e.hint().contains("new OAuth login"), "the hint asks for a new login: " + e.hint());
  }
}
