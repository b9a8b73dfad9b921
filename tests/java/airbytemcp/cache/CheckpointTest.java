package airbytemcp.cache;

import static airbytemcp.cache.Protocol.catalog;
import static airbytemcp.cache.Protocol.errorTrace;
import static airbytemcp.cache.Protocol.record;
import static airbytemcp.cache.Protocol.stream;
import static airbytemcp.cache.Protocol.streamState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.connectors.Connector;
import airbytemcp.protocol.AirbyteMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connector that crashes or is killed mid-sync leaves committed data and stored state consistent.
 */
class CheckpointTest {
  @TempDir Path root;

  private static final String PROPERTIES = "{\"id\": {\"type\": \"integer\"}}";

  private static FakeSource usersSource() {
    return FakeSource.emitting(
        "source-users",
        catalog(stream("users", PROPERTIES, List.of(), "id")),
        List.of(
            record("users", "{\"id\": 1}"),
            record("users", "{\"id\": 2}"),
            record("users", "{\"id\": 3}"),
            streamState("users", "{\"id\": 3}"),
            record("users", "{\"id\": 4}"),
            record("users", "{\"id\": 5}"),
            streamState("users", "{\"id\": 5}")));
  }

  private static SyncResult sync(DefaultCache cache, Connector source, List<String> streams) {
    return cache.sync(source, Json.object(), source.discover(null), streams, SyncListener.NONE);
  }

  @Test
  void aConnectorDyingMidStreamKeepsExactlyTheRecordsCoveredByTheStoredState() throws Exception {
    FakeSource source = usersSource().failingAfter(4);
    try (DefaultCache cache = CacheFixture.open(root)) {
      CacheError error =
          assertThrows(CacheError.class, () -> sync(cache, source, List.of("users")));
      assertTrue(error.getMessage().contains("failed after 4 records"), error.getMessage());
      assertTrue(error.getMessage().contains("exited with code 137"), error.getMessage());
    }
    assertEquals(
        List.of(List.of("1"), List.of("2"), List.of("3")),
        CacheFixture.rows(root, "SELECT id FROM users ORDER BY id"));
    assertEquals(3, storedStreamState(root, "users").path("id").asInt());
  }

  @Test
  void aFailureWhoseReasonHasNoFullStopGetsOneBeforeWhatTheCacheKept() {
    try (DefaultCache cache = CacheFixture.open(root)) {
      CacheError error =
          assertThrows(
              CacheError.class, () -> sync(cache, usersSource().failingAfter(4), List.of("users")));
      assertTrue(
          error.getMessage().contains("exited with code 137 (killed). The cache keeps"),
          "the connector's reason ends as a sentence: " + error.getMessage());
      assertTrue(error.getMessage().endsWith("."), "so does the message: " + error.getMessage());
    }
  }

  @Test
  void theSyncAfterACrashResumesFromTheLastCommittedState() {
    try (DefaultCache cache = CacheFixture.open(root)) {
      assertThrows(
          CacheError.class, () -> sync(cache, usersSource().failingAfter(4), List.of("users")));
      FakeSource retry = usersSource();
      sync(cache, retry, List.of("users"));
      JsonNode passed = retry.statesReceived().get(0).orElseThrow();
      assertEquals(3, passed.get(0).path("stream").path("stream_state").path("id").asInt());
    }
  }

  @Test
  void aReplacedStreamKeepsItsPreviousTableWhenTheSyncDies() throws Exception {
    var snapshot = catalog(stream("snapshot", PROPERTIES, List.of(), null));
    try (DefaultCache cache = CacheFixture.open(root)) {
      sync(
          cache,
          FakeSource.emitting("source-s", snapshot, List.of(record("snapshot", "{\"id\": 1}"))),
          List.of("snapshot"));
      FakeSource dying =
          FakeSource.emitting(
                  "source-s",
                  snapshot,
                  List.of(record("snapshot", "{\"id\": 2}"), record("snapshot", "{\"id\": 3}")))
              .failingAfter(1);
      assertThrows(CacheError.class, () -> sync(cache, dying, List.of("snapshot")));
    }
    assertEquals(List.of(List.of("1")), CacheFixture.rows(root, "SELECT id FROM snapshot"));
  }

  @Test
  void aKilledConnectorsRecordingLeavesEachStreamAtItsLastCheckpoint() throws Exception {
    Path recording = resource("two-streams-killed.jsonl");
    ReplaySource killed = new ReplaySource("source-recorded", recording, 137);
    try (DefaultCache cache = CacheFixture.open(root)) {
      assertThrows(CacheError.class, () -> sync(cache, killed, List.of("orders", "clicks")));
    }
    assertEquals(
        List.of(List.of("1", "10.500000000"), List.of("2", "20.000000000")),
        CacheFixture.rows(root, "SELECT id, total FROM orders ORDER BY id"));
    assertEquals(
        List.of(List.of("1"), List.of("2")),
        CacheFixture.rows(root, "SELECT seq FROM clicks ORDER BY seq"));
    assertEquals(2, storedStreamState(root, "orders").path("id").asInt());
    assertEquals(2, storedStreamState(root, "clicks").path("seq").asInt());
  }

  @Test
  void aCompleteRecordingCommitsEverythingItRead() throws Exception {
    Path recording = resource("two-streams-complete.jsonl");
    try (DefaultCache cache = CacheFixture.open(root)) {
      SyncResult result =
          sync(cache, new ReplaySource("source-recorded", recording), List.of("orders", "clicks"));
      assertEquals(4, result.records());
    }
    assertEquals(List.of(List.of("2")), CacheFixture.rows(root, "SELECT count(*) FROM orders"));
  }

  @Test
  void anErrorTraceFailsTheSyncAndKeepsOnlyTheLastCheckpoint() throws Exception {
    FakeSource source =
        FakeSource.emitting(
            "source-users",
            catalog(stream("users", PROPERTIES, List.of(), "id")),
            List.of(
                record("users", "{\"id\": 1}"),
                streamState("users", "{\"id\": 1}"),
                record("users", "{\"id\": 2}"),
                errorTrace("HTTP 500 from the API")));
    try (DefaultCache cache = CacheFixture.open(root)) {
      CacheError error =
          assertThrows(CacheError.class, () -> sync(cache, source, List.of("users")));
      assertTrue(error.getMessage().contains("HTTP 500 from the API"), error.getMessage());
    }
    assertEquals(List.of(List.of("1")), CacheFixture.rows(root, "SELECT id FROM users"));
  }

  @Test
  void withoutAStateMessageNothingOfAnIncrementalStreamIsKeptOnFailure() throws Exception {
    FakeSource source =
        FakeSource.emitting(
                "source-users",
                catalog(stream("users", PROPERTIES, List.of(), "id")),
                List.of(record("users", "{\"id\": 1}"), record("users", "{\"id\": 2}")))
            .failingAfter(1);
    try (DefaultCache cache = CacheFixture.open(root)) {
      assertThrows(CacheError.class, () -> sync(cache, source, List.of("users")));
    }
    assertEquals(List.of(List.of("0")), CacheFixture.rows(root, "SELECT count(*) FROM users"));
    assertEquals(
        List.of(List.of("0")), CacheFixture.rows(root, "SELECT count(*) FROM _airbyte_state"));
  }

  @Test
  void aGlobalStateWaitsForTheReplacedStreamsItCoversBeforeItIsStored() throws Exception {
    var twoStreams =
        catalog(
            stream("users", PROPERTIES, List.of("id"), "id"),
            stream("snapshot", PROPERTIES, List.of(), null));
    AirbyteMessage global =
        AirbyteMessage.of(
            (ObjectNode)
                Json.parse(
                    "{\"type\": \"STATE\", \"state\": {\"type\": \"GLOBAL\", \"global\": {\"shared_state\": {\"lsn\": 9}}}}"));
    FakeSource source =
        FakeSource.emitting(
                "source-cdc",
                twoStreams,
                List.of(
                    record("users", "{\"id\": 1}"),
                    record("snapshot", "{\"id\": 1}"),
                    global,
                    record("snapshot", "{\"id\": 2}")))
            .failingAfter(2);
    try (DefaultCache cache = CacheFixture.open(root)) {
      assertThrows(CacheError.class, () -> sync(cache, source, List.of("users", "snapshot")));
    }
    assertEquals(
        List.of(List.of("0")), CacheFixture.rows(root, "SELECT count(*) FROM _airbyte_state"));
    assertEquals(List.of(List.of("0")), CacheFixture.rows(root, "SELECT count(*) FROM snapshot"));
  }

  static Path resource(String name) throws Exception {
    return Path.of(CheckpointTest.class.getResource("/cache/" + name).toURI());
  }

  static JsonNode storedStreamState(Path root, String stream) throws Exception {
    List<List<String>> rows =
        CacheFixture.rows(
            root, "SELECT state_json FROM _airbyte_state WHERE stream_name = '" + stream + "'");
    assertEquals(1, rows.size(), "one stored state for " + stream);
    return Json.parse(rows.get(0).get(0)).path("stream").path("stream_state");
  }
}
