package airbytemcp.hardening;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.cache.CacheDatabase;
import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** notifications/cancelled stops the work of the call it names, over a real stdio session. */
@Timeout(120)
class CancellationTest {
  @TempDir Path dir;

  static final String ENDLESS_SQL =
      "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) SELECT count(*) FROM t";

  /**
   * The cache file the server's queries need, created here and closed again (DuckDB allows one
   * writer).
   */
  static void createEmptyCache(Path dir) {
    try (CacheDatabase cache =
        CacheDatabase.defaultCache(dir.resolve("project").resolve(".cache"))) {
      cache.connect().close();
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void cancellingARunningQueryInterruptsItAndTheServerAnswersTheNextOne() throws Exception {
    createEmptyCache(dir);
    try (SmallHeapServer server = SmallHeapServer.start(dir, "none")) {
      long id = server.callTool("run_sql_query", Json.object().put("sql_query", ENDLESS_SQL));
      Thread.sleep(1500);
      long cancelledAt = System.nanoTime();
      server.cancel(id);
      JsonNode answer = server.await(id, Duration.ofSeconds(20));
      long seconds = (System.nanoTime() - cancelledAt) / 1_000_000_000L;
      assertTrue(
          SmallHeapServer.isError(answer) && SmallHeapServer.text(answer).contains("cancelled"),
          "the cancelled query should end with a cancellation error: " + answer);
      assertTrue(
          seconds < 10,
          "the query should stop within seconds of the cancellation, took " + seconds + " s");
      JsonNode next =
          server.await(
              server.callTool("run_sql_query", Json.object().put("sql_query", "SELECT 42 AS n")),
              Duration.ofSeconds(20));
      assertFalse(SmallHeapServer.isError(next), "the next query should run normally: " + next);
    }
  }

  @Test
  void cancellingAConnectorCallKillsTheConnectorAndEveryProcessItStarted() throws Exception {
    try (SmallHeapServer server = SmallHeapServer.start(dir, "hang")) {
      long id =
          server.callTool(
              "validate_connector_config",
              Json.object().put("connector_name", "source-hostile").set("config", Json.object()));
      List<Long> pids = server.connectorPids(Duration.ofSeconds(30));
      server.cancel(id);
      JsonNode answer = server.await(id, Duration.ofSeconds(20));
      assertTrue(
          SmallHeapServer.isError(answer),
          "the cancelled call should end with an error: " + answer);
      assertTrue(
          SmallHeapServer.allGone(pids, Duration.ofSeconds(10)),
          "the connector " + pids.get(0) + " and its child " + pids.get(1) + " should be killed");
      assertFalse(
          Files.exists(server.connectorConfigPath()),
          "the run folder with the hydrated config should be deleted");
    }
  }
}
