package airbytemcp.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cancellation leaves nothing behind on stdio: after many cancelled queries, interleaved with tool
 * lists and quick queries, every call is answered as if nothing had happened. A stray interrupt (a
 * cancellation reaching a thread that has moved on to other work) would fail a quick query or cut a
 * list.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CancellationStormOverStdioTest {
  private static final int ROUNDS = 40;

  @TempDir Path dir;

  @Test
  void everyCallAfterAStormOfCancellationsIsAnsweredCorrectly() {
    CancellationTest.createEmptyCache(dir);
    try (SmallHeapServer server = SmallHeapServer.start(dir, "none")) {
      int tools = listed(server.await(server.send("tools/list", Json.object()), timeout()));
      assertTrue(tools > 10, "the server lists its tools: " + tools);
      List<long[]> rounds = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        long endless =
            server.callTool(
                "run_sql_query", Json.object().put("sql_query", CancellationTest.ENDLESS_SQL));
        long list = server.send("tools/list", Json.object());
        long quick = server.callTool("run_sql_query", Json.object().put("sql_query", quick(round)));
        // Some cancellations land before the query starts, some while it runs.
        sleep(round % 5 * 15L);
        server.cancel(endless);
        rounds.add(new long[] {endless, list, quick});
      }
      for (int round = 0; round < ROUNDS; round++) {
        long[] ids = rounds.get(round);
        JsonNode cancelled = server.await(ids[0], timeout());
        assertTrue(
            SmallHeapServer.isError(cancelled)
                && SmallHeapServer.text(cancelled).contains("cancelled"),
            "round " + round + ": the endless query should end cancelled: " + cancelled);
        assertEquals(
            tools,
            listed(server.await(ids[1], timeout())),
            "round " + round + ": a list during the storm lost tools");
        assertAnswered(server.await(ids[2], timeout()), round, "during the storm");
      }
      for (int round = ROUNDS; round < ROUNDS + 20; round++) {
        long quick = server.callTool("run_sql_query", Json.object().put("sql_query", quick(round)));
        assertAnswered(server.await(quick, timeout()), round, "after the storm");
        assertEquals(
            tools,
            listed(server.await(server.send("tools/list", Json.object()), timeout())),
            "a list after the storm lost tools");
      }
    }
  }

  private static String quick(int round) {
    return "SELECT '" + marker(round) + "' AS answer";
  }

  /** Fixed width, so no round's marker is part of another's. */
  private static String marker(int round) {
    return String.format(Locale.ROOT, "quick-%03d", round);
  }

  private static void assertAnswered(JsonNode answer, int round, String when) {
    assertTrue(
        !SmallHeapServer.isError(answer) && SmallHeapServer.text(answer).contains(marker(round)),
        "round " + round + ": a quick query " + when + " was not answered normally: " + answer);
  }

  private static int listed(JsonNode answer) {
    return answer.path("result").path("tools").size();
  }

  private static Duration timeout() {
    return Duration.ofSeconds(60);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
