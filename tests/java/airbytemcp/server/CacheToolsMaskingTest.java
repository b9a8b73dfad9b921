package airbytemcp.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.secrets.Masker;
import airbytemcp.testing.TestResolvers;
import airbytemcp.testing.ToolHarness;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the cache tools answer over MCP never holds a secret value, even when the cached data does.
 */
class CacheToolsMaskingTest {
  @TempDir Path workDir;
  private static final String KEY = "masked-key-0123456789";
  private ToolHarness harness;
  private ToolAdapter adapter;

  @BeforeEach
  void setUp() {
    harness =
        new ToolHarness(
            workDir,
            Map.of("FAKE_API_KEY", KEY),
            TestResolvers.pathWithFake(),
            TestResolvers.NO_DOCKER);
    adapter = new ToolAdapter(harness.masker, new DeferredSchemaValidator());
  }

  @AfterEach
  void tearDown() {
    harness.services.cache().close();
  }

  private CallToolResult call(String tool, Map<String, Object> args) {
    return adapter.call(harness.tool(tool), null, new CallToolRequest(tool, args));
  }

  private static String everything(CallToolResult result) {
    return Json.write(result.content()) + Json.write(result.structuredContent());
  }

  @Test
  void aQueryWhoseAnswerWouldShowASecretIsRefusedWithoutShowingWhere() {
    CallToolResult sync =
        call(
            "sync_source_to_cache",
            Map.of(
                "source_connector_name",
                "source-fake",
                "override_execution_mode",
                "local",
                "streams",
                "users",
                "config",
                Map.of("api_key", "secret_reference::FAKE_API_KEY")));
    assertFalse(sync.isError(), everything(sync));
    CallToolResult query =
        call(
            "run_sql_query",
            Map.of("sql_query", "SELECT name, '" + KEY + "' AS leaked FROM users LIMIT 1"));
    // a masked row would tell the agent which of its guesses was the secret: no row at all
    assertTrue(query.isError(), everything(query));
    assertFalse(everything(query).contains(KEY), everything(query));
    assertFalse(everything(query).contains(Masker.MASK), everything(query));
    assertTrue(everything(query).contains("withheld"), everything(query));
  }

  @Test
  void aFailedSyncErrorNeverShowsTheSecret() {
    CallToolResult sync =
        call(
            "sync_source_to_cache",
            Map.of(
                "source_connector_name",
                "source-fake",
                "override_execution_mode",
                "local",
                "streams",
                "*",
                "config",
                Map.of("api_key", "secret_reference::FAKE_API_KEY", "mode", "crash")));
    assertTrue(sync.isError());
    assertFalse(everything(sync).contains(KEY), everything(sync));
  }
}
