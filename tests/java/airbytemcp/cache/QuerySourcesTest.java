package airbytemcp.cache;

import static airbytemcp.cache.Protocol.catalog;
import static airbytemcp.cache.Protocol.record;
import static airbytemcp.cache.Protocol.stream;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import airbytemcp.common.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A query reads only the cache's tables: however it names a file reader (quoted, inside a string
 * given to query(), as a path where a table belongs), the guard finds it on DuckDB's parse tree and
 * refuses it, while the tables, the catalog views, CTEs and the row generators keep working. The
 * staging folder is the target: DuckDB itself lets every connection read it.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class QuerySourcesTest {
  static final String STAGED = "staged-line-only-a-sync-may-read";

  @TempDir Path root;
  private DefaultCache cache;
  private Path staged;

  @BeforeEach
  void syncAndStageAFile() throws Exception {
    cache = CacheFixture.open(root);
    FakeSource source =
        FakeSource.emitting(
            "source-users",
            catalog(stream("users", "{\"id\": {\"type\": \"integer\"}}", List.of("id"), null)),
            List.of(record("users", "{\"id\": 1}"), record("users", "{\"id\": 2}")));
    cache.sync(source, Json.object(), source.discover(null), List.of("users"), SyncListener.NONE);
    staged =
        Files.writeString(
            cache.cacheDir().resolve("staging").resolve("users.jsonl"),
            "{\"name\": \"" + STAGED + "\"}\n");
  }

  @AfterEach
  void close() {
    cache.close();
  }

  private void assertRefused(String sql) {
    CacheError error =
        assertThrows(
            CacheError.class,
            () -> cache.query(sql, 10),
            "the guard let this query read outside the cache: " + sql);
    assertTrue(
        error instanceof SqlGuard.SqlRefused,
        "the guard should refuse it, not DuckDB fail it: " + sql + " -> " + error.getMessage());
    assertFalse(error.getMessage().contains(STAGED), error.getMessage());
  }

  @Test
  void fileReadersAreRefusedHoweverTheyAreSpelled() {
    String file = staged.toString();
    String staging = staged.getParent().toString();
    for (String sql :
        List.of(
            "SELECT * FROM query('SELECT * FROM read_text(''" + file + "'')')",
            "SELECT * FROM query_table('" + file + "')",
            "SELECT * FROM \"read_text\"('" + file + "')",
            "SELECT * FROM \"READ_JSON_AUTO\"('" + file + "')",
            "SELECT * FROM system.main.read_text('" + file + "')",
            "SELECT * FROM \"glob\"('" + staging + "/*')",
            "SELECT octet_length(content) FROM \"read_blob\"('" + cache.dbPath() + "')",
            "SELECT * FROM json_execute_serialized_sql(json_serialize_sql('SELECT 1'))",
            "SELECT (SELECT content FROM \"read_text\"('" + file + "')) AS c",
            "SELECT * FROM users WHERE id IN (SELECT 1 FROM \"read_text\"('" + file + "'))")) {
      assertRefused(sql);
    }
  }

  @Test
  void aPathWhereATableBelongsIsRefused() {
    String file = staged.toString();
    for (String sql :
        List.of(
            "SELECT * FROM \"" + file + "\"",
            "SELECT * FROM '" + file + "'",
            "FROM \"" + file + "\"",
            "DESCRIBE \"" + file + "\"",
            "SUMMARIZE \"" + file + "\"",
            "SHOW \"" + file + "\"",
            "EXPLAIN SELECT * FROM \"" + file + "\"",
            // a CTE of that name is not in scope in its own body, which would read the file
            "WITH \""
                + file
                + "\" AS (SELECT * FROM \""
                + file
                + "\") SELECT * FROM \""
                + file
                + "\"",
            // nor where a second CTE of another subquery uses it
            "SELECT * FROM (WITH \"a.csv\" AS (SELECT 1) SELECT 1), \"a.csv\"")) {
      assertRefused(sql);
    }
  }

  @Test
  void tableFunctionsOutsideTheGeneratorsAndViewsThatShowPathsOrSettingsAreRefused() {
    for (String sql :
        List.of(
            "SELECT * FROM duckdb_databases()",
            "SELECT * FROM duckdb_databases",
            "SELECT * FROM duckdb_settings()",
            "SELECT * FROM pg_catalog.pg_settings",
            "SELECT * FROM checkpoint()",
            "SELECT * FROM no_such_table")) {
      assertRefused(sql);
    }
  }

  @Test
  void theCachesTablesCatalogViewsCtesAndGeneratorsStillWork() {
    for (String sql :
        List.of(
            "SELECT * FROM users",
            "SELECT * FROM main.users",
            "SELECT * FROM default_cache.users",
            "SELECT * FROM default_cache.main.\"USERS\"",
            "SELECT * FROM _airbyte_streams",
            "SELECT table_name FROM information_schema.tables",
            "SELECT * FROM duckdb_tables",
            "SELECT * FROM pg_catalog.pg_tables",
            "SHOW TABLES",
            "SHOW ALL TABLES",
            "DESCRIBE users",
            "SUMMARIZE users",
            "SUMMARIZE SELECT * FROM users",
            "WITH t AS (SELECT id FROM users), u AS (SELECT * FROM t) SELECT * FROM u",
            "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) "
                + "SELECT * FROM r",
            "SELECT * FROM range(3)",
            "SELECT * FROM generate_series(1, 3)",
            "SELECT * FROM unnest([1, 2])",
            "SELECT * FROM json_each('{\"a\": 1}')",
            "SELECT i, lpad(i::VARCHAR, 6, '0') FROM range(5) t(i)")) {
      try {
        List<Map<String, Object>> rows = cache.query(sql, 10);
        assertFalse(rows.isEmpty(), "no rows from: " + sql);
      } catch (CacheError e) {
        fail("a query over the cache was refused: " + sql + " -> " + e.getMessage());
      }
    }
  }
}
