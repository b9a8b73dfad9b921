package airbytemcp.cache;

import static airbytemcp.cache.Protocol.catalog;
import static airbytemcp.cache.Protocol.stream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.protocol.AirbyteMessage;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sync whose rows do not fit in DuckDB's memory limit spills to the cache's own spill folder and
 * completes. The limit is made small (64 MB, one thread: DuckDB's read_json alone takes a 32 MB
 * buffer per thread) and the stream is merged on its key in one checkpoint, so DuckDB must
 * deduplicate about 100 MB of rows at once.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SpillTest {
  private static final int RECORDS = 400_000;
  private static final String MEMORY_LIMIT = "64MB";
  private static final String FILLER = "x".repeat(200);

  /** One checkpoint at the end, rows held in a table (not in memory) from 50,000 on. */
  private static final SyncOptions ONE_CHECKPOINT =
      new SyncOptions(Long.MAX_VALUE, Duration.ofHours(1), 50_000, Duration.ZERO);

  @TempDir Path root;

  private final ObjectNode stream =
      stream(
          "events",
          "{\"id\": {\"type\": \"integer\"}, \"note\": {\"type\": \"string\"}}",
          List.of("id"),
          null);

  /** The records, made as the sync reads them (a list that holds none of them). */
  private static List<AirbyteMessage> records() {
    return new AbstractList<>() {
      @Override
      public AirbyteMessage get(int i) {
        return Protocol.record("events", "{\"id\": " + i + ", \"note\": \"" + i + FILLER + "\"}");
      }

      @Override
      public int size() {
        return RECORDS;
      }
    };
  }

  private SyncResult sync(CacheDatabase database) {
    FakeSource source = FakeSource.emitting("source-big", catalog(stream), records());
    try (DefaultCache cache = new DefaultCache(database, ONE_CHECKPOINT)) {
      return cache.sync(
          source, Json.object(), source.discover(null), List.of("events"), SyncListener.NONE);
    }
  }

  private CacheDatabase database(String maxSpillSize) {
    return new CacheDatabase(
        root.resolve("default_cache").resolve("default_cache.duckdb"),
        Map.of(
            "memory_limit", MEMORY_LIMIT, "max_temp_directory_size", maxSpillSize, "threads", "1"));
  }

  @Test
  void aSyncLargerThanTheMemoryLimitSpillsIntoTheCacheFolderAndCompletes() throws Exception {
    CacheDatabase database = database("10GB");
    Path spill = database.spillDir();
    assertTrue(spill.startsWith(root), "the spill folder " + spill + " is outside the cache root");
    AtomicBoolean spilled = new AtomicBoolean();
    AtomicBoolean done = new AtomicBoolean();
    Thread watcher =
        new Thread(
            () -> {
              while (!done.get() && !spilled.get()) {
                spilled.set(holdsFiles(spill));
                Thread.onSpinWait();
              }
            });
    watcher.setDaemon(true);
    watcher.start();
    try {
      sync(database);
    } finally {
      done.set(true);
      watcher.join();
    }
    assertTrue(spilled.get(), "DuckDB wrote nothing to " + spill + " during the sync");
    assertEquals(
        List.of(List.of(String.valueOf(RECORDS), String.valueOf(RECORDS))),
        CacheFixture.rows(root, "SELECT count(*), count(DISTINCT id) FROM main.events"),
        "rows in the cache after the sync");
  }

  private static boolean holdsFiles(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.findAny().isPresent();
    } catch (IOException e) {
      return false;
    }
  }
}
