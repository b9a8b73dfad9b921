package airbytemcp.cache;

import static airbytemcp.cache.Protocol.catalog;
import static airbytemcp.cache.Protocol.record;
import static airbytemcp.cache.Protocol.stream;
import static airbytemcp.cache.Protocol.streamState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.protocol.AirbyteMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncrementalSyncTest {
  @TempDir Path root;

  /**
   * An incremental source over a growing table: emits rows with an id above the state's cursor,
   * then a state.
   */
  private static FakeSource incrementalSource(List<Integer> rows) {
    ObjectNode catalog =
        catalog(stream("orders", "{\"id\": {\"type\": \"integer\"}}", List.of("id"), "id"));
    return new FakeSource(
        "source-orders",
        catalog,
        state -> {
          int cursor =
              state
                  .map(s -> s.get(0).path("stream").path("stream_state").path("id").asInt())
                  .orElse(0);
          List<AirbyteMessage> messages = new ArrayList<>();
          int max = cursor;
          for (int id : rows) {
            if (id > cursor) {
              messages.add(record("orders", "{\"id\": " + id + "}"));
              max = Math.max(max, id);
            }
          }
          messages.add(streamState("orders", "{\"id\": " + max + "}"));
          return messages;
        });
  }

  private static SyncResult sync(DefaultCache cache, FakeSource source) {
    return cache.sync(
        source, Json.object(), source.discover(null), List.of("orders"), SyncListener.NONE);
  }

  @Test
  void aSecondSyncReceivesTheStoredStateAndReadsOnlyNewRecords() throws Exception {
    List<Integer> table = new ArrayList<>(List.of(1, 2, 3));
    FakeSource source = incrementalSource(table);
    try (DefaultCache cache = CacheFixture.open(root)) {
      assertEquals(3, sync(cache, source).records());
      table.addAll(List.of(4, 5));
      SyncResult second = sync(cache, source);
      assertEquals(2, second.records());
      assertEquals(5, second.streams().get(0).rowsInTable());
    }
    assertEquals(Optional.empty(), source.statesReceived().get(0));
    assertEquals(
        3,
        source
            .statesReceived()
            .get(1)
            .orElseThrow()
            .get(0)
            .path("stream")
            .path("stream_state")
            .path("id")
            .asInt());
    assertEquals(5, CheckpointTest.storedStreamState(root, "orders").path("id").asInt());
  }

  @Test
  void asksForIncrementalReadsWithTheSourcesCursorAndKey() {
    FakeSource source = incrementalSource(List.of(1));
    try (DefaultCache cache = CacheFixture.open(root)) {
      sync(cache, source);
    }
    JsonNode configured = source.catalogsReceived().get(0).path("streams").get(0);
    assertEquals("incremental", configured.path("sync_mode").asText());
    assertEquals("[\"id\"]", configured.path("cursor_field").toString());
    assertEquals("[[\"id\"]]", configured.path("primary_key").toString());
    assertEquals("overwrite", configured.path("destination_sync_mode").asText());
  }

  @Test
  void streamsWithoutIncrementalSupportAreReadAsFullRefresh() {
    ObjectNode catalog =
        catalog(stream("snapshot", "{\"id\": {\"type\": \"integer\"}}", List.of(), null));
    FakeSource source =
        FakeSource.emitting("source-s", catalog, List.of(record("snapshot", "{\"id\": 1}")));
    try (DefaultCache cache = CacheFixture.open(root)) {
      cache.sync(
          source, Json.object(), source.discover(null), List.of("snapshot"), SyncListener.NONE);
    }
    assertEquals(
        "full_refresh",
        source.catalogsReceived().get(0).path("streams").get(0).path("sync_mode").asText());
  }

  @Test
  void aGlobalStateIsStoredAndPassedBackWithTheStreamStates() {
    ObjectNode catalog =
        catalog(stream("orders", "{\"id\": {\"type\": \"integer\"}}", List.of("id"), "id"));
    AirbyteMessage global =
        AirbyteMessage.of(
            (ObjectNode)
                Json.parse(
                    "{\"type\": \"STATE\", \"state\": {\"type\": \"GLOBAL\", \"global\": {\"shared_state\": {\"lsn\": 42},"
                        + " \"stream_states\": []}}}"));
    FakeSource source =
        FakeSource.emitting(
            "source-cdc", catalog, List.of(record("orders", "{\"id\": 1}"), global));
    try (DefaultCache cache = CacheFixture.open(root)) {
      cache.sync(
          source, Json.object(), source.discover(null), List.of("orders"), SyncListener.NONE);
      assertEquals(
          42,
          cache
              .storedState("source-cdc", List.of("orders"))
              .orElseThrow()
              .get(0)
              .path("global")
              .path("shared_state")
              .path("lsn")
              .asInt());
    }
  }

  @Test
  void reportsProgressWithRecordsStreamsAndElapsedTime() {
    List<SyncProgress> reports = new ArrayList<>();
    FakeSource source = incrementalSource(List.of(1, 2, 3));
    try (DefaultCache cache = CacheFixture.open(root)) {
      cache.sync(source, Json.object(), source.discover(null), List.of("orders"), reports::add);
    }
    SyncProgress last = reports.get(reports.size() - 1);
    assertEquals(3, last.records());
    assertEquals(1, last.streamsStarted());
    assertEquals(1, last.streamsTotal());
    assertTrue(last.message().startsWith("3 records from 1 of 1 stream in "), last.message());
  }
}
