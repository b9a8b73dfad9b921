package airbytemcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a tool needs is readied once, on its own thread, when a call of that tool arrives. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class ArrivingCallsTest {
  @Test
  void aReadierRunsOnceOnItsOwnThreadWhateverTheNumberOfCalls() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    AtomicReference<String> thread = new AtomicReference<>();
    CountDownLatch ran = new CountDownLatch(1);
    ArrivingCalls calls =
        new ArrivingCalls(
            Map.of(
                "sync_source_to_cache",
                ArrivingCalls.once(
                    "test-readier",
                    () -> {
                      runs.incrementAndGet();
                      thread.set(Thread.currentThread().getName());
                      ran.countDown();
                    })));
    for (int i = 0; i < 5; i++) {
      calls.ready("sync_source_to_cache");
    }
    assertTrue(ran.await(30, TimeUnit.SECONDS), "the readier never ran");
    Thread.sleep(200); // time for a second run, were one started
    assertEquals(1, runs.get(), "five calls ran the readier more than once");
    assertEquals("test-readier", thread.get(), "the readier ran on the caller's thread");
  }

  @Test
  void aToolWithNothingToReadyStartsNoThread() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    ArrivingCalls calls =
        new ArrivingCalls(Map.of("run_sql_query", ArrivingCalls.once("t", runs::incrementAndGet)));
    calls.ready("list_connectors");
    calls.ready("");
    Thread.sleep(200);
    assertEquals(0, runs.get(), "a call of another tool ran run_sql_query's readier");
  }
}
