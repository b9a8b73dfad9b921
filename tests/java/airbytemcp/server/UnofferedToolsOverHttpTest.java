package airbytemcp.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.config.Settings;
import airbytemcp.config.SettingsLoader;
import airbytemcp.config.Transport;
import airbytemcp.secrets.MaskerSeeds;
import airbytemcp.testing.HttpMcp;
import airbytemcp.testing.TestResources;
import airbytemcp.testing.TestSettings;
import airbytemcp.tools.Services;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls to tools a client is not offered, over Streamable HTTP with the SDK client: each is an
 * error result (never a JSON-RPC error) that says which case it is and what to do, as on stdio.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class UnofferedToolsOverHttpTest {
  @TempDir Path dir;
  private HttpMcp server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private McpSyncClient client(String... env) {
    TestSettings settings =
        TestSettings.in(dir)
            .transport(Transport.HTTP)
            .env(
                SettingsLoader.LOCAL_REGISTRY,
                TestResources.resource("fake-connector/registry.json").toString());
    for (int i = 0; i < env.length; i += 2) {
      settings.env(env[i], env[i + 1]);
    }
    Settings loaded = settings.load();
    server = HttpMcp.start(Services.create(loaded, MaskerSeeds.fromSettings(loaded)));
    return server.client(Map.of());
  }

  private static CallToolResult call(McpSyncClient client, String tool) {
    return client.callTool(CallToolRequest.builder().name(tool).arguments(Map.of()).build());
  }

  private static String text(CallToolResult result) {
    assertTrue(Boolean.TRUE.equals(result.isError()), "an error result: " + result);
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  @Test
  void aMisspeltToolIsAnErrorResultNamingTheCloseTools() {
    try (McpSyncClient client = client()) {
      String text = text(call(client, "list_conectors"));
      assertTrue(text.contains("There is no tool named 'list_conectors'"), text);
      assertTrue(text.contains("Did you mean: list_connectors"), text);
      assertTrue(text.contains("Hint:"), text);
    }
  }

  @Test
  void aNameLikeNoToolIsAnErrorResultWithoutGuesses() {
    try (McpSyncClient client = client()) {
      String text = text(call(client, "zzzzzzzz"));
      assertTrue(text.contains("There is no tool named 'zzzzzzzz'"), text);
      assertFalse(text.contains("Did you mean"), text);
    }
  }

  @Test
  void aLocalToolWithTrustedExecutionOffSaysHowToTurnItOn() {
    try (McpSyncClient client = client()) {
      String text = text(call(client, "list_dotenv_secrets"));
      assertTrue(text.contains("AIRBYTE_MCP_TRUSTED_EXECUTION=1"), text);
    }
  }

  @Test
  void aToolHiddenByReadOnlyModeSaysSo() {
    try (McpSyncClient client = client(SettingsLoader.READONLY_MODE, "1")) {
      String text = text(call(client, "deploy_source_to_cloud"));
      assertTrue(text.contains("read-only mode"), text);
    }
  }

  @Test
  void aViewToolFromAClientWithoutTheUiExtensionSaysItNeedsIt() {
    try (McpSyncClient client = client()) {
      String text = text(call(client, "show_connectors_list"));
      assertTrue(text.contains("UI extension"), text);
    }
  }

  @Test
  void aViewToolFromAClientWithoutTheUiExtensionNamesTheListedTextToolForItsData() {
    try (McpSyncClient client = client()) {
      String text = text(call(client, "show_workspace_sync_status"));
      assertTrue(text.contains("Use list_cloud_connections and list_cloud_sync_jobs"), text);
      assertFalse(text.contains("list_deployed_cloud_connections"), "an older, unlisted name");
    }
  }
}
