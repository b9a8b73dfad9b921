package airbytemcp.hardening;

import static airbytemcp.hardening.RegistryManifestWorld.API_KEY_HEAD;
import static airbytemcp.hardening.RegistryManifestWorld.API_KEY_TAIL;
import static airbytemcp.hardening.RegistryManifestWorld.bothHalvesOfTheKeyIn;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A source of log lines, one line per record (an app's log events), whose log holds the key the
 * connector itself sent, cut over two lines as a log pipeline cuts a long line. Each record alone
 * holds no secret; the two together do. Neither a page of read_source_stream_records, nor the next
 * page, nor the cache gives both halves. Found by red team s.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SecretCutAcrossRecordsStaysHiddenTest {
  @RegisterExtension final RegistryManifestWorlds worlds = new RegistryManifestWorlds();
  private RegistryManifestWorld world;

  private static final String LINES =
      "[{\"id\": 1, \"line\": \"GET /v1/items X-Api-Key="
          + API_KEY_HEAD
          + "\"}, {\"id\": 2, \"line\": \""
          + API_KEY_TAIL
          + " -> 200\"}, {\"id\": 3, \"line\": \"GET /v1/health -> 200\"}]";

  private void start(String items) {
    world = worlds.open().startItemsApi("{id: {type: integer}, line: {type: string}}", items);
  }

  private RegistryManifestWorld.Answer read(int offset, int max) {
    return world.call(
        "read_source_stream_records",
        Map.of(
            "source_connector_name",
            "source-items-api",
            "override_execution_mode",
            "native",
            "stream_name",
            "items",
            "config",
            RegistryManifestWorld.API_KEY_CONFIG,
            "offset",
            offset,
            "max_records",
            max));
  }

  @Test
  void oneAnswerOfBothRecordsHoldsNeitherHalf() {
    start(LINES);
    RegistryManifestWorld.Answer answer = read(0, 10);
    assertFalse(answer.isError(), answer.text());
    assertTrue(answer.text().contains("GET /v1/health"), answer.text());
    assertFalse(
        answer.text().contains(API_KEY_HEAD) || answer.text().contains(API_KEY_TAIL),
        "an answer of two records gave a part of the key: " + answer.text());
  }

  @Test
  void aPageThatEndsWithTheFirstHalfHidesItAndTheNextPageHidesTheSecond() {
    start(LINES);
    RegistryManifestWorld.Answer first = read(0, 1);
    RegistryManifestWorld.Answer second = read(1, 1);
    assertFalse(first.isError() || second.isError(), first.text() + second.text());
    assertTrue(first.text().contains("GET /v1/items"), first.text());
    assertFalse(
        bothHalvesOfTheKeyIn(first.text() + second.text()),
        "two pages of one record each gave the key's halves: " + first.text() + second.text());
  }

  @Test
  void aSyncStopsBeforeTheCacheHoldsBothHalvesAndSaysWhy() {
    start(LINES);
    RegistryManifestWorld.Answer sync =
        world.syncNatively("source-items-api", RegistryManifestWorld.API_KEY_CONFIG);
    assertTrue(sync.isError(), "the sync stored a key cut over two records: " + sync.text());
    assertTrue(
        sync.text().contains("two records in a row of stream 'items'")
            && sync.text().contains("'line'"),
        "the error does not say which stream and key: " + sync.text());
    assertFalse(bothHalvesOfTheKeyIn(sync.text()), sync.text());
    RegistryManifestWorld.Answer rows =
        world.call("run_sql_query", Map.of("sql_query", "SELECT line FROM items ORDER BY id"));
    assertFalse(
        bothHalvesOfTheKeyIn(rows.text()),
        "SQL read the key's halves from the cache: " + rows.text());
    assertTrue(rows.isError(), "run_sql_query still answers after the fuse blew: " + rows.text());
  }

  @Test
  void aLogWhoseLinesHoldNoKeySyncsAsItCame() {
    start(
        "[{\"id\": 1, \"line\": \"GET /v1/items X-Api-Key=****\"},"
            + " {\"id\": 2, \"line\": \"-> 200 in 12 ms\"}]");
    RegistryManifestWorld.Answer sync =
        world.syncNatively("source-items-api", RegistryManifestWorld.API_KEY_CONFIG);
    assertFalse(sync.isError(), "a log without the key failed to sync: " + sync.text());
    RegistryManifestWorld.Answer rows =
        world.call("run_sql_query", Map.of("sql_query", "SELECT line FROM items ORDER BY id"));
    assertTrue(rows.text().contains("-> 200 in 12 ms"), rows.text());
  }
}
