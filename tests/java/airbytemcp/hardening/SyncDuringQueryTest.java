package airbytemcp.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.cache.CacheDatabase;
import airbytemcp.cache.DefaultCache;
import airbytemcp.cache.QueryLimits;
import airbytemcp.cache.SyncListener;
import airbytemcp.cache.SyncOptions;
import airbytemcp.common.Json;
import airbytemcp.protocol.AirbyteMessage;
import airbytemcp.protocol.MessageSink;
import airbytemcp.testing.InProcessConnector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A re-sync while a long query runs succeeds: the sync updates its bookkeeping rows in place, where
 * a delete and re-insert of the same key failed as {@code Duplicate key "table_name: users"} while
 * the query's transaction still saw the old row.
 */
@Timeout(60)
class SyncDuringQueryTest {
  @TempDir Path root;

  private static final class Users extends InProcessConnector {
    final ObjectNode catalog =
        (ObjectNode)
            Json.parse(
                "{\"streams\": [{\"name\": \"users\", \"json_schema\": "
                    + "{\"type\": \"object\", \"properties\": {\"id\": {\"type\": \"integer\"}}}, "
                    + "\"supported_sync_modes\": [\"full_refresh\"]}]}");

    Users() {
      super("source-users");
    }

    @Override
    public ObjectNode discover(JsonNode config) {
      return catalog;
    }

    @Override
    public void read(
        JsonNode config, JsonNode configuredCatalog, Optional<JsonNode> state, MessageSink sink) {
      for (int i = 1; i <= 3; i++) {
        ObjectNode message = Json.object().put("type", "RECORD");
        message
            .putObject("record")
            .put("stream", "users")
            .put("emitted_at", 1_700_000_000_000L)
            .set("data", Json.object().put("id", i));
        sink.accept(AirbyteMessage.of(message));
      }
    }
  }

  @Test
  void aResyncWhileAQueryRunsSucceeds() throws Exception {
    Users source = new Users();
    try (DefaultCache cache =
        new DefaultCache(
            CacheDatabase.defaultCache(root),
            SyncOptions.defaults(),
            new QueryLimits(Duration.ofSeconds(8), 1 << 20))) {
      cache.sync(source, Json.object(), source.catalog, List.of("users"), SyncListener.NONE);
      CompletableFuture<Object> query =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return cache.query(CancellationTest.ENDLESS_SQL, 1);
                } catch (RuntimeException e) {
                  return e; // stopped by its time limit, as expected
                }
              });
      Thread.sleep(1500);
      assertTrue(!query.isDone(), "the query should still be running while the sync runs");
      cache.sync(source, Json.object(), source.catalog, List.of("users"), SyncListener.NONE);
      assertEquals(
          3L,
          cache.query("SELECT count(*) AS n FROM users", 1).get(0).get("n"),
          "the re-sync should have replaced the stream");
      query.get(30, TimeUnit.SECONDS);
    }
  }
}
