package airbytemcp.cache;

import static airbytemcp.cache.Protocol.catalog;
import static airbytemcp.cache.Protocol.record;
import static airbytemcp.cache.Protocol.stream;
import static airbytemcp.cache.Protocol.streamState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.protocol.MessageSink;
import airbytemcp.testing.InProcessConnector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentQueryTest {
  @TempDir Path root;

  /** Sends three records and a state, then waits for the test before sending two more. */
  private static final class PausingSource extends InProcessConnector {
    final CountDownLatch checkpointSent = new CountDownLatch(1);
    final CountDownLatch resume = new CountDownLatch(1);
    final ObjectNode catalog =
        catalog(stream("events", "{\"id\": {\"type\": \"integer\"}}", List.of(), "id"));

    PausingSource() {
      super("source-pausing");
    }

    @Override
    public ObjectNode discover(JsonNode config) {
      return catalog;
    }

    @Override
    public void read(
        JsonNode config, JsonNode configuredCatalog, Optional<JsonNode> state, MessageSink sink) {
      for (int i = 1; i <= 3; i++) {
        sink.accept(record("events", "{\"id\": " + i + "}"));
      }
      sink.accept(streamState("events", "{\"id\": 3}"));
      sink.accept(record("events", "{\"id\": 4}"));
      checkpointSent.countDown();
      try {
        resume.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      sink.accept(record("events", "{\"id\": 5}"));
      sink.accept(streamState("events", "{\"id\": 5}"));
    }
  }

  private static long count(DefaultCache cache) {
    return (Long) cache.query("SELECT count(*) AS n FROM events", 1).get(0).get("n");
  }

  @Test
  void aQueryDuringASyncSeesTheLastCheckpointAndNeverStagedRecords() throws Exception {
    PausingSource source = new PausingSource();
    try (DefaultCache cache = CacheFixture.open(root)) {
      CompletableFuture<SyncResult> sync =
          CompletableFuture.supplyAsync(
              () ->
                  cache.sync(
                      source, Json.object(), source.catalog, List.of("events"), SyncListener.NONE));
      assertTrue(source.checkpointSent.await(30, TimeUnit.SECONDS));
      // the checkpoint commits on the sync's ingest thread, so it becomes visible soon after
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (count(cache) < 3 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(3, count(cache), "the checkpoint's three records, and not the staged fourth");
      source.resume.countDown();
      assertEquals(5, sync.get(30, TimeUnit.SECONDS).streams().get(0).rowsInTable());
      assertEquals(5, count(cache));
    }
  }

  @Test
  void aSecondSyncWhileOneRunsIsRefused() throws Exception {
    PausingSource source = new PausingSource();
    try (DefaultCache cache = CacheFixture.open(root)) {
      CompletableFuture<SyncResult> first =
          CompletableFuture.supplyAsync(
              () ->
                  cache.sync(
                      source, Json.object(), source.catalog, List.of("events"), SyncListener.NONE));
      assertTrue(source.checkpointSent.await(30, TimeUnit.SECONDS));
      CacheError error =
          assertThrows(
              CacheError.class,
              () ->
                  cache.sync(
                      new PausingSource(),
                      Json.object(),
                      source.catalog,
                      List.of("events"),
                      SyncListener.NONE));
      assertTrue(error.getMessage().contains("Another sync"), error.getMessage());
      source.resume.countDown();
      first.get(30, TimeUnit.SECONDS);
    }
  }
}
