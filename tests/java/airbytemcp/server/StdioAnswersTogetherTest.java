package airbytemcp.server;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.request.BreakpointRequest;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two answers finishing together over stdio both reach the client. The SDK's stdio transport puts
 * each outgoing message into a sink that takes one emitter at a time; a second emitter retries for
 * 100 ms and then drops its message. Here a debugger holds a tool call's thread inside that sink
 * (as a loaded machine can for longer than 100 ms) while a ping is answered on another thread.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StdioAnswersTogetherTest {
  private static final String UNICAST_SINK = "reactor.core.publisher.SinkManyUnicast";

  @TempDir Path dir;

  @Test
  void anAnswerSentWhileAnotherIsBeingEnqueuedIsNotLost() throws Exception {
    try (DebuggedStdioServer server = DebuggedStdioServer.start(dir, Json.object())) {
      JsonNode warm = server.request(2, "tools/call", listConnectors());
      assertTrue(warm.has("result"), "list_connectors answers: " + warm);

      BreakpointRequest enqueued = server.breakpoint(UNICAST_SINK, "tryEmitNext", 0);
      server.sendRequest(3, "tools/call", listConnectors());
      ThreadReference answering = null;
      while (answering == null) {
        BreakpointEvent hit = server.nextBreakpoint(60);
        assertNotNull(hit, "the tool call's answer was never enqueued");
        // Messages read from stdin pass the same kind of sink on the reading thread; only the
        // tool's worker is held.
        if (hit.thread().name().startsWith("boundedElastic")) {
          answering = hit.thread();
        } else {
          hit.thread().resume();
        }
      }
      enqueued.disable();
      server.sendRequest(4, "ping", Json.object());
      Thread.sleep(2000); // well past the SDK's 100 ms of retries
      answering.resume();
      assertNotNull(server.awaitAnswer(3, 30), "the held tool call was never answered");
      JsonNode ping = server.awaitAnswer(4, 30);
      assertNotNull(ping, "the ping answered while the tool call's answer was enqueued was lost");
      assertTrue(ping.has("result"), "ping: " + ping);
    }
  }

  private static JsonNode listConnectors() {
    return Json.object()
        .put("name", "list_connectors")
        .set("arguments", Json.object().put("keyword_filter", "fake"));
  }
}
