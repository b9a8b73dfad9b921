package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import airbytemcp.common.Json;
import airbytemcp.protocol.MessageType;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A refresh token rotated during a run whose config the normalization rules transformed: the config
 * announced for storage carries the new token on the user's (migrated) config, without the fields
 * the run-only transformations added.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConfigRulesTokenRotationTest {
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
        config_normalization_rules:
          type: ConfigNormalizationRules
          transformations:
            - type: ConfigAddFields
              fields:
                - type: AddedFieldDefinition
                  path: [page_size]
                  value: "50"
      streams:
        - type: DeclarativeStream
          name: a
          schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
          retriever:
            type: SimpleRetriever
            requester:
              type: HttpRequester
              url_base: https://api.example.com
              path: /a
              http_method: GET
              request_parameters:
                limit: "{{ config['page_size'] }}"
              authenticator:
                type: OAuthAuthenticator
                token_refresh_endpoint: https://auth.example.com/token
                client_id: "{{ config['credentials']['client_id'] }}"
                client_secret: "{{ config['credentials']['client_secret'] }}"
                refresh_token: "{{ config['credentials']['refresh_token'] }}"
                refresh_token_updater: {}
            record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [items]}}
      """;

  @Test
  void theRotatedTokenIsAnnouncedOnTheUsersConfigWithoutTheTransformedFields() {
    api.server.stubFor(
        post(urlPathEqualTo("/token"))
            .willReturn(
                okJson(
                    "{\"access_token\": \"access-9\", \"refresh_token\": \"refresh-new-9\","
                        + " \"expires_in\": 3600}")));
    api.server.stubFor(
        get(urlPathEqualTo("/a"))
            .withQueryParam("limit", equalTo("50"))
            .withHeader("Authorization", equalTo("Bearer access-9"))
            .willReturn(okJson("{\"items\": [{\"id\": 1}]}")));
    DeclarativeConnector c =
        DeclarativeConnector.of(
            SharedManifests.loaderValidatingWhereAvailable().fromText("rotating", MANIFEST),
            api.options());
    JsonNode config =
        Json.parse(
            "{\"credentials\": {\"client_id\": \"cid\", \"client_secret\": \"cs-1\","
                + " \"refresh_token\": \"refresh-old-9\"}}");

    FakeApi.Output out = FakeApi.read(c, config, FakeApi.catalog("full_refresh", "a"), null);

    assertEquals(1, out.records("a").size(), "the run used the transformed page size");
    List<JsonNode> announced =
        out.ofType(MessageType.CONTROL).stream()
            .map(m -> m.path("control").path("connectorConfig").path("config"))
            .toList();
    assertEquals(1, announced.size(), "one rotation, one announcement: " + announced);
    JsonNode stored = announced.get(0);
    assertEquals(
        "refresh-new-9",
        stored.path("credentials").path("refresh_token").asText(),
        "the new refresh token is in the config to store");
    assertEquals("cid", stored.path("credentials").path("client_id").asText());
    assertFalse(stored.has("page_size"), "the run-only field is never stored: " + stored);
  }
}
