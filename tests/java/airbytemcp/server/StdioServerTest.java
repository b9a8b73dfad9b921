package airbytemcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.config.SettingsLoader;
import airbytemcp.testing.McpServerProcess;
import airbytemcp.testing.TestResources;
import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server as a separate process on stdio, driven by the MCP Java SDK client. */
class StdioServerTest {
  @TempDir Path dir;

  private Map<String, String> env(String... extra) {
    Map<String, String> env = new HashMap<>();
    env.put(SettingsLoader.PROJECT_DIR, dir.resolve("project").toString());
    env.put(SettingsLoader.LOCAL_REGISTRY, TestResources.registry().toString());
    for (int i = 0; i < extra.length; i += 2) {
      env.put(extra[i], extra[i + 1]);
    }
    return env;
  }

  private static String text(CallToolResult result) {
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  @Test
  void initializeNamesTheServerAndGivesInstructions() {
    try (McpServerProcess server = McpServerProcess.fromClasspath(env(), dir)) {
      McpSchema.InitializeResult init = server.client.initialize();
      assertEquals("airbyte-mcp", init.serverInfo().name());
      assertTrue(
          init.instructions().contains("secret_reference::"),
          "expected " + "secret_reference::" + " in: " + init.instructions());
      assertNotNull(init.capabilities().tools());
    }
  }

  @Test
  void everyToolDeclaresItsSchemaAndAllFourAnnotations() {
    try (McpServerProcess server = McpServerProcess.fromClasspath(env(), dir)) {
      server.client.initialize();
      List<McpSchema.Tool> tools = server.client.listTools().tools();
      assertTrue(tools.size() >= 5);
      for (McpSchema.Tool tool : tools) {
        assertFalse(tool.description().isBlank(), tool.name());
        assertEquals("object", tool.inputSchema().get("type"), tool.name());
        McpSchema.ToolAnnotations a = tool.annotations();
        assertNotNull(a.readOnlyHint(), tool.name());
        assertNotNull(a.destructiveHint(), tool.name());
        assertNotNull(a.idempotentHint(), tool.name());
        assertNotNull(a.openWorldHint(), tool.name());
      }
    }
  }

  @Test
  void aToolFailureIsAnErrorResultWithAHintNotAProtocolError() {
    try (McpServerProcess server = McpServerProcess.fromClasspath(env(), dir)) {
      server.client.initialize();
      CallToolResult result =
          server.client.callTool(
              CallToolRequest.builder()
                  .name("get_connector_info")
                  .arguments(Map.of("connector_name", "source-nope"))
                  .build());
      assertTrue(result.isError());
      assertTrue(
          text(result).contains("source-nope"), "expected " + "source-nope" + " in text(result)");
      assertTrue(text(result).contains("Hint:"), "expected " + "Hint:" + " in text(result)");
    }
  }

  @Test
  void argumentsThatBreakTheSchemaAreAnErrorResult() {
    try (McpServerProcess server = McpServerProcess.fromClasspath(env(), dir)) {
      server.client.initialize();
      CallToolResult result =
          server.client.callTool(
              CallToolRequest.builder()
                  .name("get_connector_info")
                  .arguments(Map.of("connector_name", 42))
                  .build());
      assertTrue(result.isError());
    }
  }

  @Test
  void structuredResultsComeWithTheirJsonText() {
    try (McpServerProcess server = McpServerProcess.fromClasspath(env(), dir)) {
      server.client.initialize();
      CallToolResult result =
          server.client.callTool(
              CallToolRequest.builder()
                  .name("list_connectors")
                  .arguments(Map.of("keyword_filter", "faker"))
                  .build());
      assertFalse(result.isError());
      assertEquals(Map.of("result", List.of("source-faker")), result.structuredContent());
      assertEquals("[\"source-faker\"]", text(result));
    }
  }

  @Test
  void toolsOfADisabledDomainAreNotListedAndTheirCallsSayWhyWithoutRunning() {
    try (McpServerProcess server =
        McpServerProcess.fromClasspath(env(SettingsLoader.DOMAINS, "registry"), dir)) {
      server.client.initialize();
      List<String> names =
          server.client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
      assertTrue(
          names.contains("list_connectors"), "expected " + "list_connectors" + " in: " + names);
      assertFalse(
          names.contains("list_dotenv_secrets"),
          "did not expect " + "list_dotenv_secrets" + " in: " + names);
      CallToolResult result =
          server.client.callTool(
              CallToolRequest.builder().name("list_dotenv_secrets").arguments(Map.of()).build());
      assertTrue(result.isError(), "an error result, not a protocol error");
      assertTrue(text(result).contains("domain 'local' is disabled"), text(result));
    }
  }

  @Test
  void localToolsAreHiddenWithoutTrustedExecution() {
    try (McpServerProcess server =
        McpServerProcess.fromClasspath(env(SettingsLoader.TRUSTED_EXECUTION, "0"), dir)) {
      server.client.initialize();
      List<String> names =
          server.client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
      assertFalse(
          names.contains("list_dotenv_secrets"),
          "did not expect " + "list_dotenv_secrets" + " in: " + names);
      assertTrue(
          names.contains("list_connectors"), "expected " + "list_connectors" + " in: " + names);
    }
  }

  @Test
  void serverInfoResourceDescribesTheSetup() {
    try (McpServerProcess server =
        McpServerProcess.fromClasspath(env(SettingsLoader.SAFE_MODE, "0"), dir)) {
      server.client.initialize();
      McpSchema.ReadResourceResult result =
          server.client.readResource(
              new McpSchema.ReadResourceRequest("airbyte-mcp://server/info"));
      JsonNode info =
          Json.parse(((McpSchema.TextResourceContents) result.contents().get(0)).text());
      assertEquals("airbyte-mcp", info.path("name").asText());
      assertFalse(info.path("safe_mode").asBoolean(true));
      assertTrue(
          info.path("enabled_domains").toString().contains("registry"),
          "expected " + "registry" + " in info.path(\"enabled_domains\").toString()");
      assertTrue(info.path("execution_backends").has("docker"));
    }
  }

  @Test
  void testMyToolsPromptCarriesTheGivenScope() {
    try (McpServerProcess server = McpServerProcess.fromClasspath(env(), dir)) {
      server.client.initialize();
      McpSchema.GetPromptResult prompt =
          server.client.getPrompt(
              new McpSchema.GetPromptRequest(
                  "test-my-tools", Map.of("scope", "only registry tools")));
      String text = ((McpSchema.TextContent) prompt.messages().get(0).content()).text();
      assertTrue(
          text.contains("Exercise every tool"),
          "expected " + "Exercise every tool" + " in: " + text);
      assertTrue(text.endsWith("only registry tools"));
    }
  }

  @Test
  void stdoutCarriesNothingButJsonRpc() throws Exception {
    try (McpServerProcess server = McpServerProcess.fromClasspath(env(), dir)) {
      server.client.initialize();
      server.client.listTools();
      server.client.callTool(
          CallToolRequest.builder().name("list_connectors").arguments(Map.of()).build());
      server.close();
      String stdout = server.stdout();
      assertFalse(stdout.isBlank());
      for (String line : stdout.split("\n")) {
        assertEquals("2.0", Json.parse(line).path("jsonrpc").asText(), line);
      }
      assertTrue(server.stderr().contains("serving MCP on stdio"), "start-up notes go to stderr");
    }
  }
}
