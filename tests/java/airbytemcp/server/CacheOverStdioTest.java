package airbytemcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.config.SettingsLoader;
import airbytemcp.testing.TestResources;
import airbytemcp.testing.FakeConnector;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent's view: the server started as a process speaking MCP on stdio syncs the test connector (a program on
 * its PATH) into the cache incrementally, with progress notifications, and answers read-only SQL over it.
 */
class CacheOverStdioTest {
  private static final String API_KEY = "stdio-key-9876543210";

  @TempDir Path workDir;
  private McpSyncClient client;
  private final List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startServer() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ServerParameters server = ServerParameters.builder(java)
        .args("-cp", System.getProperty("java.class.path"), "airbytemcp.server.Launcher")
        .env(Map.of(
            "PATH", FakeConnector.binDir() + ":" + System.getenv("PATH"),
            SettingsLoader.CACHE_ROOT, workDir.resolve("cache").toString(),
            SettingsLoader.PROJECT_DIR, workDir.toString(),
            SettingsLoader.LOCAL_REGISTRY, TestResources.resource("fake-connector/registry.json").toString(),
            "FAKE_API_KEY", API_KEY))
        .build();
    client = McpClient.sync(new StdioClientTransport(server, McpJsonDefaults.getMapper()))
        .requestTimeout(Duration.ofMinutes(2))
        .progressConsumer(progress::add)
        .build();
    client.initialize();
  }

  @AfterEach
  void stopServer() {
    client.closeGracefully();
  }

  private CallToolResult call(String tool, Map<String, Object> args, Object progressToken) {
    McpSchema.CallToolRequest.Builder request = McpSchema.CallToolRequest.builder().name(tool).arguments(args);
    if (progressToken != null) {
      request.progressToken(progressToken);
    }
    CallToolResult result = client.callTool(request.build());
    assertFalse(Json.write(result).contains(API_KEY), "the key leaked: " + Json.write(result));
    return result;
  }

  private CallToolResult sync(int count) {
    return call("sync_source_to_cache", Map.of("source_connector_name", "source-fake", "streams", "*",
        "config", Map.of("api_key", "secret_reference::FAKE_API_KEY", "count", count)), "sync-" + count);
  }

  @SuppressWarnings("unchecked")
  private Object sqlResult(String sql) {
    CallToolResult result = call("run_sql_query", Map.of("sql_query", sql), null);
    assertFalse(result.isError(), Json.write(result.content()));
    return ((Map<String, Object>) result.structuredContent()).get("result");
  }

  @Test
  @SuppressWarnings("unchecked")
  void syncsIncrementallyWithProgressAndAnswersQueries() {
    CallToolResult first = sync(4);
    assertFalse(first.isError(), Json.write(first.content()));
    assertEquals(7, ((Number) ((Map<String, Object>) first.structuredContent()).get("records")).intValue());
    assertTrue(progress.stream().anyMatch(p -> "sync-4".equals(p.progressToken())
        && p.message() != null && p.message().startsWith("7 records from 2 of 2 streams")), progress.toString());
    assertEquals(List.of(Map.of("n", 4)), sqlResult("SELECT count(*) AS n FROM users"));

    CallToolResult second = sync(3);
    assertEquals(6, ((Number) ((Map<String, Object>) second.structuredContent()).get("records")).intValue());
    assertEquals(List.of(Map.of("n", 7, "max_id", 7)), sqlResult("SELECT count(*) AS n, max(id) AS max_id FROM users"));
    assertEquals(List.of(Map.of("n", 3)), sqlResult("SELECT count(*) AS n FROM orders"));

    CallToolResult refused = call("run_sql_query", Map.of("sql_query", "DELETE FROM users"), null);
    assertTrue(refused.isError());
    assertTrue(Json.write(refused.content()).contains("writes data"), Json.write(refused.content()));
  }
}
