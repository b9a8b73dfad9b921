package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.protocol.MessageType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A spec's {@code config_normalization_rules}: migrations rewrite the user's config once and the
 * result is announced for storage, transformations shape the config of each run before any template
 * sees it, and validations refuse a config with their reason (never a secret's value).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConfigNormalizationRulesTest {
  @RegisterExtension final FakeApi api = new FakeApi();

  /** One stream, {@code items}, whose request carries config values; the rules are spliced in. */
  private static String manifest(String rules) {
    return """
        version: 6.0.0
        type: DeclarativeSource
        check: {type: CheckStream, stream_names: [items]}
        spec:
          type: Spec
          connection_specification:
            type: object
            properties:
              api_key: {type: string, airbyte_secret: true}
              credentials:
                type: object
                properties:
                  api_key: {type: string, airbyte_secret: true}
              service_account_info: {type: string, airbyte_secret: true}
          config_normalization_rules:
            type: ConfigNormalizationRules
        RULES
        streams:
          - type: DeclarativeStream
            name: items
            schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
            retriever:
              type: SimpleRetriever
              requester:
                type: HttpRequester
                url_base: https://api.example.com
                path: "/{{ config.get('env', 'live') }}/items"
                http_method: GET
                authenticator:
                  type: ApiKeyAuthenticator
                  api_token: "{{ config.get('credentials', {}).get('api_key', 'none') }}"
                  inject_into: {type: RequestOption, inject_into: header, field_name: X-Key}
                request_parameters:
                  region: "{{ config.get('region', 'unset') }}"
                  filter: "{{ config.get('legacy_filter', 'none') }}"
              record_selector:
                type: RecordSelector
                extractor: {type: DpathExtractor, field_path: [items]}
        """
        .replace("RULES", rules.indent(4).stripTrailing());
  }

  private DeclarativeConnector connector(String rules) {
    return DeclarativeConnector.of(
        SharedManifests.loaderValidatingWhereAvailable().fromText("rules", manifest(rules)),
        api.options());
  }

  private void serveItems(String env) {
    api.server.stubFor(
        get(urlPathEqualTo("/" + env + "/items")).willReturn(okJson("{\"items\": [{\"id\": 1}]}")));
  }

  private FakeApi.Output read(DeclarativeConnector c, JsonNode config) {
    return FakeApi.read(c, config, FakeApi.catalog("full_refresh", "items"), null);
  }

  private static List<JsonNode> announcedConfigs(FakeApi.Output out) {
    return out.ofType(MessageType.CONTROL).stream()
        .map(m -> m.path("control").path("connectorConfig").path("config"))
        .toList();
  }

  @Test
  void aRemapTurnsTheOldValueIntoTheNewOneBeforeTheRequestIsSent() {
    serveItems("live");
    DeclarativeConnector c =
        connector(
            """
            transformations:
              - type: ConfigRemapField
                field_path: [region]
                map: {eu: europe-west1, us: us-central1}
            """);

    FakeApi.Output out = read(c, Json.parse("{\"region\": \"eu\"}"));

    assertEquals(1, out.records("items").size(), "the stream reads with the remapped config");
    api.server.verify(
        1,
        getRequestedFor(urlPathEqualTo("/live/items"))
            .withQueryParam("region", equalTo("europe-west1")));
    assertTrue(
        announcedConfigs(out).isEmpty(),
        "a transformation shapes this run only and is never stored: " + announcedConfigs(out));
  }

  @Test
  void aValueTheMapDoesNotNameIsLeftAsItIs() {
    serveItems("live");
    DeclarativeConnector c =
        connector(
            """
            transformations:
              - type: ConfigRemapField
                field_path: [region]
                map: {eu: europe-west1}
            """);

    read(c, Json.parse("{\"region\": \"asia-east1\"}"));

    api.server.verify(
        1,
        getRequestedFor(urlPathEqualTo("/live/items"))
            .withQueryParam("region", equalTo("asia-east1")));
  }

  private static final String SANDBOX_WHEN_TESTING =
      """
      transformations:
        - type: ConfigAddFields
          condition: "{{ config.get('testing', False) and value == 'sandbox' }}"
          fields:
            - type: AddedFieldDefinition
              path: [env]
              value: "sandbox"
      """;

  @Test
  void addFieldsAddsItsFieldWhenTheConditionHolds() {
    serveItems("sandbox");

    FakeApi.Output out = read(connector(SANDBOX_WHEN_TESTING), Json.parse("{\"testing\": true}"));

    assertEquals(1, out.records("items").size(), "the path template saw the added env");
    api.server.verify(1, getRequestedFor(urlPathEqualTo("/sandbox/items")));
  }

  @Test
  void addFieldsLeavesTheConfigAloneWhenTheConditionFails() {
    serveItems("live");

    FakeApi.Output out = read(connector(SANDBOX_WHEN_TESTING), Json.parse("{\"testing\": false}"));

    assertEquals(1, out.records("items").size());
    api.server.verify(0, getRequestedFor(urlPathEqualTo("/sandbox/items")));
  }

  @Test
  void removeFieldsTakesTheFieldAwayBeforeTemplatesSeeIt() {
    serveItems("live");
    DeclarativeConnector c =
        connector(
            """
            transformations:
              - type: ConfigRemoveFields
                field_pointers: [[legacy_filter], [not, there]]
            """);

    read(c, Json.parse("{\"legacy_filter\": \"active\"}"));

    api.server.verify(
        1,
        getRequestedFor(urlPathEqualTo("/live/items")).withQueryParam("filter", equalTo("none")));
  }

  @Test
  void removeFieldsWithAFalseConditionKeepsTheField() {
    serveItems("live");
    DeclarativeConnector c =
        connector(
            """
            transformations:
              - type: ConfigRemoveFields
                condition: "{{ config.get('drop_filter', False) }}"
                field_pointers: [[legacy_filter]]
            """);

    read(c, Json.parse("{\"legacy_filter\": \"active\"}"));

    api.server.verify(
        1,
        getRequestedFor(urlPathEqualTo("/live/items")).withQueryParam("filter", equalTo("active")));
  }

  /** The airtable-style migration: a top-level api_key moves under credentials. */
  private static final String KEY_UNDER_CREDENTIALS =
      """
      config_migrations:
        - type: ConfigMigration
          description: api_key moves under credentials
          transformations:
            - type: ConfigAddFields
              condition: "{{ config.get('api_key', False) }}"
              fields:
                - type: AddedFieldDefinition
                  path: [credentials, api_key]
                  value: "{{ config['api_key'] }}"
            - type: ConfigRemoveFields
              field_pointers: [[api_key]]
      transformations:
        - type: ConfigAddFields
          fields:
            - type: AddedFieldDefinition
              path: [region]
              value: "eu"
      """;

  @Test
  void aMigratedConfigIsAnnouncedOnceForStorageWithoutTheRunOnlyTransformations() {
    serveItems("live");
    DeclarativeConnector c = connector(KEY_UNDER_CREDENTIALS);

    FakeApi.Output out = read(c, Json.parse("{\"api_key\": \"key-old-shape-1\"}"));

    api.server.verify(
        1,
        getRequestedFor(urlPathEqualTo("/live/items"))
            .withHeader("X-Key", equalTo("key-old-shape-1"))
            .withQueryParam("region", equalTo("eu")));
    List<JsonNode> announced = announcedConfigs(out);
    assertEquals(1, announced.size(), "the migration is announced once: " + out.messages);
    assertEquals(
        Json.parse("{\"credentials\": {\"api_key\": \"key-old-shape-1\"}}"),
        announced.get(0),
        "the stored config is the migrated one, without the transformation's region");
  }

  @Test
  void aConfigAlreadyMigratedIsNotAnnouncedAgain() {
    serveItems("live");
    DeclarativeConnector c = connector(KEY_UNDER_CREDENTIALS);
    JsonNode first = announcedConfigs(read(c, Json.parse("{\"api_key\": \"key-1\"}"))).get(0);

    FakeApi.Output second = read(c, first);

    assertTrue(
        announcedConfigs(second).isEmpty(),
        "nothing changed, so nothing is written: " + announcedConfigs(second));
    api.server.verify(
        2, getRequestedFor(urlPathEqualTo("/live/items")).withHeader("X-Key", equalTo("key-1")));
  }

  @Test
  void checkAndDiscoverWorkOnTheMigratedConfigWithoutAnnouncingIt() {
    serveItems("live");
    DeclarativeConnector c = connector(KEY_UNDER_CREDENTIALS);
    ObjectNode config = (ObjectNode) Json.parse("{\"api_key\": \"key-2\"}");

    ObjectNode status = c.check(config);

    assertEquals("SUCCEEDED", status.path("status").asText(), "check: " + status);
    api.server.verify(
        1, getRequestedFor(urlPathEqualTo("/live/items")).withHeader("X-Key", equalTo("key-2")));
    assertEquals(
        Json.parse("{\"api_key\": \"key-2\"}"), config, "the caller's config object is untouched");
  }

  private static final String SERVICE_ACCOUNT_CHECK =
      """
      validations:
        - type: DpathValidator
          field_path: [service_account_info]
          validation_strategy:
            type: ValidateAdheresToSchema
            base_schema:
              type: object
              required: [client_email]
      """;

  @Test
  void aValidationFailureFailsCheckWithTheValidatorsReasonAndNoSecret() {
    ObjectNode config =
        Json.object().put("service_account_info", "{\"private_key\": \"pk-secret-77\"}");

    ObjectNode status = connector(SERVICE_ACCOUNT_CHECK).check(config);

    String message = status.path("message").asText();
    assertEquals("FAILED", status.path("status").asText(), "check: " + status);
    assertTrue(
        message.contains("service_account_info") && message.contains("client_email"),
        "the message names the field and what the schema missed: " + message);
    assertFalse(message.contains("pk-secret-77"), "no secret in the message: " + message);
    assertEquals(0, api.server.getAllServeEvents().size(), "nothing is sent for a refused config");
  }

  @Test
  void aValueThatIsNotJsonFailsWithoutBeingQuoted() {
    ObjectNode config = Json.object().put("service_account_info", "pk-secret-88 not json");

    ObjectNode status = connector(SERVICE_ACCOUNT_CHECK).check(config);

    String message = status.path("message").asText();
    assertEquals("FAILED", status.path("status").asText(), "check: " + status);
    assertTrue(message.contains("not valid JSON"), "the reason: " + message);
    assertFalse(message.contains("pk-secret-88"), "the value is never quoted: " + message);
  }

  @Test
  void aValidationFailureFailsTheReadBeforeAnyRequest() {
    DeclarativeConnector c = connector(SERVICE_ACCOUNT_CHECK);
    JsonNode config =
        Json.object().put("service_account_info", "{\"private_key\": \"pk-secret-99\"}");

    DeclarativeError e =
        assertThrows(
            DeclarativeError.class,
            () ->
                c.read(
                    config, FakeApi.catalog("full_refresh", "items"), Optional.empty(), m -> {}));

    assertTrue(e.getMessage().contains("client_email"), e.getMessage());
    assertFalse(e.getMessage().contains("pk-secret-99"), e.getMessage());
    assertEquals(0, api.server.getAllServeEvents().size(), "nothing is sent for a refused config");
  }

  @Test
  void aConfigThatPassesTheValidationIsRead() {
    serveItems("live");
    JsonNode config =
        Json.object()
            .put("service_account_info", "{\"client_email\": \"a@b.c\", \"private_key\": \"k\"}");

    FakeApi.Output out = read(connector(SERVICE_ACCOUNT_CHECK), config);

    assertEquals(1, out.records("items").size());
  }

  @Test
  void aPredicateValidatorChecksATemplateOverTheConfig() {
    DeclarativeConnector c =
        connector(
            """
            validations:
              - type: PredicateValidator
                value: "{{ config.get('page_size', 100) }}"
                validation_strategy:
                  type: ValidateAdheresToSchema
                  base_schema: {type: integer, maximum: 500}
            """);

    ObjectNode status = c.check(Json.object().put("page_size", 1000));

    assertEquals("FAILED", status.path("status").asText(), "check: " + status);
    assertTrue(status.path("message").asText().contains("500"), "the reason: " + status);
  }
}
