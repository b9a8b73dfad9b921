package airbytemcp.cache;

import static airbytemcp.cache.Protocol.catalog;
import static airbytemcp.cache.Protocol.record;
import static airbytemcp.cache.Protocol.stream;
import static airbytemcp.cache.Protocol.streamState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import airbytemcp.common.Json;
import airbytemcp.protocol.AirbyteMessage;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streams with more waiting rows than memory may hold move them to a held table; the results are
 * the same.
 */
class HeldRowsTest {
  @TempDir Path root;

  /** At most two rows per stream in memory; checkpoints only at the end of a read. */
  private static final SyncOptions TWO_ROWS_IN_MEMORY =
      new SyncOptions(Long.MAX_VALUE, Duration.ofDays(1), 2, Duration.ZERO);

  private static final String PROPERTIES =
      "{\"id\": {\"type\": \"integer\"}, \"name\": {\"type\": \"string\"}}";

  private static List<AirbyteMessage> records(String stream, String... names) {
    List<AirbyteMessage> messages = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      messages.add(record(stream, "{\"id\": " + (i % 3) + ", \"name\": \"" + names[i] + "\"}"));
    }
    return messages;
  }

  private void sync(ObjectNode definition, List<AirbyteMessage> messages, int failAfter) {
    FakeSource source =
        FakeSource.emitting("source-test", catalog(definition), messages).failingAfter(failAfter);
    try (DefaultCache cache = CacheFixture.open(root, TWO_ROWS_IN_MEMORY)) {
      cache.sync(
          source,
          Json.object(),
          source.discover(null),
          List.of(definition.path("name").asText()),
          SyncListener.NONE);
    }
  }

  @Test
  void mergeOfHeldRowsStillKeepsTheLatestRowPerKey() throws Exception {
    List<AirbyteMessage> messages = records("users", "a", "b", "c", "a2", "b2", "c2", "a3");
    messages.add(streamState("users", "{\"id\": 7}"));
    sync(stream("users", PROPERTIES, List.of("id"), "id"), messages, -1);
    assertEquals(
        List.of(List.of("0", "a3"), List.of("1", "b2"), List.of("2", "c2")),
        CacheFixture.rows(root, "SELECT id, name FROM users ORDER BY id"));
  }

  @Test
  void appendOfHeldRowsAddsEveryRecord() throws Exception {
    List<AirbyteMessage> messages = records("events", "a", "b", "c", "d", "e");
    messages.add(streamState("events", "{\"id\": 5}"));
    sync(stream("events", PROPERTIES, List.of(), "id"), messages, -1);
    assertEquals(List.of(List.of("5")), CacheFixture.rows(root, "SELECT count(*) FROM events"));
  }

  @Test
  void replaceSwapsInEveryHeldRowWithTheTablesColumns() throws Exception {
    sync(
        stream("snapshot", PROPERTIES, List.of(), null),
        records("snapshot", "a", "b", "c", "d", "e"),
        -1);
    assertEquals(List.of(List.of("5")), CacheFixture.rows(root, "SELECT count(*) FROM snapshot"));
    assertEquals(
        List.of(
            List.of("id"),
            List.of("name"),
            List.of("_airbyte_raw_id"),
            List.of("_airbyte_extracted_at"),
            List.of("_airbyte_meta")),
        CacheFixture.rows(
            root,
            "SELECT column_name FROM information_schema.columns "
                + "WHERE table_name = 'snapshot' ORDER BY ordinal_position"));
  }

  @Test
  void aCrashAfterRowsWereHeldKeepsThePreviousTableAndLeavesNoHeldTable() throws Exception {
    ObjectNode snapshot = stream("snapshot", PROPERTIES, List.of(), null);
    sync(snapshot, records("snapshot", "old"), -1);
    assertThrows(
        CacheError.class, () -> sync(snapshot, records("snapshot", "a", "b", "c", "d", "e"), 4));
    assertEquals(List.of(List.of("old")), CacheFixture.rows(root, "SELECT name FROM snapshot"));
    assertEquals(
        List.of(),
        CacheFixture.rows(
            root,
            "SELECT table_name FROM information_schema.tables WHERE table_name LIKE '_airbyte_tmp_%'"));
  }
}
