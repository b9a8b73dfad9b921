package airbytemcp.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.cache.CacheDatabase;
import airbytemcp.cache.CacheError;
import airbytemcp.cache.DefaultCache;
import airbytemcp.cache.QueryLimits;
import airbytemcp.cache.SyncOptions;
import airbytemcp.common.CallScope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One query is bounded in time and in the bytes of its answer, and a cancelled call interrupts it.
 */
@Timeout(60)
class QueryLimitsTest {
  @TempDir Path root;

  static final String ENDLESS_SQL = CancellationTest.ENDLESS_SQL;

  private DefaultCache cache(QueryLimits limits) {
    CacheDatabase database = CacheDatabase.defaultCache(root);
    database.connect();
    return new DefaultCache(database, SyncOptions.defaults(), limits);
  }

  @Test
  void aResultBeyondTheByteBudgetIsRefusedWithAClearMessage() {
    try (DefaultCache cache = cache(new QueryLimits(Duration.ofMinutes(1), 1024 * 1024))) {
      CacheError error =
          assertThrows(
              CacheError.class,
              () -> cache.query("SELECT repeat('x', 100000) AS big FROM range(1000)", 1000));
      assertTrue(
          error.getMessage().contains("larger than 1 MB"),
          "the refusal should name the budget: " + error);
      assertEquals(
          1, cache.query("SELECT 1 AS n", 10).size(), "the cache should answer the next query");
    }
  }

  @Test
  void anEndlessQueryIsStoppedAtTheTimeLimit() {
    try (DefaultCache cache = cache(new QueryLimits(Duration.ofSeconds(1), 1024 * 1024))) {
      long start = System.nanoTime();
      CacheError error = assertThrows(CacheError.class, () -> cache.query(ENDLESS_SQL, 10));
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
      assertTrue(
          error.getMessage().contains("time limit"),
          "the error should say the time limit ended it: " + error);
      assertTrue(
          seconds < 10, "the query should stop soon after its 1 s limit, took " + seconds + " s");
    }
  }

  @Test
  void cancellingTheCallInterruptsItsQuery() throws Exception {
    try (DefaultCache cache = cache(QueryLimits.defaults())) {
      CountDownLatch opened = new CountDownLatch(1);
      CallScope[] scope = new CallScope[1];
      CompletableFuture<Object> call =
          CompletableFuture.supplyAsync(
              () -> {
                try (CallScope s = CallScope.open()) {
                  scope[0] = s;
                  opened.countDown();
                  return cache.query(ENDLESS_SQL, 10);
                }
              });
      assertTrue(opened.await(10, TimeUnit.SECONDS));
      Thread.sleep(1000);
      scope[0].cancel();
      ExecutionException failure =
          assertThrows(
              ExecutionException.class,
              () -> call.get(10, TimeUnit.SECONDS),
              "the query should end soon after the cancellation");
      assertTrue(
          failure.getCause().getMessage().contains("cancelled"),
          "it should say it was cancelled: " + failure);
    }
  }
}
