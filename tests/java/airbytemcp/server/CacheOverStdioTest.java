package airbytemcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.config.SettingsLoader;
import airbytemcp.testing.FakeConnector;
import airbytemcp.testing.TestResources;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent's view: the server started as a process speaking MCP on stdio syncs the test connector
 * (a program on its PATH) into the cache incrementally, with progress notifications, and answers
 * read-only SQL over it.
 */
class CacheOverStdioTest {
  private static final String API_KEY = "stdio-key-9876543210";

  @TempDir Path workDir;
  private McpSyncClient client;
  private final List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startServer() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ServerParameters server =
        ServerParameters.builder(java)
            .args("-cp", System.getProperty("java.class.path"), "airbytemcp.server.Launcher")
            .env(
                Map.of(
                    "PATH",
                    FakeConnector.binDir() + ":" + System.getenv("PATH"),
                    SettingsLoader.CACHE_ROOT,
                    workDir.resolve("cache").toString(),
                    SettingsLoader.PROJECT_DIR,
                    workDir.toString(),
                    SettingsLoader.LOCAL_REGISTRY,
                    TestResources.resource("fake-connector/registry.json").toString(),
                    "FAKE_API_KEY",
                    API_KEY,
                    SettingsLoader.SECRET_ENV_NAMES,
                    "FAKE_API_KEY"))
            .build();
    client =
        McpClient.sync(new StdioClientTransport(server, McpJsonDefaults.getMapper()))
            .requestTimeout(Duration.ofMinutes(2))
            // a loaded machine can take longer than the SDK's 20 s to start the server's JVM
            .initializationTimeout(Duration.ofSeconds(90))
            .progressConsumer(progress::add)
            .build();
    client.initialize();
  }

  @AfterEach
  void stopServer() {
    client.closeGracefully();
  }

  private CallToolResult call(String tool, Map<String, Object> args, Object progressToken) {
    McpSchema.CallToolRequest.Builder request =
        McpSchema.CallToolRequest.builder().name(tool).arguments(args);
    if (progressToken != null) {
      request.progressToken(progressToken);
    }
    CallToolResult result = client.callTool(request.build());
    assertFalse(Json.write(result).contains(API_KEY), "the key leaked: " + Json.write(result));
    return result;
  }

  private CallToolResult sync(int count) {
    return sync(Map.of("count", count), "sync-" + count);
  }

  private CallToolResult sync(Map<String, Object> options, String progressToken) {
    Map<String, Object> config = new HashMap<>(options);
    config.put("api_key", "secret_reference::FAKE_API_KEY");
    return call(
        "sync_source_to_cache",
        Map.of("source_connector_name", "source-fake", "streams", "*", "config", config),
        progressToken);
  }

  /** The users cursor the cache stored, or -1 when none. */
  @SuppressWarnings("unchecked")
  private int storedUsersCursor() {
    List<Map<String, Object>> rows =
        (List<Map<String, Object>>)
            sqlResult("SELECT state_json FROM _airbyte_state WHERE stream_name = 'users'");
    return rows.isEmpty()
        ? -1
        : Json.parse(String.valueOf(rows.get(0).get("state_json")))
            .findPath("updated_at")
            .asInt(-1);
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
    assertEquals(
        7, ((Number) ((Map<String, Object>) first.structuredContent()).get("records")).intValue());
    assertTrue(
        progress.stream()
            .anyMatch(
                p ->
                    "sync-4".equals(p.progressToken())
                        && p.message() != null
                        && p.message().startsWith("7 records from 2 of 2 streams")),
        progress.toString());
    assertEquals(List.of(Map.of("n", 4)), sqlResult("SELECT count(*) AS n FROM users"));

    CallToolResult second = sync(3);
    assertEquals(
        6, ((Number) ((Map<String, Object>) second.structuredContent()).get("records")).intValue());
    assertEquals(
        List.of(Map.of("n", 7, "max_id", 7)),
        sqlResult("SELECT count(*) AS n, max(id) AS max_id FROM users"));
    assertEquals(List.of(Map.of("n", 3)), sqlResult("SELECT count(*) AS n FROM orders"));

    CallToolResult refused = call("run_sql_query", Map.of("sql_query", "DELETE FROM users"), null);
    assertTrue(refused.isError());
    assertTrue(
        Json.write(refused.content()).contains("writes data"), Json.write(refused.content()));
  }

  @Test
  @SuppressWarnings("unchecked")
  void mergeDeduplicatesOnThePrimaryKeyAndReplaceReplaces() {
    assertFalse(sync(Map.of("count", 4, "label", "-a"), null).isError());
    CallToolResult again = sync(Map.of("count", 4, "label", "-b", "restart", true), null);
    assertFalse(again.isError(), Json.write(again.content()));
    assertEquals(
        List.of(Map.of("n", 4, "ids", 4)),
        sqlResult("SELECT count(*) AS n, count(DISTINCT id) AS ids FROM users"));
    assertEquals(
        List.of(Map.of("name", "user-1-b")),
        sqlResult("SELECT name FROM users WHERE id = 1"),
        "the newer record won");
    assertEquals(
        List.of(Map.of("n", 3)),
        sqlResult("SELECT count(*) AS n FROM orders"),
        "the full-refresh stream without a key was replaced, not appended to");
  }

  @Test
  void aConnectorKilledMidSyncLeavesDataAndStoredStateConsistent() {
    assertFalse(sync(4).isError());
    assertEquals(4, storedUsersCursor());
    CallToolResult killed = sync(Map.of("count", 6, "mode", "killed_midway"), null);
    assertTrue(killed.isError(), "the failed sync is reported");
    int cursor = storedUsersCursor();
    assertEquals(
        List.of(Map.of("max_id", cursor)),
        sqlResult("SELECT max(id) AS max_id FROM users"),
        "the stored state points exactly at the last committed record");
    assertEquals(
        List.of(Map.of("n", 0)), sqlResult("SELECT count(*) AS n FROM users WHERE id > " + cursor));

    CallToolResult resumed = sync(2);
    assertFalse(resumed.isError(), Json.write(resumed.content()));
    assertEquals(
        List.of(Map.of("n", cursor + 2, "max_id", cursor + 2)),
        sqlResult("SELECT count(*) AS n, max(id) AS max_id FROM users"),
        "the next sync resumes from that state");
  }

  @Test
  @SuppressWarnings("unchecked")
  void queriesAnswerWhileASyncRuns() throws Exception {
    assertFalse(sync(2).isError());
    CompletableFuture<CallToolResult> big =
        CompletableFuture.supplyAsync(() -> sync(Map.of("count", 30000), "big"));
    int queries = 0;
    int answeredDuringTheSync = 0;
    long lastCount = 0;
    while (!big.isDone() || queries < 3) {
      List<Map<String, Object>> rows =
          (List<Map<String, Object>>) sqlResult("SELECT count(*) AS n FROM users");
      if (!big.isDone()) {
        answeredDuringTheSync++;
      }
      long n = ((Number) rows.get(0).get("n")).longValue();
      assertTrue(n >= lastCount, "committed rows never disappear");
      lastCount = n;
      queries++;
    }
    assertTrue(answeredDuringTheSync > 0, "queries were answered while the sync ran");
    assertFalse(big.get().isError(), Json.write(big.get().content()));
    assertEquals(List.of(Map.of("n", 30002)), sqlResult("SELECT count(*) AS n FROM users"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aShortQueryAnswerReadsAsTheSameObjectAsALongOne() {
    assertFalse(sync(1).isError());
    CallToolResult result = call("run_sql_query", Map.of("sql_query", "SELECT 1 AS one"), null);
    assertFalse(result.isError(), Json.write(result.content()));
    Map<String, Object> text =
        Json.MAPPER.convertValue(
            Json.parse(((McpSchema.TextContent) result.content().get(0)).text()), Map.class);
    assertEquals(List.of(Map.of("one", 1)), text.get("result"), "the rows, as before");
    assertEquals(0, text.get("offset"));
    assertEquals(1, text.get("count"));
    assertTrue(text.containsKey("next_offset") && text.get("next_offset") == null, text.toString());
    assertEquals(
        text, result.structuredContent(), "the text says what the structured content says");
  }

  @Test
  void everyWayOutOfReadOnlySqlIsRefused() {
    assertFalse(sync(1).isError());
    List<String> escapes =
        List.of(
            "INSERT INTO users (id) VALUES (99)",
            "UPDATE users SET name = 'x'",
            "DELETE FROM users",
            "CREATE TABLE stolen AS SELECT * FROM users",
            "DROP TABLE users",
            "ALTER TABLE users ADD COLUMN x INT",
            "ATTACH '" + workDir.resolve("other.duckdb") + "' AS other",
            "COPY users TO '" + workDir.resolve("out.csv") + "'",
            "EXPORT DATABASE '" + workDir.resolve("export") + "'",
            "PRAGMA enable_external_access",
            "SET enable_external_access = true",
            "INSTALL httpfs",
            "LOAD httpfs",
            "SELECT * FROM read_csv('/etc/passwd')",
            "SELECT * FROM read_text('/etc/hostname')",
            "SELECT * FROM '/etc/passwd'",
            "SELECT 1; DROP TABLE users",
            "SELECT 1; SELECT 2");
    for (String sql : escapes) {
      CallToolResult result = call("run_sql_query", Map.of("sql_query", sql), null);
      assertTrue(result.isError(), "not refused: " + sql + " -> " + Json.write(result.content()));
    }
    assertEquals(
        List.of(Map.of("n", 1)), sqlResult("SELECT count(*) AS n FROM users"), "nothing changed");
  }
}
