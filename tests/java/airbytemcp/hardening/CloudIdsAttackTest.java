package airbytemcp.hardening;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.cloud.ApiConformance;
import airbytemcp.cloud.FakeAirbyte;
import airbytemcp.config.Settings;
import airbytemcp.config.SettingsLoader;
import airbytemcp.config.Transport;
import airbytemcp.secrets.MaskerSeeds;
import airbytemcp.testing.HttpMcp;
import airbytemcp.tools.Services;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cloud ids are data, never paths: ids in arguments and the workspace header are checked before any
 * request, so path tricks cannot reach another endpoint with the server's credentials; and safe
 * mode asks the user before a new connection moves data out of (or into) an object this session did
 * not create. Over Streamable HTTP, against WireMock with every request checked against Airbyte's
 * OpenAPI spec.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CloudIdsAttackTest {
  static final String FOREIGN_SOURCE = FakeAirbyte.SOURCE;

  @TempDir Path dir;
  private final FakeAirbyte fake = new FakeAirbyte().happy();
  private HttpMcp server;

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

  private HttpMcp start() {
    Map<String, String> env = new HashMap<>(fake.env(dir));
    Settings settings = SettingsLoader.load(env, dir, dir, Transport.HTTP);
    server = HttpMcp.start(Services.create(settings, MaskerSeeds.fromSettings(settings)));
    return server;
  }

  private static CallToolResult call(McpSyncClient client, String tool, Map<String, Object> args) {
    return client.callTool(CallToolRequest.builder(tool).arguments(args).build());
  }

  private static String text(CallToolResult result) {
    return result.content().stream()
        .filter(TextContent.class::isInstance)
        .map(c -> ((TextContent) c).text())
        .reduce("", String::concat);
  }

  /** Requests that reached Airbyte other than the token exchange. */
  private int apiRequests() {
    return (int)
        fake.server.getAllServeEvents().stream()
            .filter(e -> !e.getRequest().getUrl().contains("/applications/token"))
            .count();
  }

  @Test
  void aSourceIdThatClimbsToTheWorkspaceRenamesNothing() {
    start();
    try (McpSyncClient client = server.client(Map.of())) {
      CallToolResult result =
          call(
              client,
              "rename_cloud_source",
              Map.of("source_id", "../workspaces/" + FakeAirbyte.WORKSPACE, "name", "pwned"));
      assertTrue(result.isError(), "a path as source_id must be refused: " + text(result));
      assertTrue(text(result).contains("source_id must be an Airbyte id"), text(result));
    }
    fake.server.verify(0, anyRequestedFor(urlPathMatching(".*/workspaces.*")));
    assertEquals(0, apiRequests(), "nothing may reach Airbyte");
  }

  @Test
  void aWorkspaceHeaderWithAPathMakesNoRequestWithTheServersCredentials() {
    start();
    String hostile = "../../v1/sources/" + FakeAirbyte.SOURCE;
    try (McpSyncClient client = server.client(Map.of("X-Airbyte-Workspace-Id", hostile))) {
      for (String tool :
          List.of(
              "list_deployed_cloud_source_connectors",
              "check_airbyte_cloud_workspace",
              "list_custom_source_definitions")) {
        CallToolResult result = call(client, tool, Map.of());
        assertTrue(result.isError(), tool + " must refuse the header: " + text(result));
        assertTrue(
            text(result).contains("X-Airbyte-Workspace-Id header must be an Airbyte id"),
            text(result));
      }
    }
    fake.server.verify(0, anyRequestedFor(urlPathEqualTo("/api/v1/sources/" + FakeAirbyte.SOURCE)));
    assertEquals(0, apiRequests(), "nothing may reach Airbyte");
  }

  @Test
  void everyIdArgumentRefusesPathTricksBeforeAnyRequest() {
    start();
    List<String> tricks =
        List.of("../x", FakeAirbyte.SOURCE + "/..", "%2e%2e", "a/b", "..", "12345678");
    List<String> carriedOut = new ArrayList<>();
    try (McpSyncClient client = server.client(Map.of())) {
      for (String trick : tricks) {
        for (Map.Entry<String, Map<String, Object>> attempt : attempts(trick).entrySet()) {
          String tool = attempt.getKey().split("#")[0];
          CallToolResult result = call(client, tool, attempt.getValue());
          if (!result.isError()) {
            carriedOut.add(tool + " " + attempt.getValue());
          }
        }
      }
    }
    assertTrue(carriedOut.isEmpty(), "carried out with a path as id: " + carriedOut);
    assertEquals(0, apiRequests(), "no request may carry a path trick");
  }

  private static Map<String, Map<String, Object>> attempts(String trick) {
    Map<String, Map<String, Object>> all = new HashMap<>();
    String ws = FakeAirbyte.WORKSPACE;
    all.put("describe_cloud_source", Map.of("source_id", trick));
    all.put("describe_cloud_destination", Map.of("destination_id", trick));
    all.put("describe_cloud_connection", Map.of("connection_id", trick));
    all.put("rename_cloud_destination", Map.of("destination_id", trick, "name", "x"));
    all.put("rename_cloud_connection", Map.of("connection_id", trick, "name", "x"));
    all.put("check_cloud_source", Map.of("source_id", trick));
    all.put("get_cloud_sync_status", Map.of("connection_id", trick));
    all.put("list_cloud_sync_jobs", Map.of("connection_id", trick));
    all.put("get_connection_artifact", Map.of("connection_id", trick, "artifact_type", "state"));
    all.put("get_custom_source_definition", Map.of("definition_id", trick));
    all.put("list_deployed_cloud_connections#ws", Map.of("workspace_id", trick));
    all.put(
        "create_connection_on_cloud",
        Map.of(
            "connection_name",
            "c",
            "source_id",
            trick,
            "destination_id",
            FakeAirbyte.DESTINATION,
            "selected_streams",
            "users",
            "source_name_confirmation",
            "my-source"));
    all.put(
        "create_connection_on_cloud#dst",
        Map.of(
            "connection_name",
            "c",
            "source_id",
            FakeAirbyte.SOURCE,
            "destination_id",
            trick,
            "selected_streams",
            "users"));
    all.put("run_cloud_sync", Map.of("connection_id", trick, "workspace_id", ws));
    return all;
  }

  @Test
  void aConnectionFromAForeignSourceNeedsTheUsersYesThroughElicitation() {
    start();
    List<String> asked = new ArrayList<>();
    try (McpSyncClient declining = elicitingClient(asked, false)) {
      CallToolResult refused =
          call(
              declining,
              "create_connection_on_cloud",
              Map.of(
                  "connection_name",
                  "exfil",
                  "source_id",
                  FOREIGN_SOURCE,
                  "destination_id",
                  FakeAirbyte.DESTINATION,
                  "selected_streams",
                  "users"));
      assertTrue(refused.isError(), "the user said no: " + text(refused));
      assertTrue(text(refused).contains("declined"), text(refused));
    }
    fake.server.verify(
        0, postRequestedFor(urlPathEqualTo(ApiConformance.PUBLIC_ROOT + "/connections")));
    try (McpSyncClient accepting = elicitingClient(asked, true)) {
      CallToolResult created =
          call(
              accepting,
              "create_connection_on_cloud",
              Map.of(
                  "connection_name",
                  "ok",
                  "source_id",
                  FOREIGN_SOURCE,
                  "destination_id",
                  FakeAirbyte.DESTINATION,
                  "selected_streams",
                  "users",
                  "destination_name_confirmation",
                  "my-destination"));
      assertFalse(created.isError(), "the user said yes: " + text(created));
    }
    fake.server.verify(
        1, postRequestedFor(urlPathEqualTo(ApiConformance.PUBLIC_ROOT + "/connections")));
    assertTrue(
        asked.stream().anyMatch(q -> q.contains("my-source") && q.contains(FOREIGN_SOURCE)),
        "the user is told which source: " + asked);
  }

  @Test
  void withoutElicitationAForeignSourceNeedsItsExactName() {
    start();
    try (McpSyncClient client = server.client(Map.of())) {
      CallToolResult refused =
          call(
              client,
              "create_connection_on_cloud",
              Map.of(
                  "connection_name",
                  "exfil",
                  "source_id",
                  FOREIGN_SOURCE,
                  "destination_id",
                  FakeAirbyte.DESTINATION,
                  "selected_streams",
                  "users",
                  "destination_name_confirmation",
                  "my-destination"));
      assertTrue(refused.isError(), "no confirmation given: " + text(refused));
      assertTrue(text(refused).contains("source_name_confirmation"), text(refused));
      CallToolResult wrong =
          call(
              client,
              "create_connection_on_cloud",
              Map.of(
                  "connection_name",
                  "exfil",
                  "source_id",
                  FOREIGN_SOURCE,
                  "destination_id",
                  FakeAirbyte.DESTINATION,
                  "selected_streams",
                  "users",
                  "source_name_confirmation",
                  "My-Source",
                  "destination_name_confirmation",
                  "my-destination"));
      assertTrue(wrong.isError(), "names match exactly: " + text(wrong));
      fake.server.verify(
          0, postRequestedFor(urlPathEqualTo(ApiConformance.PUBLIC_ROOT + "/connections")));
      CallToolResult confirmed =
          call(
              client,
              "create_connection_on_cloud",
              Map.of(
                  "connection_name",
                  "ok",
                  "source_id",
                  FOREIGN_SOURCE,
                  "destination_id",
                  FakeAirbyte.DESTINATION,
                  "selected_streams",
                  "users",
                  "source_name_confirmation",
                  "my-source",
                  "destination_name_confirmation",
                  "my-destination"));
      assertFalse(confirmed.isError(), text(confirmed));
    }
    fake.server.verify(
        1, postRequestedFor(urlPathEqualTo(ApiConformance.PUBLIC_ROOT + "/connections")));
  }

  /**
   * A client that declares elicitation and answers every question with {@code yes}, noting the
   * questions.
   */
  private McpSyncClient elicitingClient(List<String> asked, boolean yes) {
    HttpClientStreamableHttpTransport transport =
        HttpClientStreamableHttpTransport.builder(server.baseUrl)
            .endpoint("/mcp")
            .jsonMapper(McpJsonDefaults.getMapper())
            .build();
    McpSyncClient client =
        McpClient.sync(transport)
            .requestTimeout(Duration.ofSeconds(60))
            .capabilities(McpSchema.ClientCapabilities.builder().elicitation().build())
            .elicitation(
                request -> {
                  asked.add(request.message());
                  return yes
                      ? new McpSchema.ElicitResult(
                          McpSchema.ElicitResult.Action.ACCEPT, Map.of("confirm", true))
                      : new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.DECLINE, null);
                })
            .build();
    client.initialize();
    return client;
  }
}
