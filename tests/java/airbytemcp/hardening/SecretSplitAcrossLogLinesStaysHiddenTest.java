package airbytemcp.hardening;

import static org.junit.jupiter.api.Assertions.assertFalse;

import airbytemcp.cloud.FakeAirbyte;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job's log in which a key runs over two lines: log pipelines cut long lines into pieces
 * (Docker's json-file driver at 16 KB, so a connector's debug dump of a request is cut wherever 16
 * KB falls), and a connector that wraps its output does the same. get_cloud_sync_logs masked each
 * line on its own, then pages the lines: the agent chooses {@code line_offset} and {@code
 * max_lines} so that the page ends between the two halves, and reads the second half with the next
 * call. With the log's events, each line gets a timestamp and level before it, so even one answer
 * showed both halves. Found by red team s.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SecretSplitAcrossLogLinesStaysHiddenTest {
  private static final String KEY = InjectedAgentWorld.DOTENV_KEY;
  private static final String HEAD = KEY.substring(0, 11);
  private static final String TAIL = KEY.substring(11);

  @TempDir Path dir;
  private InjectedAgentWorld world;

  @AfterEach
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  private void startWithLogs(String logs) {
    world = new InjectedAgentWorld(dir.resolve("world"));
    world.airbyte.configJson(
        "/jobs/get",
        "{\"job\":{\"id\":7},\"attempts\":[{\"attempt\":{\"id\":1,\"status\":\"failed\","
            + "\"createdAt\":1764151200},\"logs\":"
            + logs
            + "}]}");
    world.start();
  }

  private InjectedAgentWorld.Answer logs(Map<String, Object> window) {
    Map<String, Object> args = new HashMap<>(window);
    args.put("connection_id", FakeAirbyte.CONNECTION);
    args.put("job_id", 7);
    return world.call("get_cloud_sync_logs", args);
  }

  @Test
  void aKeyCutBetweenTwoPagesOfPlainLinesDoesNotComeBack() {
    startWithLogs(
        "{\"logLines\":[\"starting read\",\"GET /v1/items headers={'X-Api-Key': '"
            + HEAD
            + "\",\""
            + TAIL
            + "'} 401\",\"read failed\"]}");
    InjectedAgentWorld.Answer first = logs(Map.of("line_offset", 0, "max_lines", 2));
    InjectedAgentWorld.Answer second = logs(Map.of("line_offset", 2, "max_lines", 2));
    assertFalse(
        first.text().contains(HEAD) && second.text().contains(TAIL),
        "two pages gave the key's two halves:\n" + first.text() + "\n" + second.text());
    world.assertNothingLeaked();
  }

  @Test
  void aKeyCutBetweenTwoLogEventsDoesNotComeBack() {
    startWithLogs(
        "{\"events\":[{\"timestamp\":1764151200,\"level\":\"INFO\",\"message\":\"starting read\"},"
            + "{\"timestamp\":1764151201,\"level\":\"DEBUG\",\"message\":\"GET /v1/items"
            + " headers={'X-Api-Key': '"
            + HEAD
            + "\"},{\"timestamp\":1764151201,\"level\":\"DEBUG\",\"message\":\""
            + TAIL
            + "'}\"}]}");
    InjectedAgentWorld.Answer all = logs(Map.of("max_lines", 0));
    assertFalse(
        all.text().contains(HEAD) && all.text().contains(TAIL),
        "one answer gave the key's two halves, one per event: " + all.text());
  }
}
