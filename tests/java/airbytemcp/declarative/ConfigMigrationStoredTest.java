package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
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
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the tools: a config in an old shape that the current spec refuses is migrated by the
 * manifest's {@code config_migrations} before it is validated, and the migrated config is stored
 * where the user's came from (here its config file), once, with its secret references kept.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConfigMigrationStoredTest {
  @RegisterExtension final FakeApi api = new FakeApi();
  @TempDir Path workDir;
  private ToolHarness tools;
  private final RegistryFake cdn = new RegistryFake();
  private Path configFile;

  private static final String MANIFEST =
      """
      version: 6.0.0
      type: DeclarativeSource
      check: {type: CheckStream, stream_names: [items]}
      spec:
        type: Spec
        connection_specification:
          type: object
          required: [credentials]
          properties:
            credentials:
              type: object
              required: [api_key]
              properties:
                api_key: {type: string, airbyte_secret: true}
        config_normalization_rules:
          type: ConfigNormalizationRules
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
              authenticator:
                type: ApiKeyAuthenticator
                api_token: "{{ config['credentials']['api_key'] }}"
                inject_into: {type: RequestOption, inject_into: header, field_name: X-Key}
            record_selector:
              type: RecordSelector
              extractor: {type: DpathExtractor, field_path: [items]}
      """;

  @BeforeEach
  void start() throws Exception {
    // a registry connector: only those are given secrets
    cdn.serveManifest("source-manifesty", MANIFEST);
    configFile =
        Files.writeString(
            workDir.resolve("config.json"), "{\"api_key\": \"secret_reference::OLD_KEY\"}");
    api.server.stubFor(
        get(urlPathEqualTo("/items"))
            .withHeader("X-Key", equalTo("key-old-7"))
            .willReturn(okJson("{\"items\": [{\"id\": 1}]}")));
    tools =
        new ToolHarness(
            workDir.resolve("home"),
            Map.of("OLD_KEY", "key-old-7"),
            HostTools.ofPath("/nonexistent"),
            TestResolvers.NO_DOCKER,
            new DeclarativeConnectorFactory(
                SharedManifests.loaderValidatingWhereAvailable(cdn), api.options()));
  }

  @AfterEach
  void stop() {
    cdn.close();
  }

  /** The validation's outcome ({@code valid}, {@code message}). */
  private JsonNode validate() throws Exception {
    ToolResult result =
        tools.call(
            "validate_connector_config",
            Map.of(
                "connector_name", "source-manifesty",
                "override_execution_mode", "native",
                "config_file", configFile.toString()));
    assertFalse(result.isError(), result.text());
    return Json.MAPPER.valueToTree(result.structured());
  }

  @Test
  void anOldShapedConfigIsMigratedBeforeTheSpecCheckAndStoredInItsFile() throws Exception {
    JsonNode result = validate();

    assertEquals(
        "true",
        result.path("valid").asText(),
        "the migrated config passes the spec and the check: " + result);
    api.server.verify(1, getRequestedFor(urlPathEqualTo("/items")));
    String stored = Files.readString(configFile);
    assertEquals(
        "secret_reference::OLD_KEY",
        Json.parse(stored).path("credentials").path("api_key").asText(),
        "the file holds the migrated shape, the copied secret as its reference: " + stored);
    assertFalse(stored.contains("key-old-7"), "the secret itself is never written: " + stored);
    assertFalse(result.toString().contains("key-old-7"), "no secret in the result: " + result);
  }

  @Test
  void aMigratedConfigIsNotWrittenAgain() throws Exception {
    validate();
    FileTime before = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    Files.setLastModifiedTime(configFile, before);
    String text = Files.readString(configFile);

    JsonNode again = validate();

    assertEquals("true", again.path("valid").asText(), "still valid: " + again);
    assertEquals(text, Files.readString(configFile), "the file is unchanged");
    assertEquals(
        before, Files.getLastModifiedTime(configFile), "nothing changed, so nothing was written");
  }
}
