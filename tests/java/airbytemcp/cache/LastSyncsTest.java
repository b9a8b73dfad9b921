package airbytemcp.cache;

import static airbytemcp.cache.Protocol.catalog;
import static airbytemcp.cache.Protocol.record;
import static airbytemcp.cache.Protocol.stream;
import static airbytemcp.cache.Protocol.streamState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import airbytemcp.common.Json;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sync makes its tables before it reads, so the cache says how each stream's last sync ended: a
 * table that a failed, cancelled or killed sync left reads like an empty or short source.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LastSyncsTest {
  @TempDir Path root;

  private static final String PROPERTIES = "{\"id\": {\"type\": \"integer\"}}";

  private static FakeSource users() {
    return FakeSource.emitting(
        "source-users",
        catalog(stream("users", PROPERTIES, List.of(), "id")),
        List.of(
            record("users", "{\"id\": 1}"),
            record("users", "{\"id\": 2}"),
            streamState("users", "{\"id\": 2}"),
            record("users", "{\"id\": 3}")));
  }

  private static void sync(DefaultCache cache, FakeSource source) {
    cache.sync(source, Json.object(), source.discover(null), List.of("users"), SyncListener.NONE);
  }

  @Test
  void aCompletedSyncIsRecordedWithTheRecordsItRead() {
    try (DefaultCache cache = CacheFixture.open(root)) {
      sync(cache, users());
      LastSyncs.LastSync last = cache.lastSyncs().get("users");
      assertEquals(LastSyncs.COMPLETED, last.status(), "status of " + last);
      assertEquals(3, last.recordsRead(), "records of " + last);
    }
  }

  @Test
  void aSyncThatFailedIsRecordedAsFailedWithTheRecordsItReadBeforeItFailed() {
    try (DefaultCache cache = CacheFixture.open(root)) {
      assertThrows(CacheError.class, () -> sync(cache, users().failingAfter(2)));
      LastSyncs.LastSync last = cache.lastSyncs().get("users");
      assertEquals(LastSyncs.FAILED, last.status(), "status of " + last);
      assertEquals(2, last.recordsRead(), "records of " + last);
    }
  }

  @Test
  void aSyncWhoseProcessEndedInItReadsAsInterrupted() throws Exception {
    try (DefaultCache cache = CacheFixture.open(root)) {
      sync(cache, users());
    }
    // what a server killed mid-sync leaves: the mark made when the sync started
    Path db = root.resolve("default_cache").resolve("default_cache.duckdb");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db)) {
      LastSyncs.started(c, "source-users", List.of("users"));
    }
    try (DefaultCache cache = CacheFixture.open(root)) {
      assertEquals(LastSyncs.INTERRUPTED, cache.lastSyncs().get("users").status());
    }
  }

  @Test
  void aCacheNoSyncWroteHasNoLastSyncs() {
    try (DefaultCache cache = CacheFixture.open(root)) {
      assertEquals(Map.of(), cache.lastSyncs());
    }
  }
}
