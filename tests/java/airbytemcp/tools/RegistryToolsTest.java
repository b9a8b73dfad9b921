package airbytemcp.tools;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.config.SettingsLoader;
import airbytemcp.registry.RegistryError;
import airbytemcp.secrets.Masker;
import airbytemcp.testing.FakeToolCall;
import airbytemcp.testing.RegistryFake;
import airbytemcp.testing.TestSettings;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry tools against WireMock playing Airbyte's CDN and docs site, serving the project's
 * registry fixture (tests/resources/registry).
 */
class RegistryToolsTest {
  @TempDir Path dir;
  private RegistryFake cdn;
  private Map<String, ToolDefinition> tools;

  @BeforeEach
  void start() throws IOException {
    cdn = new RegistryFake();
    cdn.servingFixture();
    var settings =
        TestSettings.in(dir)
            .env(SettingsLoader.CONNECTORS_CDN_URL, cdn.cdnUrl())
            .env(SettingsLoader.DOCS_URL, cdn.docsUrl())
            .load();
    tools = new HashMap<>();
    new RegistryTools(Services.create(settings, new Masker()))
        .definitions()
        .forEach(t -> tools.put(t.name(), t));
  }

  @AfterEach
  void stop() {
    if (cdn != null) {
      cdn.close();
    }
  }

  private ToolResult call(String tool, Map<String, Object> args) throws Exception {
    return tools.get(tool).handler().call(new FakeToolCall(args));
  }

  @SuppressWarnings("unchecked")
  private List<String> names(Map<String, Object> args) throws Exception {
    return (List<String>) call("list_connectors", args).structured().get("result");
  }

  @Test
  void listConnectorsWithoutFiltersListsTheWholeRegistry() throws Exception {
    assertEquals(8, names(Map.of()).size(), "the fixture's 5 sources and 3 destinations");
  }

  @Test
  void listConnectorsFiltersByTypeAndInstallType() throws Exception {
    assertEquals(
        List.of("destination-dev-null", "destination-duckdb", "destination-postgres"),
        names(Map.of("connector_type_filter", "destination")));
    assertEquals(List.of("source-fixture-declarative"), names(Map.of("install_types", "yaml")));
    assertEquals(
        5,
        names(Map.of("install_types", List.of("yaml", "python"))).size(),
        "one manifest-only and four PyPI connectors");
    assertEquals(
        List.of("source-fixture-declarative"),
        names(Map.of("keyword_filter", "FIXTURE", "install_types", "yaml")));
    assertEquals(List.of(), names(Map.of("keyword_filter", "postgres", "install_types", "yaml")));
  }

  @Test
  void listConnectorsSaysWhyNothingMatched() throws Exception {
    Map<String, Object> answer =
        call("list_connectors", Map.of("keyword_filter", "postgres", "install_types", "yaml"))
            .structured();
    assertEquals(List.of(), answer.get("result"));
    assertTrue(answer.get("message").toString().contains("install_types=yaml"), answer.toString());
  }

  @Test
  void anEmptySearchAnswersResultFirstThenMessageLikeAFullOne() throws Exception {
    Map<String, Object> answer =
        call("list_connectors", Map.of("keyword_filter", "postgres", "install_types", "yaml"))
            .structured();
    assertEquals(
        List.of("result", "message"),
        List.copyOf(answer.keySet()),
        "the list first, as in a search that found names, then why it is empty");
  }

  @Test
  void listConnectorsFindsAConnectorByItsTitle() throws Exception {
    assertEquals(List.of("source-faker"), names(Map.of("keyword_filter", "sample data")));
  }

  @Test
  void listConnectorsRefusesAnUnknownInstallType() {
    ArgumentError e =
        assertThrows(ArgumentError.class, () -> names(Map.of("install_types", "rust")));
    assertTrue(e.getMessage().contains("rust"), "expected " + "rust" + " in: " + e.getMessage());
  }

  @Test
  @SuppressWarnings("unchecked")
  void connectorInfoTakesTheSpecFromTheRegistryEntry() throws Exception {
    Map<String, Object> info =
        call("get_connector_info", Map.of("connector_name", "source-fixture-declarative"))
            .structured();
    assertEquals("source-fixture-declarative", info.get("connector_name"));
    assertEquals(
        cdn.docsUrl() + "/integrations/sources/fixture-declarative", info.get("documentation_url"));
    Map<String, Object> metadata = (Map<String, Object>) info.get("connector_metadata");
    assertEquals("manifest-only", metadata.get("language"));
    assertTrue(
        ((List<String>) metadata.get("install_types")).contains("yaml"),
        "expected " + "yaml" + " in: " + ((List<String>) metadata.get("install_types")));
    assertTrue(
        String.valueOf(info.get("manifest_url"))
            .startsWith(cdn.cdnUrl() + "/metadata/airbyte/source-fixture-declarative/"));
    assertTrue(String.valueOf(info.get("manifest_url")).endsWith("/manifest.yaml"));
    var spec = (JsonNode) info.get("config_spec_jsonschema");
    assertTrue(spec.path("properties").has("item_kind"), spec.toString());
  }

  @Test
  void connectorInfoOfAJavaConnectorHasNoManifestUrl() throws Exception {
    assertNull(
        call("get_connector_info", Map.of("connector_name", "source-postgres"))
            .structured()
            .get("manifest_url"));
  }

  @Test
  void connectorInfoOfAnUnknownConnectorIsAClearError() {
    RegistryError e =
        assertThrows(
            RegistryError.class,
            () -> call("get_connector_info", Map.of("connector_name", "source-nope")));
    assertTrue(
        e.getMessage().contains("source-nope"),
        "expected " + "source-nope" + " in: " + e.getMessage());
  }

  @Test
  @SuppressWarnings("unchecked")
  void apiDocsUrlsCombineRegistryAndPublishedMetadataWithoutDuplicates() throws Exception {
    cdn.server.stubFor(
        get("/files/metadata/airbyte/source-fixture-declarative/latest/metadata.yaml")
            .willReturn(
                aResponse()
                    .withBody(
                        """
        data:
          externalDocumentationUrls:
            - title: API reference
              type: api_reference
              url: https://api.fixture.example/docs/reference
            - title: Changelog
              type: api_release_history
              url: https://api.fixture.example/docs/changelog
        """)));
    List<Map<String, Object>> urls =
        (List<Map<String, Object>>)
            call("get_api_docs_urls", Map.of("connector_name", "source-fixture-declarative"))
                .structured()
                .get("result");
    assertEquals("Airbyte Documentation", urls.get(0).get("title"));
    assertEquals("registry", urls.get(0).get("source"));
    assertEquals(
        List.of(
            "registry",
            "registry_external_docs",
            "registry_external_docs",
            "registry_external_docs",
            "data_external_docs"),
        urls.stream().map(u -> u.get("source")).toList());
    assertEquals("api_release_history", urls.get(4).get("type"));
  }

  @Test
  void apiDocsUrlsStillAnswerWhenTheMetadataFileIsMissing() throws Exception {
    var result = call("get_api_docs_urls", Map.of("connector_name", "source-fixture-declarative"));
    assertTrue(((List<?>) result.structured().get("result")).size() >= 1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void versionHistoryReadsTheChangelogAndDatesTheLatestFromTheRegistry() throws Exception {
    cdn.server.stubFor(
        get("/docs/integrations/sources/fixture-declarative")
            .willReturn(
                aResponse()
                    .withBody(
                        """
        <table><tbody>
        <tr><td>0.3.0</td><td>2025-12-01</td><td><a href="https://github.com/airbytehq/airbyte/pull/70001">70001</a></td><td>Update dependencies</td></tr>
        <tr><td>0.2.1</td><td>2025-11-01</td><td><a href="https://github.com/airbytehq/airbyte/pull/69001">69001</a></td><td>Update dependencies</td></tr>
        <tr><td>0.2.0</td><td>2025-10-01</td><td><a href="https://github.com/airbytehq/airbyte/pull/68001">68001</a></td><td>Fix pagination</td></tr>
        </tbody></table>""")));
    List<Map<String, Object>> versions =
        (List<Map<String, Object>>)
            call(
                    "get_connector_version_history",
                    Map.of("connector_name", "source-fixture-declarative", "limit", 2))
                .structured()
                .get("result");
    assertEquals(2, versions.size());
    assertEquals("0.3.0", versions.get(0).get("version"));
    assertEquals(
        "2026-02-03T04:05:06+00:00",
        versions.get(0).get("release_date"),
        "the registry's timestamp for the latest");
    assertEquals("2025-11-01", versions.get(1).get("release_date"));
    assertEquals(
        "https://hub.docker.com/r/airbyte/source-fixture-declarative/tags?name=0.3.0",
        versions.get(0).get("docker_image_url"));
    assertEquals("https://github.com/airbytehq/airbyte/pull/70001", versions.get(0).get("pr_url"));
  }

  @Test
  void versionHistorySaysSoWhenTheChangelogCannotBeFetched() {
    cdn.server.stubFor(
        get("/docs/integrations/sources/fixture-declarative")
            .willReturn(aResponse().withStatus(502)));
    RegistryError e =
        assertThrows(
            RegistryError.class,
            () ->
                call(
                    "get_connector_version_history",
                    Map.of("connector_name", "source-fixture-declarative")));
    assertTrue(
        e.getMessage().contains("Failed to fetch the changelog"),
        "expected " + "Failed to fetch the changelog" + " in: " + e.getMessage());
  }
}
