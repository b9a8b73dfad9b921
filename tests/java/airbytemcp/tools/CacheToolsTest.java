package airbytemcp.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.UserError;
import airbytemcp.config.Domain;
import airbytemcp.testing.TestResolvers;
import airbytemcp.testing.ToolHarness;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache tools driving the test connector (a program on the PATH, run by the local executor).
 */
class CacheToolsTest {
  static final String KEY = "fake-key-0123456789";
  static final String KEY_REFERENCE = "secret_reference::FAKE_API_KEY";

  @TempDir Path workDir;
  private ToolHarness harness;

  @BeforeEach
  void setUp() {
    harness =
        new ToolHarness(
            workDir,
            Map.of("FAKE_API_KEY", KEY),
            TestResolvers.pathWithFake(),
            TestResolvers.NO_DOCKER);
  }

  @AfterEach
  void tearDown() {
    harness.services.cache().close();
  }

  private Map<String, Object> call(String tool, Map<String, Object> args) throws Exception {
    return harness.call(tool, args).structured();
  }

  private Map<String, Object> syncFake(int count, Object streams) throws Exception {
    return call(
        "sync_source_to_cache",
        Map.of(
            "source_connector_name",
            "source-fake",
            "config",
            Map.of("api_key", KEY_REFERENCE, "count", count),
            "override_execution_mode",
            "local",
            "streams",
            streams));
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> rows(String sql) throws Exception {
    return (List<Map<String, Object>>)
        call("run_sql_query", Map.of("sql_query", sql)).get("result");
  }

  @Test
  @SuppressWarnings("unchecked")
  void syncsEveryStreamOfTheTestConnectorAndSummarisesEach() throws Exception {
    Map<String, Object> summary = syncFake(4, "*");
    List<Map<String, Object>> streams = (List<Map<String, Object>>) summary.get("streams");
    assertEquals(
        Map.of(
            "stream_name",
            "users",
            "table_name",
            "users",
            "write_strategy",
            "merge",
            "records_read",
            4L,
            "rows_in_table",
            4L),
        streams.get(0));
    assertEquals(
        Map.of(
            "stream_name",
            "orders",
            "table_name",
            "orders",
            "write_strategy",
            "replace",
            "records_read",
            3L,
            "rows_in_table",
            3L),
        streams.get(1));
    assertEquals(7L, summary.get("records"));
    assertEquals(List.of(Map.of("n", 4L)), rows("SELECT count(*) AS n FROM users"));
  }

  @Test
  void aSecondSyncReadsOnlyNewRecordsFromTheStoredState() throws Exception {
    syncFake(4, List.of("users"));
    Map<String, Object> second = syncFake(3, List.of("users"));
    assertEquals(3L, second.get("records"));
    assertEquals(
        List.of(Map.of("first", 5L, "last", 7L, "n", 7L)),
        rows(
            "SELECT min(id) FILTER (WHERE id > 4) AS first, max(id) AS last, count(*) AS n FROM users"));
  }

  @Test
  void suggestedStreamsFallBackToAllWhenTheRegistrySuggestsNone() throws Exception {
    Map<String, Object> summary =
        call(
            "sync_source_to_cache",
            Map.of(
                "source_connector_name",
                "source-fake",
                "config",
                Map.of("api_key", KEY_REFERENCE),
                "override_execution_mode",
                "local"));
    assertEquals(2, ((List<?>) summary.get("streams")).size());
  }

  @Test
  void theSummaryOfOneStreamAndOneRecordCountsThemInTheSingular() throws Exception {
    Map<String, Object> summary = syncFake(1, List.of("users"));
    assertTrue(
        summary.get("message").toString().contains(": 1 record in 1 stream written"),
        summary.get("message").toString());
  }

  @Test
  void reportsProgressWhileSyncing() throws Exception {
    syncFake(5, "users");
    assertFalse(harness.progress.isEmpty());
    String last = harness.progress.get(harness.progress.size() - 1);
    assertTrue(last.contains("5 records from 1 of 1 stream "), harness.progress.toString());
  }

  @Test
  void listsAndDescribesTheCachedStreams() throws Exception {
    syncFake(2, "*");
    List<?> listed = (List<?>) call("list_cached_streams", Map.of()).get("result");
    assertEquals(2, listed.size(), listed.toString());
    for (int i = 0; i < 2; i++) {
      Map<?, ?> stream = (Map<?, ?>) listed.get(i);
      String name = List.of("orders", "users").get(i);
      assertEquals(name, stream.get("stream_name"), listed.toString());
      assertEquals(name, stream.get("table_name"), listed.toString());
      assertEquals("main", stream.get("schema_name"), listed.toString());
      Map<?, ?> last = (Map<?, ?>) stream.get("last_sync");
      assertEquals("completed", last.get("status"), "how the sync ended: " + listed);
      assertTrue(((Number) last.get("records")).longValue() > 0, listed.toString());
      assertTrue(
          String.valueOf(last.get("ended_at")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z"),
          "ended_at in UTC: " + listed);
    }
    Map<String, Object> description = call("describe_default_cache", Map.of());
    Path cacheRoot = harness.services.settings().cacheRoot();
    assertEquals("DuckDBCache", description.get("cache_type"));
    assertEquals(
        cacheRoot.resolve("default_cache/default_cache.duckdb").toString(),
        description.get("cache_db_path"));
    assertEquals(cacheRoot.resolve("default_cache").toString(), description.get("cache_dir"));
    assertEquals(List.of("orders", "users"), description.get("cached_streams"));
  }

  @Test
  void anEmptyCacheListsNoStreams() throws Exception {
    assertEquals(List.of(), call("list_cached_streams", Map.of()).get("result"));
  }

  @Test
  void aRefusedQueryFailsWithTheReason() throws Exception {
    syncFake(1, "orders");
    UserError error =
        assertThrows(
            UserError.class, () -> call("run_sql_query", Map.of("sql_query", "DROP TABLE users")));
    assertTrue(error.getMessage().contains("DDL"), error.getMessage());
  }

  @Test
  void aFailingConnectorFailsTheSyncWithoutRevealingItsKey() {
    UserError error =
        assertThrows(
            UserError.class,
            () ->
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
                        Map.of("api_key", KEY_REFERENCE, "mode", "trace_error"))));
    assertTrue(error.getMessage().contains("The API rejected key"), error.getMessage());
    assertFalse(error.getMessage().contains(KEY), error.getMessage());
    assertEquals(List.of(), harness.services.cache().cachedStreams());
  }

  @Test
  void everyCacheToolIsALocalToolThatRunsOnTheServerMachine() {
    for (ToolDefinition tool : new CacheTools(harness.services).definitions()) {
      assertEquals(Domain.LOCAL, tool.domain(), tool.name());
      assertTrue(tool.has(ToolTrait.RUNS_ON_SERVER_MACHINE), tool.name());
    }
  }
}
