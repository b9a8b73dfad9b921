package airbytemcp.server;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.cloud.ApiConformance;
import airbytemcp.cloud.FakeAirbyte;
import airbytemcp.common.Json;
import airbytemcp.testing.TestResources;
import airbytemcp.views.ViewFixture;
import airbytemcp.views.ViewScenario;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three MCP Apps tools as clients meet them: a server process driven by the MCP Java SDK
 * client, once declaring the UI extension and once not, against a fake Airbyte workspace and the
 * real registry snapshot.
 */
class InteractiveToolsOverMcpTest {
  static final Set<String> VIEW_TOOLS =
      Set.of("show_connectors_list", "show_connection_sync_history", "show_workspace_sync_status");

  @TempDir static Path uiDir;
  @TempDir static Path plainDir;
  static ViewFixture ui;
  static ViewFixture plain;

  /**
   * The registry the UI client's server reads: the project's fixture plus enough sources to pass
   * the preview cap.
   */
  static Path registry;

  @BeforeAll
  static void start() throws Exception {
    registry = registryWithManySources(uiDir.resolve("registry-many-sources.json"), 40);
    ui = ViewFixture.start(uiDir, true, Map.of("AIRBYTE_LOCAL_REGISTRY", registry.toString()));
    plain = ViewFixture.start(plainDir, false);
  }

  @AfterAll
  static void stop() {
    try {
      if (ui != null) {
        ui.close();
      }
    } finally {
      if (plain != null) {
        plain.close();
      }
    }
  }

  /**
   * The project's registry fixture with {@code extra} community sources added, written to {@code
   * file}.
   */
  static Path registryWithManySources(Path file, int extra) throws Exception {
    ObjectNode registry = (ObjectNode) Json.parse(Files.readString(TestResources.registry()));
    ArrayNode sources = (ArrayNode) registry.path("sources");
    ObjectNode template = (ObjectNode) sources.get(0);
    for (int i = 0; i < extra; i++) {
      String name = String.format(Locale.ROOT, "source-generated-%02d", i);
      sources.add(
          template
              .deepCopy()
              .put("name", "Generated " + i)
              .put("dockerRepository", "airbyte/" + name)
              .put(
                  "sourceDefinitionId",
                  String.format(Locale.ROOT, "00000000-0000-4000-8000-%012d", i))
              .put("supportLevel", "community"));
    }
    Files.writeString(file, Json.toTree(registry).toString());
    return file;
  }

  private static Map<String, McpSchema.Tool> tools(ViewFixture fixture) {
    return fixture.server.client.listTools().tools().stream()
        .collect(Collectors.toMap(McpSchema.Tool::name, t -> t));
  }

  private static JsonNode structured(McpSchema.CallToolResult result) {
    assertFalse(Boolean.TRUE.equals(result.isError()), () -> "tool failed: " + result.content());
    return Json.toTree(result.structuredContent());
  }

  @Test
  void listsTheViewToolsWithTheirUiResourceToClientsThatDeclareTheExtension() {
    Map<String, McpSchema.Tool> tools = tools(ui);
    for (String name : VIEW_TOOLS) {
      McpSchema.Tool tool = tools.get(name);
      assertTrue(tool != null, name + " is listed");
      @SuppressWarnings("unchecked")
      Map<String, Object> meta = (Map<String, Object>) tool.meta().get("ui");
      String uri = (String) meta.get("resourceUri");
      assertTrue(uri.startsWith("ui://airbyte-mcp/"), uri);
      assertEquals(uri, tool.meta().get("ui/resourceUri"));
      assertTrue(tool.annotations().readOnlyHint());
      assertFalse(tool.annotations().destructiveHint());
    }
  }

  @Test
  void neverListsTheViewToolsToClientsWithoutTheExtension() {
    Set<String> names = tools(plain).keySet();
    assertTrue(names.contains("list_connectors"), "the other tools are listed: " + names);
    assertTrue(names.stream().noneMatch(VIEW_TOOLS::contains), "no view tool is listed: " + names);
    assertEquals(tools(ui).size() - VIEW_TOOLS.size(), names.size());
  }

  @Test
  void answersViewToolCallsFromClientsWithoutTheExtensionWithAnErrorResultSayingWhy() {
    McpSchema.CallToolResult result = plain.call("show_connectors_list", Map.of());
    assertTrue(Boolean.TRUE.equals(result.isError()), "an error result, not a protocol error");
    String text = ((McpSchema.TextContent) result.content().get(0)).text();
    assertTrue(text.contains("UI extension") && text.contains("list_connectors"), text);
  }

  @Test
  void servesEachViewAsASelfContainedMcpAppPage() {
    for (McpSchema.Tool tool : tools(ui).values()) {
      if (!VIEW_TOOLS.contains(tool.name())) {
        continue;
      }
      @SuppressWarnings("unchecked")
      String uri = (String) ((Map<String, Object>) tool.meta().get("ui")).get("resourceUri");
      McpSchema.TextResourceContents page = ui.resource(uri);
      assertEquals("text/html;profile=mcp-app", page.mimeType());
      String html = page.text();
      assertTrue(html.contains("default-src 'none'"), "a CSP forbids fetching anything");
      for (String remote :
          List.of(
              "<script src",
              "<link",
              "@import",
              "fetch(",
              "XMLHttpRequest",
              "WebSocket",
              "innerHTML")) {
        assertFalse(html.contains(remote), uri + " must not use " + remote);
      }
      Matcher urls = Pattern.compile("https?://[^'\"\\s)]+").matcher(html);
      while (urls.find()) {
        assertEquals("http://www.w3.org/2000/svg", urls.group(), uri + " names no remote address");
      }
    }
  }

  @Test
  void connectorListShowsTheFilteredRegistryAndPreviewsItForTheModel() throws Exception {
    JsonNode snapshot = Json.parse(Files.readString(registry));
    Set<String> certifiedDestinations = new TreeSet<>();
    for (JsonNode entry : snapshot.path("destinations")) {
      if ("certified".equals(entry.path("supportLevel").asText())) {
        certifiedDestinations.add(entry.path("dockerRepository").asText().replace("airbyte/", ""));
      }
    }
    McpSchema.CallToolResult result =
        ui.call("show_connectors_list", Map.of("connector_type", "destination", "certified", true));
    JsonNode data = structured(result);
    List<String> names = new ArrayList<>();
    data.path("connectors").forEach(c -> names.add(c.path("name").asText()));
    assertEquals(
        new ArrayList<>(certifiedDestinations),
        names,
        "every certified destination, sorted by name");
    assertEquals(certifiedDestinations.size(), data.path("connector_count").asInt());
    assertEquals("Airbyte", data.path("connectors").get(0).path("support_label").asText());
    JsonNode forModel = Json.parse(ui.text(result));
    assertEquals(certifiedDestinations.size(), forModel.path("model_preview_count").asInt());
    assertFalse(forModel.path("model_preview_truncated").asBoolean());
  }

  @Test
  void capsTheModelsPreviewAt25ConnectorsWhileTheViewGetsThemAll() {
    McpSchema.CallToolResult result =
        ui.call("show_connectors_list", Map.of("connector_type", "source"));
    int all = structured(result).path("connector_count").asInt();
    JsonNode forModel = Json.parse(ui.text(result));
    assertEquals(25, forModel.path("connectors").size());
    assertTrue(forModel.path("model_preview_truncated").asBoolean());
    assertEquals(all - 25, forModel.path("model_preview_omitted_count").asInt());
    assertEquals(all, forModel.path("full_count_rendered_to_user").asInt());
    assertTrue(all > 25, "the registry has more sources than the preview shows: " + all);
  }

  @Test
  void refusesContradictoryConnectorFilters() {
    McpSchema.CallToolResult result =
        ui.call("show_connectors_list", Map.of("certified", true, "support_level", "community"));
    assertTrue(result.isError());
    assertTrue(ui.text(result).contains("Hint:"), ui.text(result));
  }

  @Test
  void syncHistoryReturnsTheJobsWithTotalsAndTellsTheModelOneLine() {
    McpSchema.CallToolResult result =
        ui.call("show_connection_sync_history", Map.of("connection_id", ViewScenario.HEALTHY));
    JsonNode data = structured(result);
    assertEquals(ViewScenario.HEALTHY_JOBS, data.path("jobs").size());
    assertEquals("Postgres to BigQuery", data.path("connection_name").asText());
    JsonNode totals = data.path("totals");
    assertEquals(9, totals.path("succeeded").asInt());
    assertEquals(3, totals.path("failed").asInt());
    assertEquals(75.0, totals.path("success_rate").asDouble());
    assertEquals(ViewScenario.HEALTHY_RECORDS, totals.path("total_records").asLong());
    assertEquals(60, data.path("jobs").get(0).path("duration_seconds").asLong());
    String text = ui.text(result);
    assertTrue(text.contains("12 jobs, 75.0% success rate"), text);
    assertFalse(text.contains("job_id"), "min context carries no job data: " + text);
    ui.fake.server.verify(
        getRequestedFor(urlPathEqualTo(ApiConformance.PUBLIC_ROOT + "/jobs"))
            .withQueryParam("connectionId", equalTo(ViewScenario.HEALTHY))
            .withQueryParam("limit", equalTo("30"))
            .withQueryParam("orderBy", equalTo("createdAt|DESC")));
  }

  @Test
  void verboseContextGivesTheModelTheNewestTenJobs() {
    String text =
        ui.text(
            ui.call(
                "show_connection_sync_history",
                Map.of(
                    "connection_id",
                    ViewScenario.HEALTHY,
                    "agent_context",
                    "verbose",
                    "suppress_ui",
                    true)));
    assertTrue(text.contains("\"job_id\":6012"), text);
    assertTrue(text.contains("\"job_id\":6003"), text);
    assertFalse(text.contains("\"job_id\":6002"), "only ten jobs: " + text);
  }

  @Test
  void suppressUiAnswersInTextOnly() {
    McpSchema.CallToolResult result =
        ui.call(
            "show_workspace_sync_status", Map.of("suppress_ui", true, "agent_context", "summary"));
    assertFalse(Boolean.TRUE.equals(result.isError()), ui.text(result));
    assertNull(result.structuredContent());
    assertTrue(ui.text(result).contains("Needs attention: 'Stripe to Snowflake'"), ui.text(result));
  }

  @Test
  void refusesMoreThan100Jobs() {
    McpSchema.CallToolResult result =
        ui.call(
            "show_connection_sync_history",
            Map.of("connection_id", ViewScenario.HEALTHY, "max_jobs", 101));
    assertTrue(result.isError(), ui.text(result));
  }

  @Test
  void workspaceBoardFlagsTheFailingConnectionAndTheRunningJob() {
    JsonNode data =
        structured(ui.call("show_workspace_sync_status", Map.of("max_jobs_per_connection", 3)));
    JsonNode metrics = data.path("metrics");
    assertEquals(4, metrics.path("total_connections").asInt());
    assertEquals(1, metrics.path("problem_connections").asInt());
    assertEquals(1, metrics.path("running_connections").asInt());
    assertEquals(
        2, metrics.path("recently_synced").asInt(), "HEALTHY (1 h ago) and RUNNING (5 h ago)");
    Map<String, JsonNode> byId = new HashMap<>();
    data.path("connections").forEach(c -> byId.put(c.path("connection_id").asText(), c));
    JsonNode failing = byId.get(ViewScenario.FAILING);
    assertTrue(failing.path("problem").asBoolean());
    assertEquals(2, failing.path("failures_in_window").asInt());
    assertEquals("Stripe", failing.path("source_name").asText());
    assertEquals(
        Long.parseLong(ViewScenario.RUNNING_JOB),
        byId.get(ViewScenario.RUNNING).path("running_job_id").asLong());
    assertEquals("succeeded", byId.get(ViewScenario.RUNNING).path("last_status").asText());
    assertEquals("no syncs", byId.get(ViewScenario.IDLE).path("last_status").asText());
    ui.fake.server.verify(
        getRequestedFor(urlPathEqualTo(ApiConformance.PUBLIC_ROOT + "/jobs"))
            .withQueryParam("connectionId", equalTo(ViewScenario.FAILING))
            .withQueryParam("limit", equalTo("3")));
  }

  @Test
  void noCredentialReachesTheClient() throws Exception {
    ui.call("show_workspace_sync_status", Map.of("agent_context", "verbose"));
    ui.call(
        "show_connection_sync_history",
        Map.of("connection_id", ViewScenario.HEALTHY, "agent_context", "verbose"));
    String sent = ui.server.stdout();
    assertTrue(sent.contains("Stripe to Snowflake"), "the copy of stdout holds the answers");
    for (String secret :
        List.of(FakeAirbyte.CLIENT_SECRET, FakeAirbyte.TOKEN, FakeAirbyte.GITHUB_TOKEN)) {
      assertFalse(sent.contains(secret), "stdout must not contain " + secret);
    }
  }
}
