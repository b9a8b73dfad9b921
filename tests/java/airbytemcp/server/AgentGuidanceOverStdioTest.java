package airbytemcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.config.SettingsLoader;
import airbytemcp.testing.McpServerProcess;
import airbytemcp.testing.TestResources;
import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an agent meets when it goes wrong, over stdio with the SDK client: unknown and hidden tools
 * answer with error results that say why and what to do; start-up and the server-info resource say
 * what was configured.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AgentGuidanceOverStdioTest {
  static final String SECRET = "sk-live-Quoted-Value-8842";

  @TempDir Path dir;

  private Map<String, String> env(String... extra) throws IOException {
    Path dotenv = dir.resolve("secrets.env");
    Files.writeString(
        dotenv,
        "export STRIPE_KEY='" + SECRET + "'\nnot a valid line\nAIRBYTE_CLOUD_WORKSPACE_ID=ws-1\n");
    Map<String, String> env = new HashMap<>();
    env.put(SettingsLoader.PROJECT_DIR, dir.resolve("project").toString());
    env.put(
        SettingsLoader.LOCAL_REGISTRY,
        TestResources.resource("fake-connector/registry.json").toString());
    env.put(SettingsLoader.ENV_FILE, dotenv.toString());
    for (int i = 0; i < extra.length; i += 2) {
      env.put(extra[i], extra[i + 1]);
    }
    return env;
  }

  private static CallToolResult call(
      McpServerProcess server, String tool, Map<String, Object> args) {
    return server.client.callTool(CallToolRequest.builder().name(tool).arguments(args).build());
  }

  private static String text(CallToolResult result) {
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  @Test
  void aMisspeltToolIsAnErrorResultNamingTheCloseTools() throws IOException {
    try (McpServerProcess server = McpServerProcess.fromClasspath(env(), dir)) {
      server.client.initialize();
      CallToolResult result = call(server, "list_conectors", Map.of());
      assertTrue(Boolean.TRUE.equals(result.isError()), "an error result, not a protocol error");
      assertTrue(text(result).contains("Did you mean: list_connectors"), text(result));
    }
  }

  @Test
  void aMisnamedArgumentIsAnErrorResultNamingTheArgumentsTheToolTakes() throws IOException {
    try (McpServerProcess server = McpServerProcess.fromClasspath(env(), dir)) {
      server.client.initialize();
      CallToolResult result =
          call(server, "get_connector_info", Map.of("connector", "source-fake"));
      assertTrue(Boolean.TRUE.equals(result.isError()), "an error result, not a protocol error");
      String text = text(result);
      assertTrue(
          text.contains("'connector' is not an argument of get_connector_info"),
          "what is wrong: " + text);
      assertTrue(
          text.contains("connector_name (string, required)"),
          "the argument the agent meant should be named in the answer: " + text);
    }
  }

  @Test
  void aToolHiddenByReadOnlyModeIsNotListedAndItsCallSaysWhy() throws IOException {
    try (McpServerProcess server =
        McpServerProcess.fromClasspath(env(SettingsLoader.READONLY_MODE, "1"), dir)) {
      server.client.initialize();
      assertFalse(
          server.client.listTools().tools().stream()
              .anyMatch(t -> t.name().equals("deploy_source_to_cloud")),
          "hidden tools are not listed");
      CallToolResult result = call(server, "deploy_source_to_cloud", Map.of("source_name", "s"));
      assertTrue(Boolean.TRUE.equals(result.isError()));
      assertTrue(
          text(result).contains("read-only mode") && text(result).contains("Hint:"), text(result));
    }
  }

  @Test
  void aLocalToolWithTrustedExecutionOffSaysHowToTurnItOn() throws IOException {
    try (McpServerProcess server =
        McpServerProcess.fromClasspath(env(SettingsLoader.TRUSTED_EXECUTION, "0"), dir)) {
      server.client.initialize();
      CallToolResult result = call(server, "list_dotenv_secrets", Map.of());
      assertTrue(Boolean.TRUE.equals(result.isError()));
      assertTrue(text(result).contains("AIRBYTE_MCP_TRUSTED_EXECUTION=1"), text(result));
    }
  }

  @Test
  void anUnknownConnectorGetsCloseNames() throws IOException {
    try (McpServerProcess server = McpServerProcess.fromClasspath(env(), dir)) {
      server.client.initialize();
      CallToolResult result =
          call(server, "get_connector_info", Map.of("connector_name", "source-fak"));
      assertTrue(Boolean.TRUE.equals(result.isError()));
      assertTrue(text(result).contains("Did you mean: source-fake"), text(result));
    }
  }

  @Test
  void startUpAndServerInfoSayWhatWasReadAndConfiguredButNoValue() throws IOException {
    try (McpServerProcess server =
        McpServerProcess.fromClasspath(env(SettingsLoader.READONLY_MODE, "1"), dir)) {
      server.client.initialize();
      McpSchema.ReadResourceResult read =
          server.client.readResource(new McpSchema.ReadResourceRequest(ServerInfoResource.URI));
      String json = ((McpSchema.TextResourceContents) read.contents().get(0)).text();
      JsonNode info = Json.toTree(Json.MAPPER.readValue(json, Map.class));
      JsonNode dotenv = info.path("dotenv_files").get(0);
      assertTrue(dotenv.path("read").asBoolean(), json);
      assertEquals(2, dotenv.path("names_read").asInt(), json);
      assertEquals(2, dotenv.path("skipped_lines").get(0).asInt(), json);
      assertFalse(info.path("cloud").path("credentials_configured").asBoolean(), json);
      assertTrue(info.path("cloud").path("default_workspace_configured").asBoolean(), json);
      assertEquals(
          "read-only mode",
          info.path("tools_hidden").path("deploy_connector_to_cloud").asText(),
          json);
      int listed = server.client.listTools().tools().size();
      assertEquals(
          listed,
          info.path("tools_offered").asInt(),
          "the count matches what this client is listed");
      assertFalse(json.contains(SECRET) || json.contains("ws-1"), "no value in the resource");
      String stderr = server.stderr();
      assertTrue(
          stderr.contains("Read 2 names from the dotenv file " + dir.resolve("secrets.env")),
          stderr);
      assertTrue(stderr.contains("Skipped line 2"), stderr);
      assertFalse(stderr.contains(SECRET), "no value on stderr");
    }
  }
}
