package airbytemcp.cache;

import static airbytemcp.cache.Protocol.catalog;
import static airbytemcp.cache.Protocol.record;
import static airbytemcp.cache.Protocol.stream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.protocol.AirbyteMessage;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReadOnlySqlTest {
  @TempDir Path root;
  @TempDir Path outside;
  private DefaultCache cache;

  @BeforeEach
  void syncAFewUsers() {
    cache = CacheFixture.open(root);
    List<AirbyteMessage> records = new ArrayList<>();
    for (int i = 1; i <= 25; i++) {
      records.add(
          record(
              "users",
              "{\"id\": "
                  + i
                  + ", \"name\": \"user "
                  + i
                  + "\", \"score\": 1.5,"
                  + " \"profile\": {\"tags\": [\"a\"]}, \"seen\": \"2024-01-02T03:04:05Z\"}"));
    }
    FakeSource source =
        FakeSource.emitting(
            "source-users",
            catalog(
                stream(
                    "users",
                    "{\"id\": {\"type\": \"integer\"}, \"name\": {\"type\": \"string\"}, \"score\": {\"type\": \"number\"},"
                        + " \"profile\": {\"type\": \"object\"}, \"seen\": {\"type\": \"string\", \"format\": \"date-time\"}}",
                    List.of("id"),
                    null)),
            records);
    cache.sync(source, Json.object(), source.discover(null), List.of("users"), SyncListener.NONE);
  }

  @AfterEach
  void close() {
    cache.close();
  }

  private String refusal(String sql) {
    return assertThrows(CacheError.class, () -> cache.query(sql, 100)).getMessage();
  }

  @Test
  void returnsRowsAsColumnNameToJsonSafeValue() {
    Map<String, Object> row =
        cache.query("SELECT id, name, score, profile, seen FROM users WHERE id = 1", 10).get(0);
    assertEquals(1L, row.get("id"));
    assertEquals("user 1", row.get("name"));
    assertEquals(new BigDecimal("1.5"), row.get("score"), "a DECIMAL reads as written");
    assertEquals(Map.of("tags", List.of("a")), row.get("profile"));
    assertEquals("2024-01-02T03:04:05Z", row.get("seen"));
    assertEquals(
        "{\"id\":1,\"name\":\"user 1\",\"score\":1.5,\"profile\":{\"tags\":[\"a\"]},"
            + "\"seen\":\"2024-01-02T03:04:05Z\"}",
        Json.write(row));
  }

  @Test
  void nonFiniteNumbersListsAndStructsStayJsonSafe() {
    Map<String, Object> row =
        cache
            .query(
                "SELECT 'NaN'::DOUBLE AS nan, [1, 2] AS list, {'a': 1} AS struct, 'abc'::BLOB AS bytes",
                1)
            .get(0);
    assertEquals("NaN", row.get("nan"));
    assertEquals(List.of(1, 2), row.get("list"));
    assertEquals(Map.of("a", 1), row.get("struct"));
    assertEquals("YWJj", row.get("bytes"));
  }

  @Test
  void capsTheRowsAtMaxRecords() {
    assertEquals(10, cache.query("SELECT * FROM users", 10).size());
    assertEquals(25, cache.query("SELECT * FROM users", 1000).size());
  }

  @Test
  void readsOnlyTheRowsItReturnsOfAHugeResult() {
    assertEquals(3, cache.query("SELECT * FROM range(3000000000)", 3).size());
  }

  @Test
  void refusesMaxRecordsOutsideItsRange() {
    assertThrows(CacheError.class, () -> cache.query("SELECT 1", 0));
    assertThrows(
        CacheError.class, () -> cache.query("SELECT 1", DefaultCache.MAX_RECORDS_LIMIT + 1));
  }

  @Test
  void maxRecordsOfZeroIsToldTheRangeNotToAskForFewerRows() {
    String hint = assertThrows(CacheError.class, () -> cache.query("SELECT 1", 0)).hint();
    assertTrue(hint.contains("from 1 to " + DefaultCache.MAX_RECORDS_LIMIT), hint);
    assertFalse(hint.contains("fewer rows"), "tells an agent that asked for 0 rows: " + hint);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT count(*) FROM users",
        "  select * from users limit 1;",
        "WITH t AS (SELECT 1 AS x) SELECT * FROM t",
        "FROM users LIMIT 1",
        "DESCRIBE users",
        "SHOW TABLES",
        "SUMMARIZE users",
        "EXPLAIN SELECT * FROM users",
        "-- a comment first\nSELECT 1",
        "SELECT 'a;b' AS text",
        "(SELECT 1)"
      })
  void runsReadOnlyStatements(String sql) {
    assertFalse(cache.query(sql, 100).isEmpty());
  }

  @Test
  void refusesWrites() {
    assertTrue(
        refusal("INSERT INTO users (id) VALUES (99)").contains("writes data"),
        "expected writes data in refusal(\"INSERT INTO users (id) VALUES (99)\")");
    assertTrue(
        refusal("UPDATE users SET name = 'x'").contains("writes data"),
        "expected writes data in refusal(\"UPDATE users SET name = 'x'\")");
    assertTrue(
        refusal("DELETE FROM users").contains("writes data"),
        "expected writes data in refusal(\"DELETE FROM users\")");
    assertEquals(25, cache.query("SELECT * FROM users", 100).size());
  }

  @Test
  void refusesDdl() {
    assertTrue(
        refusal("DROP TABLE users").contains("DDL"),
        "expected DDL in refusal(\"DROP TABLE users\")");
    assertTrue(
        refusal("CREATE TABLE x AS SELECT 1").contains("DDL"),
        "expected DDL in refusal(\"CREATE TABLE x AS SELECT 1\")");
    assertTrue(
        refusal("ALTER TABLE users ADD COLUMN x INT").contains("DDL"),
        "expected DDL in refusal(\"ALTER TABLE users ADD COLUMN x INT\")");
  }

  @Test
  void refusesAttach() {
    assertTrue(
        refusal("ATTACH '" + outside.resolve("other.duckdb") + "' AS other").contains("attaches"),
        "expected attaches in refusal(\"ATTACH '\" + outside.resolve(\"other.duckdb\") + \"'...");
    assertFalse(Files.exists(outside.resolve("other.duckdb")));
  }

  @Test
  void refusesCopyInBothDirections() {
    assertTrue(
        refusal("COPY users TO '" + outside.resolve("dump.csv") + "'").contains("files"),
        "expected files in refusal(\"COPY users TO '\" + outside.resolve(\"dump.csv\") +...");
    assertTrue(
        refusal("COPY users FROM '/etc/hostname'").contains("files"),
        "expected files in refusal(\"COPY users FROM '/etc/hostname'\")");
    assertFalse(Files.exists(outside.resolve("dump.csv")));
  }

  @Test
  void refusesPragmaAndSet() {
    assertTrue(
        refusal("PRAGMA enable_profiling").contains("PRAGMA"),
        "expected PRAGMA in refusal(\"PRAGMA enable_profiling\")");
    assertTrue(
        refusal("SET enable_external_access = true").contains("settings"),
        "expected settings in refusal(\"SET enable_external_access = true\")");
    assertTrue(
        refusal("RESET threads").contains("settings"),
        "expected settings in refusal(\"RESET threads\")");
  }

  @Test
  void refusesReadingFiles() throws Exception {
    Path secret = Files.writeString(outside.resolve("data.csv"), "a,b\n1,2\n");
    Path json = Files.writeString(outside.resolve("data.json"), "{\"a\": 1}\n");
    assertTrue(
        refusal("SELECT * FROM read_csv('" + secret + "')").contains("reads files"),
        "expected reads files in refusal(\"SELECT * FROM read_csv('\" + secret + \"')\")");
    assertTrue(
        refusal("SELECT * FROM read_json('" + json + "')").contains("reads files"),
        "expected reads files in refusal(\"SELECT * FROM read_json('\" + json + \"')\")");
    assertTrue(
        refusal("SELECT * FROM '" + secret + "'").contains("reads files"),
        "expected reads files in refusal(\"SELECT * FROM '\" + secret + \"'\")");
    assertTrue(
        refusal("SELECT * FROM glob('/etc/*')").contains("reads files"),
        "expected reads files in refusal(\"SELECT * FROM glob('/etc/*')\")");
  }

  @Test
  void theDatabaseItselfRefusesFileAccessTheGuardDidNotSpot() {
    // a file path the text checks cannot see: DuckDB's disabled external access is the wall behind
    // them
    String message = refusal("SELECT * FROM users, (SELECT * FROM \"read_text\"('/etc/hostname'))");
    assertTrue(message.contains("outside the cache") || message.contains("reads files"), message);
  }

  @Test
  void refusesASecondStatement() {
    assertTrue(
        refusal("SELECT 1; SELECT 2").contains("2 statements"),
        "expected 2 statements in refusal(\"SELECT 1; SELECT 2\")");
    assertTrue(
        refusal("SELECT 1; DROP TABLE users").contains("2 statements"),
        "expected 2 statements in refusal(\"SELECT 1; DROP TABLE users\")");
    assertTrue(
        refusal("SELECT 1 /* ; */; DELETE FROM users -- ;").contains("2 statements"),
        "expected 2 statements in refusal(\"SELECT 1 /* ; */; DELETE FROM users -- ;\")");
    assertEquals(25, cache.query("SELECT * FROM users", 100).size());
  }

  @Test
  void refusesExtensionsAndTransactionsAndExplainOfAWrite() {
    assertTrue(
        refusal("INSTALL httpfs").contains("extensions"),
        "expected extensions in refusal(\"INSTALL httpfs\")");
    assertTrue(
        refusal("LOAD httpfs").contains("extensions"),
        "expected extensions in refusal(\"LOAD httpfs\")");
    assertTrue(
        refusal("CHECKPOINT").contains("not a read-only query"),
        "expected not a read-only query in refusal(\"CHECKPOINT\")");
    assertTrue(
        refusal("EXPLAIN ANALYZE DELETE FROM users").contains("read-only"),
        "expected read-only in refusal(\"EXPLAIN ANALYZE DELETE FROM users\")");
    assertEquals(25, cache.query("SELECT * FROM users", 100).size());
  }

  @Test
  void aMisspeltKeywordIsCalledASyntaxErrorWithTheWordMeant() {
    String refusal = refusal("SELEC * FROM users");

    assertTrue(
        refusal.contains("not valid SQL") && refusal.contains("did you mean SELECT?"), refusal);
  }

  @Test
  void aMisspeltTableNamesTheTableMeant() {
    assertTrue(refusal("SELECT * FROM userz").contains("did you mean \"users\"?"), "userz");
    assertTrue(refusal("SELECT * FROM user").contains("did you mean \"users\"?"), "user");
    assertFalse(
        refusal("SELECT * FROM invoices").contains("did you mean"),
        "no table is close to invoices");
  }

  @Test
  void refusalsComeWithAHint() {
    CacheError error = assertThrows(CacheError.class, () -> cache.query("DROP TABLE users", 10));
    assertInstanceOf(SqlGuard.SqlRefused.class, error);
    assertTrue(error.hint().contains("SHOW TABLES"), "expected SHOW TABLES in: " + error.hint());
  }

  @Test
  void aFailingQuerySaysWhatDuckDbSaid() {
    CacheError error =
        assertThrows(CacheError.class, () -> cache.query("SELECT * FROM no_such_table", 10));
    assertTrue(error.getMessage().contains("no_such_table"), error.getMessage());
  }

  @Test
  void aFailingQueryQuotesNoneOfTheSqlTheServerWrapsAroundIt() {
    String message =
        assertThrows(CacheError.class, () -> cache.query("SELECT nme FROM users", 10)).getMessage();
    assertTrue(message.contains("\"nme\" not found"), "names the unknown column: " + message);
    assertFalse(
        message.contains("__airbyte_mcp") || message.contains("LINE 1"),
        "quotes the server's wrapper query, whose caret points past the agent's SQL: " + message);
  }

  @Test
  void aQueryOnACacheThatDoesNotExistYetSaysToSyncFirst() {
    try (DefaultCache empty = CacheFixture.open(outside)) {
      CacheError error = assertThrows(CacheError.class, () -> empty.query("SELECT 1", 10));
      assertTrue(
          error.hint().contains("sync_source_to_cache"),
          "expected sync_source_to_cache in: " + error.hint());
      assertFalse(Files.exists(empty.dbPath()));
    }
  }
}
