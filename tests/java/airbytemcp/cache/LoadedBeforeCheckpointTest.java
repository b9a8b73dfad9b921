package airbytemcp.cache;

import static airbytemcp.cache.Protocol.catalog;
import static airbytemcp.cache.Protocol.record;
import static airbytemcp.cache.Protocol.stream;
import static airbytemcp.cache.Protocol.streamState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.common.Redactor;
import airbytemcp.protocol.AirbyteMessage;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.AbstractList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * DuckDB loads staging files as they fill, between states, into the sync's open transaction: the
 * rows are invisible until the checkpoint commits them with their state, and a failure rolls them
 * back.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoadedBeforeCheckpointTest {
  @TempDir Path root;

  /** A commit at every state; a staging file is handed to DuckDB every two records. */
  private static final SyncOptions SMALL_FILES =
      new SyncOptions(1, Duration.ZERO, 2, Duration.ZERO);

  private static final String PROPERTIES =
      "{\"id\": {\"type\": \"integer\"}, \"name\": {\"type\": \"string\"}}";

  private static final int AFTER_STATE = 9;

  /**
   * Records 1 to 3, a state, then records 4 to 12 of which the source dies before the last; before
   * that one it waits until DuckDB has loaded (and so deleted) every finished staging file.
   */
  private List<AirbyteMessage> dyingBetweenStates(String stream) {
    Path staging = root.resolve("default_cache").resolve("staging");
    return new AbstractList<>() {
      @Override
      public AirbyteMessage get(int i) {
        if (i < 3) {
          return record(stream, "{\"id\": " + (i + 1) + ", \"name\": \"first\"}");
        }
        if (i == 3) {
          return streamState(stream, "{\"id\": 3}");
        }
        if (i == size() - 1) {
          awaitAtMostOneStagingFile(staging);
        }
        return record(stream, "{\"id\": " + i + ", \"name\": \"after\"}");
      }

      @Override
      public int size() {
        return 4 + AFTER_STATE;
      }
    };
  }

  private static void awaitAtMostOneStagingFile(Path staging) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (stagingFiles(staging) > 1) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("DuckDB never loaded the finished staging files");
      }
      Thread.onSpinWait();
    }
  }

  private static long stagingFiles(Path staging) {
    try (Stream<Path> files = Files.list(staging)) {
      return files.count();
    } catch (IOException e) {
      return 0;
    }
  }

  private void syncDying(ObjectNode definition) {
    String name = definition.path("name").asText();
    FakeSource source =
        FakeSource.emitting("source-test", catalog(definition), dyingBetweenStates(name))
            .failingAfter(3 + AFTER_STATE - 1); // at the last record
    try (DefaultCache cache = CacheFixture.open(root, SMALL_FILES)) {
      CacheError error =
          assertThrows(
              CacheError.class,
              () ->
                  cache.sync(
                      source,
                      Json.object(),
                      source.discover(null),
                      List.of(name),
                      SyncListener.NONE));
      assertTrue(error.getMessage().contains("exited with code 137"), error.getMessage());
    }
  }

  @Test
  void anAppendedStreamAbortedBetweenTwoStatesKeepsExactlyTheRowsOfTheFirstCheckpoint()
      throws Exception {
    syncDying(stream("events", PROPERTIES, List.of(), "id"));
    assertEquals(
        List.of(List.of("1"), List.of("2"), List.of("3")),
        CacheFixture.rows(root, "SELECT id FROM events ORDER BY id"),
        "rows loaded after the first state were committed");
    assertEquals(3, CheckpointTest.storedStreamState(root, "events").path("id").asInt());
  }

  @Test
  void aMergedStreamAbortedBetweenTwoStatesKeepsExactlyTheRowsOfTheFirstCheckpoint()
      throws Exception {
    syncDying(stream("users", PROPERTIES, List.of("id"), "id"));
    assertEquals(
        List.of(List.of("1", "first"), List.of("2", "first"), List.of("3", "first")),
        CacheFixture.rows(root, "SELECT id, name FROM users ORDER BY id"),
        "rows held after the first state were merged");
    assertEquals(3, CheckpointTest.storedStreamState(root, "users").path("id").asInt());
  }

  private static final List<Column> COLUMNS =
      List.of(new Column("id", SqlType.BIGINT), new Column("name", SqlType.VARCHAR));

  private static long count(Statement s, String table) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void aLoadedFileOfAnAppendedStreamIsInItsTableOnlyForTheOpenTransaction() throws Exception {
    StreamPlan plan =
        new StreamPlan("events", "events", COLUMNS, List.of(), WriteStrategy.APPEND, null);
    CacheDatabase database = CacheDatabase.defaultCache(root);
    try (database;
        DuckDBConnection sync = database.connect();
        DuckDBConnection reader = database.connect();
        Statement s = sync.createStatement();
        Statement r = reader.createStatement();
        StreamStage stage = StreamStage.create(plan, COLUMNS, database.stagingDir(), "t")) {
      CacheTables.ensureInternalTables(sync);
      CacheTables.ensureStreamTable(sync, plan);
      sync.setAutoCommit(false);
      for (int i = 1; i <= 3; i++) {
        byte[] line = ItemsLines.recordLine("{\"id\": " + i + "}").getBytes(StandardCharsets.UTF_8);
        assertTrue(
            stage.appendPlain(
                line,
                RecordLines.stringEnd(line, RecordLines.streamNameStart(line)),
                line.length,
                Redactor.NONE),
            "a plain line was not staged as it is");
      }
      StreamStage.Staged file = stage.rotate();
      stage.load(s, List.of(file));
      assertEquals(3, count(s, "main.events"), "the sync's transaction sees the loaded rows");
      assertEquals(0, count(r, "main.events"), "another connection saw uncommitted rows");
      assertTrue(Files.notExists(file.file()), "the loaded staging file was kept");
      sync.rollback();
      assertEquals(0, count(s, "main.events"), "a rollback kept loaded rows");
    }
  }
}
