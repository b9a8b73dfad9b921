package airbytemcp.hardening;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.hardening.InjectedAgentWorld.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * run_sql_query reads no file, not even the ones DuckDB itself lets the cache read (the sync's
 * staging folder and the database file), whichever way the agent names the reader: SQL inside a
 * string (query()), a quoted function name, a quoted path where a table belongs.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PromptInjectedAgentSqlFilesTest {
  static final String STAGED = "a-staged-record-line-not-for-queries";

  @TempDir static Path dir;
  static InjectedAgentWorld world;
  static Path staging;

  @BeforeAll
  static void start() throws Exception {
    world = new InjectedAgentWorld(dir).start();
    Answer synced = world.syncFakeSource();
    assertFalse(synced.isError(), synced.text());
    Answer described = world.call("describe_default_cache", Map.of());
    staging =
        Path.of(Json.parse(described.text()).path("structuredContent").path("cache_dir").asText())
            .resolve("staging");
    Files.writeString(staging.resolve("left.jsonl"), "{\"name\": \"" + STAGED + "\"}\n");
  }

  @AfterAll
  static void stop() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void noSpellingOfAFileReaderGetsPastTheGuard() {
    String file = staging.resolve("left.jsonl").toString();
    List<String> attacks =
        List.of(
            "SELECT * FROM query('SELECT * FROM read_text(''" + file + "'')')",
            "SELECT * FROM query_table('" + file + "')",
            "SELECT * FROM \"read_text\"('" + file + "')",
            "SELECT * FROM \"read_json_auto\"('" + file + "')",
            "SELECT * FROM \"" + file + "\"",
            "SELECT * FROM \"glob\"('" + staging + "/*')",
            "SELECT octet_length(content) AS n FROM \"read_blob\"('"
                + staging.resolveSibling("default_cache.duckdb")
                + "')");
    List<String> answered = new ArrayList<>();
    for (String attack : attacks) {
      Answer answer = world.sql(attack);
      if (!answer.isError() || answer.text().contains(STAGED)) {
        answered.add(attack + " -> " + answer.text());
      }
    }
    assertTrue(answered.isEmpty(), "queries read files:\n" + String.join("\n", answered));
    Answer tables = world.sql("SELECT count(*) AS n FROM information_schema.tables");
    assertFalse(tables.isError(), "the cache's catalog should still answer: " + tables.text());
  }
}
