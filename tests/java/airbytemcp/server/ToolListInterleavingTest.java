package airbytemcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.testing.TestResources;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.jdi.Bootstrap;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.Connector;
import com.sun.jdi.connect.ListeningConnector;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.event.Event;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.request.BreakpointRequest;
import com.sun.jdi.request.EventRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Why a UI client was once listed 3 tools instead of 58, replayed deterministically.
 *
 * <p>The SDK builds tools/list with Reactor's {@code filterWhen}, one filter evaluation per tool.
 * Run off-thread (the SDK hands a sync server's list filters to boundedElastic unless execution is
 * immediate), a filter's result is published in two steps: the operator's state says "result" and
 * only then is the finished evaluation cleared. A thread that offers the next tool between the two
 * steps cannot start its evaluation and drops the tool as if filtered out, and every tool after it
 * too. Here a debugger holds the threads at exactly those points: the thread offering the fourth
 * tool waits until the third tool's result is half published, then goes on. The whole list must
 * still come back.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ToolListInterleavingTest {
  private static final String FILTER_WHEN =
      "reactor.core.publisher.FluxFilterWhen$FluxFilterWhenSubscriber";

  @TempDir Path dir;
  private Process process;
  private VirtualMachine vm;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  @AfterEach
  void stop() throws InterruptedException {
    if (vm != null) {
      try {
        vm.dispose();
      } catch (RuntimeException e) {
        // the server is gone already
      }
    }
    if (process != null) {
      process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void aUiClientIsListedEveryToolWhenAFilterResultLandsWhileTheNextToolIsOffered()
      throws Exception {
    startDebuggedServer();
    OutputStream toServer = process.getOutputStream();
    ObjectNode capabilities = Json.object();
    capabilities.putObject("extensions").putObject(UiExtension.ID);
    JsonNode init =
        request(
            toServer,
            1,
            "initialize",
            Json.object()
                .put("protocolVersion", "2025-06-18")
                .<ObjectNode>set("capabilities", capabilities)
                .set("clientInfo", Json.object().put("name", "interleaving").put("version", "1")));
    assertTrue(init.has("result"), "initialize: " + init);
    send(toServer, Json.object().put("jsonrpc", "2.0").put("method", "notifications/initialized"));
    Set<String> undisturbed = names(request(toServer, 2, "tools/list", Json.object()));
    assertTrue(
        undisturbed.containsAll(InteractiveToolsOverMcpTest.VIEW_TOOLS) && undisturbed.size() > 40,
        "the undisturbed list is the UI client's whole list: " + undisturbed);

    ReferenceType filterWhen = vm.classesByName(FILTER_WHEN).get(0);
    BreakpointRequest offered = breakpoint(filterWhen, "onNext", 4);
    BreakpointRequest published = breakpoint(filterWhen, "clearCurrent", 3);
    send(
        toServer,
        Json.object()
            .put("jsonrpc", "2.0")
            .put("id", 3)
            .put("method", "tools/list")
            .set("params", Json.object()));
    ThreadReference offering = null;
    ThreadReference publishing = null;
    boolean inLine = false;
    while (offering == null) {
      BreakpointEvent hit = nextBreakpoint(publishing == null ? 60 : 5);
      if (hit == null) {
        assertNotNull(publishing, "tools/list reached neither the fourth tool nor a third result");
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
      BreakpointEvent hit = nextBreakpoint(5);
      publishing = hit == null ? null : hit.thread();
    }
    offered.disable();
    published.disable();
    // The fourth tool is offered while the third result is half published.
    offering.resume();
    JsonNode answer = awaitAnswer(3, 10);
    if (publishing != null) {
      publishing.resume();
    }
    if (answer == null) {
      answer = awaitAnswer(3, 60);
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

  private void startDebuggedServer() throws Exception {
    ListeningConnector connector =
        Bootstrap.virtualMachineManager().listeningConnectors().stream()
            .filter(c -> c.transport().name().equals("dt_socket"))
            .findFirst()
            .orElseThrow();
    Map<String, Connector.Argument> args = connector.defaultArguments();
    args.get("localAddress").setValue("127.0.0.1");
    args.get("port").setValue("0");
    args.get("timeout").setValue("60000");
    String address = connector.startListening(args);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-agentlib:jdwp=transport=dt_socket,server=n,suspend=n,address=" + address,
            "-cp",
            System.getProperty("java.class.path"),
            "airbytemcp.server.Launcher");
    pb.environment().put("AIRBYTE_PROJECT_DIR", dir.resolve("project").toString());
    pb.environment()
        .put(
            "AIRBYTE_LOCAL_REGISTRY",
            TestResources.resource("fake-connector/registry.json").toString());
    pb.redirectError(dir.resolve("server.log").toFile());
    process = pb.start();
    try {
      vm = connector.accept(args);
    } finally {
      connector.stopListening(args);
    }
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // the server ended
              }
            },
            "interleaving-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  private BreakpointRequest breakpoint(ReferenceType type, String method, int onHit) {
    BreakpointRequest request =
        vm.eventRequestManager()
            .createBreakpointRequest(type.methodsByName(method).get(0).location());
    request.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
    request.addCountFilter(onHit);
    request.enable();
    return request;
  }

  /** The next breakpoint hit, its thread left suspended; other events pass. */
  private BreakpointEvent nextBreakpoint(int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      EventSet events = vm.eventQueue().remove(Math.max(1, left));
      if (events == null) {
        return null;
      }
      for (Event event : events) {
        if (event instanceof BreakpointEvent hit) {
          return hit;
        }
      }
      events.resume();
    }
    return null;
  }

  private JsonNode request(OutputStream out, int id, String method, JsonNode params)
      throws Exception {
    send(
        out,
        Json.object()
            .put("jsonrpc", "2.0")
            .put("id", id)
            .put("method", method)
            .set("params", params));
    JsonNode answer = awaitAnswer(id, 60);
    assertNotNull(answer, "no answer to " + method);
    return answer;
  }

  private static void send(OutputStream out, JsonNode message) throws IOException {
    out.write((Json.write(message) + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private JsonNode awaitAnswer(int id, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(200, TimeUnit.MILLISECONDS);
      if (line != null) {
        JsonNode message = Json.parse(line);
        if (message.path("id").asInt(-1) == id) {
          return message;
        }
      }
    }
    return null;
  }

  private static Set<String> names(JsonNode answer) {
    List<String> names = new ArrayList<>();
    answer.path("result").path("tools").forEach(t -> names.add(t.path("name").asText()));
    return new TreeSet<>(names);
  }
}
