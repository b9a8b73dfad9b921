package airbytemcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.request.BreakpointRequest;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Why a UI client was once listed 3 tools instead of 58, replayed deterministically.
 *
 * <p>The SDK builds tools/list with Reactor's {@code filterWhen}, one filter evaluation per tool.
 * Run off-thread (a sync server hands its list filters to boundedElastic unless execution is
 * immediate), a filter's result is published in two steps: the operator's state says "result" and
 * only then is the finished evaluation cleared. A thread that offers the next tool between the two
 * steps cannot start its evaluation and drops the tool as if filtered out, and every tool after it
 * too. Here a debugger holds the threads at exactly those points: the thread offering the fourth
 * tool waits until the third tool's result is half published, then goes on. The whole list must
 * still come back (before the fix: 3 tools).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ToolListInterleavingTest {
  private static final String FILTER_WHEN =
      "reactor.core.publisher.FluxFilterWhen$FluxFilterWhenSubscriber";

  @TempDir Path dir;

  @Test
  void aUiClientIsListedEveryToolWhenAFilterResultLandsWhileTheNextToolIsOffered()
      throws Exception {
    ObjectNode capabilities = Json.object();
    capabilities.putObject("extensions").putObject(UiExtension.ID);
    try (DebuggedStdioServer server = DebuggedStdioServer.start(dir, capabilities)) {
      Set<String> undisturbed = names(server.request(2, "tools/list", Json.object()));
      assertTrue(
          undisturbed.containsAll(InteractiveToolsOverMcpTest.VIEW_TOOLS)
              && undisturbed.size() > 40,
          "the undisturbed list is the UI client's whole list: " + undisturbed);

      BreakpointRequest offered = server.breakpoint(FILTER_WHEN, "onNext", 4);
      BreakpointRequest published = server.breakpoint(FILTER_WHEN, "clearCurrent", 3);
      server.sendRequest(3, "tools/list", Json.object());
      ThreadReference offering = null;
      ThreadReference publishing = null;
      boolean inLine = false;
      while (offering == null) {
        BreakpointEvent hit = server.nextBreakpoint(publishing == null ? 60 : 5);
        if (hit == null) {
          assertNotNull(
              publishing, "tools/list reached neither the fourth tool nor a third result");
          // The third result was published on the offering thread itself (evaluated in line), so
          // that thread reaches the fourth tool only once it goes on.
          publishing.resume();
          publishing = null;
          inLine = true;
        } else if (hit.request() == offered) {
          offering = hit.thread();
        } else {
          publishing = hit.thread();
        }
      }
      if (publishing == null && !inLine) {
        BreakpointEvent hit = server.nextBreakpoint(5);
        publishing = hit == null ? null : hit.thread();
      }
      offered.disable();
      published.disable();
      // The fourth tool is offered while the third result is half published.
      offering.resume();
      JsonNode answer = server.awaitAnswer(3, 10);
      if (publishing != null) {
        publishing.resume();
      }
      if (answer == null) {
        answer = server.awaitAnswer(3, 60);
      }
      assertNotNull(answer, "no answer to the second tools/list");
      Set<String> listed = names(answer);
      assertEquals(
          undisturbed,
          listed,
          "the list under the forced interleaving lost "
              + (undisturbed.size() - listed.size())
              + " tools (a filter result published "
              + (publishing == null ? "in line" : "on another thread")
              + ")");
    }
  }

  private static Set<String> names(JsonNode answer) {
    Set<String> names = new TreeSet<>();
    answer.path("result").path("tools").forEach(t -> names.add(t.path("name").asText()));
    return names;
  }
}
