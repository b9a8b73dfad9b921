package airbytemcp.server;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.cloud.ApiConformance;
import airbytemcp.cloud.FakeAirbyte;
import airbytemcp.common.Json;
import airbytemcp.config.Domain;
import airbytemcp.config.Settings;
import airbytemcp.secrets.MaskerSeeds;
import airbytemcp.tools.Services;
import airbytemcp.tools.ToolCatalog;
import airbytemcp.tools.ToolDefinition;
import airbytemcp.tools.ToolTrait;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Cloud tools as an MCP client meets them: over JSON-RPC on a stdio transport, against a fake
 * Airbyte.
 */
class CloudToolsOverMcpTest {
  /** Every Cloud tool that creates, changes or deletes a Cloud object. */
  static final Set<String> CHANGING =
      Set.of(
          "deploy_source_to_cloud",
          "deploy_destination_to_cloud",
          "deploy_noop_destination_to_cloud",
          "create_connection_on_cloud",
          "publish_custom_source_definition",
          "update_custom_source_definition",
          "permanently_delete_custom_source_definition",
          "permanently_delete_cloud_source",
          "permanently_delete_cloud_destination",
          "permanently_delete_cloud_connection",
          "rename_cloud_source",
          "update_cloud_source_config",
          "rename_cloud_destination",
          "update_cloud_destination_config",
          "rename_cloud_connection",
          "set_cloud_connection_table_prefix",
          "set_cloud_connection_selected_streams",
          "update_cloud_connection",
          "deploy_connector_to_cloud",
          "rename_cloud_connector",
          "update_cloud_connector_config",
          "permanently_delete_cloud_connector",
          "set_default_cloud_workspace");

  @TempDir Path dir;
  private final FakeAirbyte fake = new FakeAirbyte();
  private McpSyncServer server;
  private OutputStream toServer;
  private BufferedReader fromServer;
  private int nextId = 1;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    try {
      ApiConformance.assertAllConform(fake.server);
    } finally {
      fake.close();
    }
  }

  private Services services(Map<String, String> extraEnv) {
    Map<String, String> env = fake.env(dir);
    env.putAll(extraEnv);
    Settings settings = FakeAirbyte.settings(env, dir);
    return Services.create(settings, MaskerSeeds.fromSettings(settings));
  }

  private void connect(Services services) throws Exception {
    PipedInputStream serverIn = new PipedInputStream(1 << 20);
    toServer = new PipedOutputStream(serverIn);
    PipedInputStream clientIn = new PipedInputStream(1 << 20);
    PipedOutputStream serverOut = new PipedOutputStream(clientIn);
    fromServer = new BufferedReader(new InputStreamReader(clientIn, StandardCharsets.UTF_8));
    server =
        AirbyteMcpServer.start(
            services,
            new StdioServerTransportProvider(McpJsonDefaults.getMapper(), serverIn, serverOut));
    request(
        "initialize",
        Json.object()
            .put("protocolVersion", "2025-06-18")
            .<ObjectNode>set("capabilities", Json.object())
            .set("clientInfo", Json.object().put("name", "test").put("version", "1")));
    send(Json.object().put("jsonrpc", "2.0").put("method", "notifications/initialized"));
  }

  private void send(JsonNode message) throws Exception {
    toServer.write((Json.write(message) + "\n").getBytes(StandardCharsets.UTF_8));
    toServer.flush();
  }

  private JsonNode request(String method, JsonNode params) throws Exception {
    int id = nextId++;
    send(
        Json.object()
            .put("jsonrpc", "2.0")
            .put("id", id)
            .put("method", method)
            .set("params", params));
    while (true) {
      String line = fromServer.readLine();
      if (line == null) {
        throw new AssertionError("server closed the stream");
      }
      JsonNode message = Json.parse(line);
      if (message.path("id").asInt(-1) == id) {
        return message;
      }
    }
  }

  private JsonNode callTool(String name, Map<String, Object> args) throws Exception {
    return request(
        "tools/call", Json.object().put("name", name).set("arguments", Json.toTree(args)));
  }

  private Map<String, JsonNode> listCloudTools() throws Exception {
    Map<String, JsonNode> tools = new TreeMap<>();
    for (JsonNode tool : request("tools/list", Json.object()).path("result").path("tools")) {
      tools.put(tool.path("name").asText(), tool);
    }
    return tools;
  }

  @Test
  void listsThe35CurrentCloudToolsWithTheirAnnotationsAndAnswers16OlderNames() throws Exception {
    fake.happy();
    Services services = services(Map.of());
    long cloudTools =
        AirbyteMcpServer.offeredTools(services).stream()
            .filter(t -> t.domain() == Domain.CLOUD)
            .count();
    assertEquals(51, cloudTools, "35 listed names and 16 older ones");
    connect(services);
    Map<String, JsonNode> tools = listCloudTools();
    Set<String> listedCloud = new TreeSet<>();
    Set<String> unlisted = new TreeSet<>();
    for (ToolDefinition tool : AirbyteMcpServer.offeredTools(services)) {
      if (tool.domain() == Domain.CLOUD) {
        (tool.has(ToolTrait.UNLISTED) ? unlisted : listedCloud).add(tool.name());
      }
    }
    assertEquals(35, listedCloud.size(), "current names: " + listedCloud);
    assertTrue(
        tools.keySet().containsAll(listedCloud), "every current name is listed: " + tools.keySet());
    assertTrue(
        unlisted.stream().noneMatch(tools::containsKey),
        "older names are not listed: " + tools.keySet());
    JsonNode older = callTool("list_deployed_cloud_source_connectors", Map.of());
    assertFalse(
        older.path("result").path("isError").asBoolean(true),
        "an older name still answers: " + older);
    JsonNode delete = tools.get("permanently_delete_cloud_connector").path("annotations");
    assertTrue(
        delete.path("destructiveHint").asBoolean() && !delete.path("readOnlyHint").asBoolean());
    JsonNode list = tools.get("list_cloud_organizations").path("annotations");
    assertTrue(list.path("readOnlyHint").asBoolean() && list.path("openWorldHint").asBoolean());
    assertTrue(tools.get("describe_cloud_connection").has("title"));
  }

  @Test
  void marksExactlyTheChangingToolsAsChangingCloud() {
    Set<String> marked = new TreeSet<>();
    for (ToolDefinition tool : ToolCatalog.all(services(Map.of()))) {
      if (tool.has(ToolTrait.CHANGES_CLOUD)) {
        marked.add(tool.name());
      }
    }
    assertEquals(new TreeSet<>(CHANGING), marked);
  }

  @Test
  void readOnlyModeListsNoChangingToolAndRefusesACallToOne() throws Exception {
    connect(services(Map.of("AIRBYTE_CLOUD_MCP_READONLY_MODE", "1")));
    Set<String> listed = new HashSet<>(listCloudTools().keySet());
    for (String tool : CHANGING) {
      assertFalse(listed.contains(tool), tool + " is listed in read-only mode");
    }
    assertTrue(
        listed.containsAll(
            Set.of(
                "run_cloud_sync",
                "cancel_cloud_sync",
                "list_cloud_workspaces",
                "get_cloud_sync_logs",
                "check_cloud_connector",
                "get_default_cloud_context")));
    JsonNode answer = callTool("deploy_noop_destination_to_cloud", Map.of());
    assertTrue(
        answer.has("error") || answer.path("result").path("isError").asBoolean(),
        answer.toString());
    fake.server.verify(0, anyRequestedFor(anyUrl()));
  }

  /** A call with a number out of bounds, the argument, and how the refusal states its bounds. */
  private record OutOfBounds(String tool, Map<String, Object> args, String name, String bounds) {}

  @Test
  void refusesANumberOutsideItsBoundsSayingThemAndCallsNoApi() throws Exception {
    fake.happy();
    connect(services(Map.of()));
    String connection = FakeAirbyte.CONNECTION;
    for (OutOfBounds call :
        new OutOfBounds[] {
          new OutOfBounds(
              "list_cloud_sync_jobs",
              Map.of("connection_id", connection, "max_jobs", 1000),
              "max_jobs",
              "(integer 1 to 500)"),
          new OutOfBounds(
              "run_cloud_sync",
              Map.of("connection_id", connection, "wait", true, "wait_timeout", 0),
              "wait_timeout",
              "(integer 1 or more)"),
          new OutOfBounds(
              "get_cloud_sync_logs",
              Map.of("connection_id", connection, "line_offset", -5),
              "line_offset",
              "(integer 0 or more)"),
          // refused before only once the workspace was resolved, without saying what to give
          new OutOfBounds(
              "list_deployed_cloud_source_connectors",
              Map.of("limit", 0),
              "limit",
              "(integer 1 or more)")
        }) {
      JsonNode result = callTool(call.tool(), call.args()).path("result");
      String text = result.path("content").get(0).path("text").asText();
      assertTrue(result.path("isError").asBoolean(), call.tool() + " took it: " + text);
      assertTrue(text.contains("/" + call.name() + ":"), "names the argument: " + text);
      assertTrue(text.contains(call.name() + " " + call.bounds()), "says what it takes: " + text);
    }
    assertEquals(
        0,
        fake.server.findAll(anyRequestedFor(anyUrl())).size(),
        "a refused call reached Airbyte (a sync may have started)");
  }

  @Test
  void turnsAnAirbyteFailureIntoAnErrorResultWithAHint() throws Exception {
    fake.token();
    fake.publicStatus(
        "GET",
        "/sources/" + FakeAirbyte.SOURCE,
        404,
        "{\"detail\":\"no source for " + FakeAirbyte.CLIENT_SECRET + "\"}");
    connect(services(Map.of()));
    JsonNode result =
        callTool("describe_cloud_source", Map.of("source_id", FakeAirbyte.SOURCE)).path("result");
    assertTrue(result.path("isError").asBoolean(), result.toString());
    String text = result.path("content").get(0).path("text").asText();
    assertTrue(text.contains("HTTP 404") && text.contains("Hint:"), text);
    assertFalse(
        text.contains(FakeAirbyte.CLIENT_SECRET),
        "did not expect " + FakeAirbyte.CLIENT_SECRET + " in: " + text);
  }

  @Test
  void returnsStructuredResultsWithSecretsMasked() throws Exception {
    fake.token();
    // A workspace whose name happens to contain the client id: it must not come back.
    fake.publicJson(
        "GET",
        "/sources",
        FakeAirbyte.page(FakeAirbyte.source("copy of " + FakeAirbyte.CLIENT_ID)));
    connect(services(Map.of()));
    JsonNode result = callTool("list_deployed_cloud_source_connectors", Map.of()).path("result");
    assertFalse(result.path("isError").asBoolean(), result.toString());
    assertEquals(
        "copy of ****",
        result.path("structuredContent").path("result").get(0).path("name").asText());
    assertFalse(
        result.toString().contains(FakeAirbyte.CLIENT_ID),
        "did not expect " + FakeAirbyte.CLIENT_ID + " in: " + result.toString());
  }
}
