package airbytemcp.cache;

import static airbytemcp.cache.Protocol.catalog;
import static airbytemcp.cache.Protocol.record;
import static airbytemcp.cache.Protocol.stream;
import static airbytemcp.cache.Protocol.streamState;
import static org.junit.jupiter.api.Assertions.assertEquals;

import airbytemcp.common.Json;
import airbytemcp.protocol.AirbyteMessage;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteStrategyTest {
  @TempDir Path root;

  private static final String PROPERTIES =
      "{\"id\": {\"type\": \"integer\"}, \"name\": {\"type\": \"string\"}}";

  private SyncResult sync(ObjectNode streamDefinition, List<AirbyteMessage> messages) {
    FakeSource source = FakeSource.emitting("source-test", catalog(streamDefinition), messages);
    try (DefaultCache cache = CacheFixture.open(root)) {
      return cache.sync(
          source,
          Json.object(),
          source.discover(null),
          List.of(streamDefinition.path("name").asText()),
          SyncListener.NONE);
    }
  }

  @Test
  void choosesMergeForAKeyAppendForACursorWithoutKeyAndReplaceOtherwise() {
    assertEquals(
        WriteStrategy.MERGE,
        CatalogPlanner.planStream(stream("s", PROPERTIES, List.of("id"), null)).strategy());
    assertEquals(
        WriteStrategy.MERGE,
        CatalogPlanner.planStream(stream("s", PROPERTIES, List.of("id"), "id")).strategy());
    assertEquals(
        WriteStrategy.APPEND,
        CatalogPlanner.planStream(stream("s", PROPERTIES, List.of(), "id")).strategy());
    assertEquals(
        WriteStrategy.REPLACE,
        CatalogPlanner.planStream(stream("s", PROPERTIES, List.of(), null)).strategy());
  }

  @Test
  void mergeKeepsOneRowPerKeyWithTheLatestValuesWithinAndAcrossSyncs() throws Exception {
    ObjectNode users = stream("users", PROPERTIES, List.of("id"), "id");
    sync(
        users,
        List.of(
            record("users", "{\"id\": 1, \"name\": \"a\"}"),
            record("users", "{\"id\": 2, \"name\": \"b\"}"),
            record("users", "{\"id\": 1, \"name\": \"a2\"}"),
            streamState("users", "{\"id\": 2}")));
    SyncResult second =
        sync(
            users,
            List.of(
                record("users", "{\"id\": 2, \"name\": \"b2\"}"),
                record("users", "{\"id\": 3, \"name\": \"c\"}"),
                streamState("users", "{\"id\": 3}")));
    assertEquals(WriteStrategy.MERGE, second.streams().get(0).writeStrategy());
    assertEquals(3, second.streams().get(0).rowsInTable());
    assertEquals(
        List.of(List.of("1", "a2"), List.of("2", "b2"), List.of("3", "c")),
        CacheFixture.rows(root, "SELECT id, name FROM users ORDER BY id"));
  }

  @Test
  void appendAddsEveryRecordOfAnIncrementalStreamWithoutKey() throws Exception {
    ObjectNode events = stream("events", PROPERTIES, List.of(), "id");
    sync(
        events,
        List.of(
            record("events", "{\"id\": 1, \"name\": \"a\"}"),
            streamState("events", "{\"id\": 1}")));
    sync(
        events,
        List.of(
            record("events", "{\"id\": 1, \"name\": \"a\"}"),
            record("events", "{\"id\": 2, \"name\": \"b\"}"),
            streamState("events", "{\"id\": 2}")));
    assertEquals(
        List.of(List.of("1", "a"), List.of("1", "a"), List.of("2", "b")),
        CacheFixture.rows(root, "SELECT id, name FROM events ORDER BY id"));
  }

  @Test
  void replaceMakesTheTableExactlyWhatTheLatestSyncRead() throws Exception {
    ObjectNode snapshot = stream("snapshot", PROPERTIES, List.of(), null);
    sync(
        snapshot,
        List.of(
            record("snapshot", "{\"id\": 1, \"name\": \"old\"}"),
            record("snapshot", "{\"id\": 2, \"name\": \"old\"}")));
    SyncResult second =
        sync(snapshot, List.of(record("snapshot", "{\"id\": 3, \"name\": \"new\"}")));
    assertEquals(WriteStrategy.REPLACE, second.streams().get(0).writeStrategy());
    assertEquals(
        List.of(List.of("3", "new")), CacheFixture.rows(root, "SELECT id, name FROM snapshot"));
  }

  @Test
  void replaceOfAStreamThatSentNothingLeavesAnEmptyTable() throws Exception {
    ObjectNode snapshot = stream("snapshot", PROPERTIES, List.of(), null);
    sync(snapshot, List.of(record("snapshot", "{\"id\": 1, \"name\": \"old\"}")));
    sync(snapshot, List.of());
    assertEquals(List.of(List.of("0")), CacheFixture.rows(root, "SELECT count(*) FROM snapshot"));
  }

  @Test
  void summarisesRecordsReadAndRowsHeldPerStream() {
    ObjectNode users = stream("users", PROPERTIES, List.of("id"), null);
    SyncResult result =
        sync(users, List.of(record("users", "{\"id\": 1}"), record("users", "{\"id\": 1}")));
    assertEquals(
        new SyncResult.StreamSummary("users", "users", WriteStrategy.MERGE, 2, 1),
        result.streams().get(0));
    assertEquals(2, result.records());
  }
}
