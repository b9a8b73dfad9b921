package airbytemcp.server;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
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
import com.github.tomakehurst.wiremock.client.WireMock;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cloud tools over HTTP: each MCP session acts with its caller's bearer token and workspace,
 * against the server's API root only, and keeps a safe-mode ledger of its own.
 */
class HttpCloudSessionsTest {
  static final String CALLER_TOKEN = "caller-token-Yt83kQ1wZ";
  static final String OTHER_TOKEN = "other-caller-token-Pp02mN";

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

  private HttpMcp start(Map<String, String> overrides, List<String> without) {
    Map<String, String> env = new HashMap<>(fake.env(dir));
    without.forEach(env::remove);
    env.putAll(overrides);
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

  @Test
  void actsWithTheCallersBearerTokenInsteadOfTheServersCredentials() {
    start(Map.of(), List.of());
    try (McpSyncClient client = server.client(Map.of("Authorization", "Bearer " + CALLER_TOKEN))) {
      CallToolResult result = call(client, "list_deployed_cloud_source_connectors", Map.of());
      assertFalse(result.isError(), text(result));
      assertFalse(
          text(result).contains(CALLER_TOKEN),
          "did not expect " + CALLER_TOKEN + " in text(result)");
    }
    fake.server.verify(
        getRequestedFor(urlPathEqualTo(ApiConformance.PUBLIC_ROOT + "/sources"))
            .withHeader("Authorization", equalTo("Bearer " + CALLER_TOKEN)));
    fake.server.verify(
        0, postRequestedFor(urlPathEqualTo(ApiConformance.PUBLIC_ROOT + "/applications/token")));
  }

  @Test
  void fallsBackToTheServersCredentialsWithoutAnAuthorizationHeader() {
    start(Map.of(), List.of());
    try (McpSyncClient client = server.client(Map.of())) {
      assertFalse(call(client, "list_deployed_cloud_source_connectors", Map.of()).isError());
    }
    fake.server.verify(
        getRequestedFor(urlPathEqualTo(ApiConformance.PUBLIC_ROOT + "/sources"))
            .withHeader("Authorization", equalTo("Bearer " + FakeAirbyte.TOKEN)));
  }

  @Test
  void takesTheWorkspaceFromTheCallersHeader() {
    start(Map.of(), List.of(SettingsLoader.WORKSPACE_ID));
    // Two reachable workspaces: without the header nothing picks one.
    fake.publicJson(
        "GET",
        "/workspaces",
        FakeAirbyte.page(
            "{\"workspaceId\":\""
                + FakeAirbyte.WORKSPACE
                + "\",\"name\":\"Main\",\"dataResidency\":\"auto\",\"notifications\":{}}",
            "{\"workspaceId\":\"99999999-9999-4999-8999-999999999999\",\"name\":\"Other\",\"dataResidency\":\"auto\","
                + "\"notifications\":{}}"));
    try (McpSyncClient anonymous = server.client(Map.of())) {
      CallToolResult refused = call(anonymous, "list_deployed_cloud_source_connectors", Map.of());
      assertTrue(refused.isError(), "no workspace anywhere: " + text(refused));
    }
    try (McpSyncClient client =
        server.client(Map.of(HttpCallers.WORKSPACE_HEADER, FakeAirbyte.WORKSPACE))) {
      CallToolResult result = call(client, "list_deployed_cloud_source_connectors", Map.of());
      assertFalse(result.isError(), text(result));
    }
    fake.server.verify(
        getRequestedFor(urlPathEqualTo(ApiConformance.PUBLIC_ROOT + "/sources"))
            .withQueryParam("workspaceIds", equalTo(FakeAirbyte.WORKSPACE)));
  }

  @Test
  void neverLetsAHeaderMoveTheApiRootOrTurnOnLocalTools() {
    start(Map.of(), List.of());
    Map<String, String> hostile =
        Map.of(
            "X-Airbyte-Cloud-Api-Url",
            "http://127.0.0.1:9/steal",
            "X-Airbyte-Api-Url",
            "http://127.0.0.1:9/steal",
            "X-Airbyte-Cloud-Client-Id",
            "attacker",
            "X-Airbyte-Cloud-Client-Secret",
            "attacker-secret",
            "X-MCP-Trusted-Execution",
            "1",
            "AIRBYTE_MCP_TRUSTED_EXECUTION",
            "1",
            "X-Airbyte-Cloud-Mcp-Safe-Mode",
            "0");
    try (McpSyncClient client = server.client(hostile)) {
      assertFalse(
          client.listTools().tools().stream()
              .anyMatch(t -> t.name().equals("list_source_streams")));
      assertFalse(call(client, "list_deployed_cloud_source_connectors", Map.of()).isError());
      CallToolResult guarded =
          call(
              client,
              "set_cloud_connection_table_prefix",
              Map.of("connection_id", FakeAirbyte.CONNECTION, "prefix", "x_"));
      assertTrue(guarded.isError(), "safe mode stays on: " + text(guarded));
    }
    fake.server.verify(getRequestedFor(urlPathEqualTo(ApiConformance.PUBLIC_ROOT + "/sources")));
    fake.server.verify(
        postRequestedFor(urlPathEqualTo(ApiConformance.PUBLIC_ROOT + "/applications/token"))
            .withRequestBody(WireMock.containing(FakeAirbyte.CLIENT_ID)));
  }

  @Test
  void keepsASafeModeLedgerPerSessionSoCallersCannotChangeEachOthersObjects() {
    start(Map.of(), List.of());
    try (McpSyncClient creator = server.client(Map.of("Authorization", "Bearer " + CALLER_TOKEN));
        McpSyncClient other = server.client(Map.of("Authorization", "Bearer " + OTHER_TOKEN))) {
      CallToolResult created =
          call(
              creator,
              "create_connection_on_cloud",
              Map.of(
                  "connection_name",
                  "c",
                  "source_id",
                  FakeAirbyte.SOURCE,
                  "destination_id",
                  FakeAirbyte.DESTINATION,
                  "selected_streams",
                  "users",
                  "source_name_confirmation",
                  "my-source",
                  "destination_name_confirmation",
                  "my-destination"));
      assertFalse(created.isError(), text(created));

      CallToolResult refused =
          call(
              other,
              "set_cloud_connection_table_prefix",
              Map.of("connection_id", FakeAirbyte.CONNECTION, "prefix", "other_"));
      assertTrue(refused.isError() && text(refused).contains("not created by"), text(refused));
      fake.server.verify(
          0,
          patchRequestedFor(
              urlPathEqualTo(
                  ApiConformance.PUBLIC_ROOT + "/connections/" + FakeAirbyte.CONNECTION)));

      CallToolResult allowed =
          call(
              creator,
              "set_cloud_connection_table_prefix",
              Map.of("connection_id", FakeAirbyte.CONNECTION, "prefix", "mine_"));
      assertFalse(allowed.isError(), text(allowed));
    }
    fake.server.verify(
        patchRequestedFor(
                urlPathEqualTo(
                    ApiConformance.PUBLIC_ROOT + "/connections/" + FakeAirbyte.CONNECTION))
            .withHeader("Authorization", equalTo("Bearer " + CALLER_TOKEN)));
    fake.server.verify(
        0, anyRequestedFor(anyUrl()).withHeader("Authorization", equalTo("Bearer attacker")));
  }
}
