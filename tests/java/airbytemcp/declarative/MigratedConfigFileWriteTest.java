package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import airbytemcp.common.Json;
import airbytemcp.connectors.HostTools;
import airbytemcp.testing.RegistryFake;
import airbytemcp.testing.TestResolvers;
import airbytemcp.testing.ToolHarness;
import airbytemcp.tools.ToolResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the tools: what a config migration writes into the config file the call named. A copied
 * secret is stored as its {@code secret_reference::}, also when the CDK reads the copy back as a
 * number or an object; no value that shows a secret and no value the call gave inline is written
 * there, because the agent may name any JSON/YAML file of the user's.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MigratedConfigFileWriteTest {
  @RegisterExtension final FakeApi api = new FakeApi();
  @TempDir Path workDir;
  private ToolHarness tools;
  private final RegistryFake cdn = new RegistryFake();

  /**
   * Migrations shaped like the registry's (source-airtable copies {@code api_key} under {@code
   * credentials}), one that builds a header from the key, and one that copies a plain field.
   */
  private static final String MANIFEST =
      """
      version: 6.0.0
      type: DeclarativeSource
      check: {type: CheckStream, stream_names: [items]}
      spec:
        type: Spec
        connection_specification:
          type: object
          properties:
            api_key: {type: string, airbyte_secret: true}
            region: {type: string}
            credentials:
              type: object
              properties:
                api_key: {type: string, airbyte_secret: true}
        config_normalization_rules:
          type: ConfigNormalizationRules
          config_migrations:
            - type: ConfigMigration
              transformations:
                - type: ConfigAddFields
                  condition: "{{ config.get('api_key', False) }}"
                  fields:
                    - type: AddedFieldDefinition
                      path: [credentials, api_key]
                      value: "{{ config['api_key'] }}"
                    - type: AddedFieldDefinition
                      path: [auth_header]
                      value: "Bearer {{ config['api_key'] }}"
            - type: ConfigMigration
              transformations:
                - type: ConfigAddFields
                  condition: "{{ config.get('region', False) }}"
                  fields:
                    - type: AddedFieldDefinition
                      path: [location, region]
                      value: "{{ config['region'] }}"
      streams:
        - type: DeclarativeStream
          name: items
          schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
          retriever:
            type: SimpleRetriever
            requester:
              type: HttpRequester
              url_base: https://api.example.com
              path: /items
              http_method: GET
            record_selector:
              type: RecordSelector
              extractor: {type: DpathExtractor, field_path: [items]}
      """;

  private static final String ACCOUNT_NUMBER = "4417123456789";
  private static final String PRIVATE_KEY = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC-fxg-key-2291";
  private static final String SERVICE_ACCOUNT =
      "{\"type\":\"service_account\",\"client_email\":\"loader@proj.iam.gserviceaccount.com\","
          + "\"private_key\":\""
          + PRIVATE_KEY
          + "\"}";
  private static final String API_KEY = "key-live-5521-fxg";

  @BeforeEach
  void start() throws Exception {
    cdn.serveManifest("source-manifesty", MANIFEST);
    api.server.stubFor(get(urlPathEqualTo("/items")).willReturn(okJson("{\"items\": []}")));
    tools =
        new ToolHarness(
            workDir.resolve("home"),
            Map.of(
                "ACCOUNT_NUMBER", ACCOUNT_NUMBER,
                "SERVICE_ACCOUNT", "'" + SERVICE_ACCOUNT + "'",
                "API_KEY", API_KEY),
            HostTools.ofPath("/nonexistent"),
            TestResolvers.NO_DOCKER,
            new DeclarativeConnectorFactory(
                SharedManifests.loaderValidatingWhereAvailable(cdn), api.options()));
  }

  @AfterEach
  void stop() {
    cdn.close();
  }

  private Path file(String name, String text) throws Exception {
    return Files.writeString(
        Files.createDirectories(workDir.resolve("project")).resolve(name), text);
  }

  /** validate_connector_config with the config file and, when given, an inline config. */
  private void validate(Path configFile, Map<String, Object> inline) throws Exception {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("connector_name", "source-manifesty");
    args.put("override_execution_mode", "native");
    args.put("config_file", configFile.toString());
    if (!inline.isEmpty()) {
      args.put("config", inline);
    }
    ToolResult result = tools.call("validate_connector_config", args);
    assertFalse(result.isError(), result.text());
  }

  private static JsonNode copiedKey(String stored) {
    return Json.parse(stored).path("credentials").path("api_key");
  }

  @Test
  void aCopiedDigitsOnlySecretIsStoredAsItsReference() throws Exception {
    Path config = file("config.json", "{\"api_key\": \"secret_reference::ACCOUNT_NUMBER\"}");

    validate(config, Map.of());

    String stored = Files.readString(config);
    assertEquals(
        "secret_reference::ACCOUNT_NUMBER",
        copiedKey(stored).asText(),
        "the copy, read back as a number, is stored as the reference it came from: " + stored);
    assertFalse(stored.contains(ACCOUNT_NUMBER), "the digits were written to the file: " + stored);
  }

  @Test
  void aCopiedServiceAccountKeyIsStoredAsItsReference() throws Exception {
    Path config = file("config.yaml", "api_key: secret_reference::SERVICE_ACCOUNT\n");

    validate(config, Map.of());

    String stored = Files.readString(config);
    assertEquals(
        "secret_reference::SERVICE_ACCOUNT",
        Json.parseJsonOrYaml(stored).path("credentials").path("api_key").asText(),
        "the copy, read back as an object, is stored as the reference it came from: " + stored);
    assertFalse(stored.contains(PRIVATE_KEY), "the private key was written to the file: " + stored);
  }

  @Test
  void aValueAMigrationBuiltAroundASecretIsNotWrittenToTheFile() throws Exception {
    Path config = file("config.json", "{\"api_key\": \"secret_reference::API_KEY\"}");

    validate(config, Map.of());

    String stored = Files.readString(config);
    assertFalse(stored.contains(API_KEY), "the secret was written inside a header: " + stored);
    assertFalse(
        Json.parse(stored).has("auth_header"),
        "a field that holds a secret is left out, not stored: " + stored);
    assertEquals(
        "secret_reference::API_KEY",
        copiedKey(stored).asText(),
        "the plain copy is still stored as its reference: " + stored);
  }

  @Test
  void theAgentsInlineValueCopiedByAMigrationIsNotWrittenToTheFileItNamed() throws Exception {
    String settings = "{\"theme\": \"dark\"}";
    Path usersFile = file("settings.json", settings);

    validate(usersFile, Map.of("region", "planted-by-the-agent"));

    assertEquals(
        settings,
        Files.readString(usersFile),
        "a value the call gave inline was written into a file of the user's");
  }

  @Test
  void aSecretReferencedInlineIsNotWrittenToAFileTheAgentNamed() throws Exception {
    String settings = "{\"theme\": \"dark\"}";
    Path usersFile = file("settings.json", settings);

    validate(usersFile, Map.of("api_key", "secret_reference::ACCOUNT_NUMBER"));

    assertEquals(
        settings,
        Files.readString(usersFile),
        "the call's migrated config (the secret, or its reference) was written into a file of "
            + "the user's");
  }
}
