package airbytemcp.hardening;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.testing.HttpServerProcess;
import airbytemcp.testing.RawMcpSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local DuckDB cache over HTTP (trusted execution on): SQL that tries to write, read files,
 * load extensions or reach the environment is refused; queries keep answering while a sync writes.
 */
class CacheUnderAttackTest {
  @TempDir static Path dir;
  static HostileWorld world;
  static HttpServerProcess server;

  @BeforeAll
  static void start() {
    world = HostileWorld.serving(dir);
    server = world.server;
    RawMcpSession session = RawMcpSession.open(server.mcpUrl(), Map.of());
    JsonNode synced = session.callTool("sync_source_to_cache", sync());
    assertFalse(synced.path("result").path("isError").asBoolean(true), synced.toString());
  }

  @AfterAll
  static void stop() {
    if (world != null) {
      world.close();
    }
  }

  static ObjectNode sync() {
    ObjectNode args = Json.object().put("source_connector_name", "source-fake").put("streams", "*");
    args.set("config", Json.object().put("api_key", "secret_reference::FAKE_API_KEY"));
    return args;
  }

  static ObjectNode sql(String query) {
    return Json.object().put("sql_query", query);
  }

  static boolean isError(JsonNode answer) {
    return answer.has("error") || answer.path("result").path("isError").asBoolean(false);
  }

  @Test
  void sqlThatWritesReadsFilesOrEscapesIsRefused() throws Exception {
    RawMcpSession session = RawMcpSession.open(server.mcpUrl(), Map.of());
    Path marker = dir.resolve("escaped.csv");
    List<String> attacks =
        List.of(
            "COPY (SELECT 1) TO '" + marker + "'",
            "COPY users TO '" + marker + "' (FORMAT csv)",
            "EXPORT DATABASE '" + dir.resolve("export") + "'",
            "ATTACH '" + dir.resolve("evil.duckdb") + "' AS evil",
            "INSTALL httpfs",
            "LOAD httpfs",
            "SET enable_external_access = true",
            "PRAGMA enable_profiling",
            "CREATE TABLE pwn AS SELECT 1",
            "DROP TABLE users",
            "DELETE FROM users",
            "UPDATE users SET name = 'x'",
            "INSERT INTO users VALUES (1)",
            "ALTER TABLE users RENAME TO u2",
            "CREATE MACRO m() AS 1",
            "SELECT * FROM read_csv('/etc/passwd')",
            "SELECT * FROM read_text('/etc/passwd')",
            "SELECT * FROM read_json_auto('/proc/self/environ')",
            "SELECT * FROM '/etc/passwd'",
            "SELECT * FROM read_parquet('http://127.0.0.1:9/x.parquet')",
            "FROM glob('/etc/*')",
            "SELECT getenv('FAKE_API_KEY')",
            "SELECT 1; DROP TABLE users",
            "SELECT 1; COPY (SELECT 1) TO '" + marker + "'",
            "WITH x AS (SELECT 1) DELETE FROM users",
            "CALL pragma_database_list()",
            "CHECKPOINT",
            "VACUUM",
            "DETACH memory",
            "USE system",
            "BEGIN TRANSACTION");
    int tried = 0;
    for (String attack : attacks) {
      tried++;
      JsonNode answer = session.callTool("run_sql_query", sql(attack));
      assertTrue(isError(answer), "attack " + tried + " was run: " + attack + " -> " + answer);
      assertFalse(answer.toString().contains("root:x:0:0"), attack);
      assertFalse(answer.toString().contains(HostileWorld.DOTENV_KEY), attack);
    }
    assertFalse(Files.exists(marker), "no file was written");
    JsonNode rows = session.callTool("run_sql_query", sql("SELECT count(*) AS n FROM users"));
    assertFalse(isError(rows), "the cache is intact: " + rows);
    System.out.println(
        "SQL escapes: " + tried + " statements, all refused; the cache still answers.");
  }

  @Test
  void queriesKeepAnsweringWhileASyncWrites() throws Exception {
    List<RawMcpSession> readers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      readers.add(RawMcpSession.open(server.mcpUrl(), Map.of()));
    }
    RawMcpSession writer = RawMcpSession.open(server.mcpUrl(), Map.of());
    ExecutorService pool = Executors.newFixedThreadPool(6);
    Future<JsonNode> sync = pool.submit(() -> writer.callTool("sync_source_to_cache", sync()));
    List<Future<JsonNode>> queries = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      RawMcpSession reader = readers.get(i % readers.size());
      queries.add(
          pool.submit(
              () -> reader.callTool("run_sql_query", sql("SELECT count(*) AS n FROM users"))));
    }
    int answered = 0;
    for (Future<JsonNode> query : queries) {
      JsonNode answer = query.get(3, TimeUnit.MINUTES);
      assertFalse(isError(answer), "a query during the sync failed: " + answer);
      answered++;
    }
    JsonNode synced = sync.get(3, TimeUnit.MINUTES);
    assertFalse(isError(synced), synced.toString());
    pool.shutdown();
    System.out.println(
        "Sync with queries: " + answered + " queries from 3 sessions answered while a sync ran.");
  }
}
