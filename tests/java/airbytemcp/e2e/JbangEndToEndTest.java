package airbytemcp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.config.SettingsLoader;
import airbytemcp.testing.ChildProcess;
import airbytemcp.testing.ChildProcess.Result;
import airbytemcp.testing.Jbang;
import airbytemcp.testing.McpServerProcess;
import airbytemcp.testing.RegistryFake;
import airbytemcp.testing.SharedData;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server started exactly as an MCP client starts it ({@code jbang AirbyteMcp.java}, a fresh
 * process) and driven over stdio by the Java SDK client, with WireMock as Airbyte's CDN and a
 * dotenv full of secrets.
 */
// Longer than the default timeout: the first JBang start compiles the script and resolves its
// dependencies.
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class JbangEndToEndTest {
  /**
   * Distinctive values that must never leave the server. One of them also occurs in registry data
   * (the description of source-stripe's account_id in the registry fixture).
   */
  private static final List<String> SECRETS =
      List.of(
          "sk_live_51HxVeryDistinctiveStripeKey0001",
          "pg-password-Zq9!-distinctive",
          "starts with 'acct_'",
          "cloud-client-secret-distinctive-42");

  @TempDir Path dir;

  @Test
  void theJbangScriptPrintsHelpVersionAndTheToolTable() throws Exception {
    String script = SharedData.projectRoot().resolve("AirbyteMcp.java").toString();
    for (String flag : List.of("--help", "--version", "--list-tools")) {
      ProcessBuilder pb = new ProcessBuilder(Jbang.command(), "--quiet", script, flag);
      pb.environment().put(SettingsLoader.PROJECT_DIR, dir.resolve("project").toString());
      Result run = ChildProcess.run(Duration.ofMinutes(5), pb);
      assertTrue(run.succeeded(), flag + " failed: " + run.output());
      String out = run.stdout();
      switch (flag) {
        case "--help" -> assertTrue(out.contains("Usage:"), out);
        case "--version" -> assertTrue(out.startsWith("airbyte-mcp "), out);
        default -> {
          assertTrue(out.lines().anyMatch(l -> l.startsWith("list_connectors ")), out);
          assertTrue(out.lines().anyMatch(l -> l.startsWith("get_connector_info ")), out);
          assertTrue(out.lines().anyMatch(l -> l.startsWith("list_dotenv_secrets ")), out);
        }
      }
    }
  }

  @Test
  void aClientRunsTheServerThroughJbangAndNoSecretEverLeavesIt() throws Exception {
    try (RegistryFake cdn = new RegistryFake().servingFixture()) {
      Path dotenv = dir.resolve("airbyte_mcp.env");
      Files.writeString(
          dotenv,
          String.join(
              "\n",
              "STRIPE_API_KEY=" + SECRETS.get(0),
              "POSTGRES_PASSWORD=\"" + SECRETS.get(1) + "\"",
              "LOOKALIKE=" + SECRETS.get(2),
              "AIRBYTE_CLOUD_CLIENT_SECRET=" + SECRETS.get(3),
              "AIRBYTE_PROJECT_DIR=" + dir.resolve("project"),
              ""));
      Map<String, String> env = new HashMap<>();
      env.put(SettingsLoader.ENV_FILE, dotenv.toString());
      env.put(SettingsLoader.CONNECTORS_CDN_URL, cdn.cdnUrl());
      env.put(SettingsLoader.DOCS_URL, cdn.docsUrl());

      List<Object> seenByClient = new ArrayList<>();
      try (McpServerProcess server = McpServerProcess.viaJbang(env, dir)) {
        McpSchema.InitializeResult init = server.client.initialize();
        assertEquals("airbyte-mcp", init.serverInfo().name());

        List<McpSchema.Tool> tools = server.client.listTools().tools();
        McpSchema.Tool listConnectors =
            tools.stream()
                .filter(t -> t.name().equals("list_connectors"))
                .findFirst()
                .orElseThrow();
        assertEquals(Boolean.TRUE, listConnectors.annotations().readOnlyHint());
        assertEquals(Boolean.FALSE, listConnectors.annotations().destructiveHint());
        seenByClient.add(tools);

        CallToolResult names =
            server.client.callTool(
                CallToolRequest.builder()
                    .name("list_connectors")
                    .arguments(
                        Map.of("keyword_filter", "stripe", "connector_type_filter", "source"))
                    .build());
        assertEquals(Map.of("result", List.of("source-stripe")), names.structuredContent());
        seenByClient.add(names);

        CallToolResult info =
            server.client.callTool(
                CallToolRequest.builder()
                    .name("get_connector_info")
                    .arguments(Map.of("connector_name", "source-stripe"))
                    .build());
        assertFalse(info.isError());
        String infoJson = Json.write(info.structuredContent());
        assertTrue(infoJson.contains("account_id"), "the spec came through");
        assertTrue(
            infoJson.contains("Your Stripe account ID (****"),
            "a secret inside a longer string is masked");
        seenByClient.add(info);

        CallToolResult secrets =
            server.client.callTool(
                CallToolRequest.builder().name("list_dotenv_secrets").arguments(Map.of()).build());
        assertFalse(secrets.isError());
        @SuppressWarnings("unchecked")
        List<String> declared =
            (List<String>)
                ((Map<String, Object>) secrets.structuredContent()).get(dotenv.toString());
        assertEquals(
            List.of(
                "AIRBYTE_CLOUD_CLIENT_SECRET",
                "AIRBYTE_PROJECT_DIR",
                "LOOKALIKE",
                "POSTGRES_PASSWORD",
                "STRIPE_API_KEY"),
            declared);
        seenByClient.add(secrets);

        CallToolResult failure =
            server.client.callTool(
                CallToolRequest.builder()
                    .name("get_connector_info")
                    .arguments(Map.of("connector_name", SECRETS.get(0)))
                    .build());
        assertTrue(failure.isError(), "an unknown name is an error result");
        seenByClient.add(failure);

        server.close();
        String everything = Json.write(seenByClient) + server.stdout() + server.stderr();
        assertTrue(server.stdout().contains("source-stripe"), "the stdout copy holds the session");
        for (String secret : SECRETS) {
          assertFalse(everything.contains(secret), "secret value leaked: " + secret);
        }
      }
    }
  }
}
