package airbytemcp.server;

import airbytemcp.common.Json;
import airbytemcp.testing.Prerequisites;
import airbytemcp.testing.TestResources;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.jdi.Bootstrap;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.Connector;
import com.sun.jdi.connect.IllegalConnectorArgumentsException;
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
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The server on stdio as its own process under a debugger (JDI), so a test can hold a thread at an
 * exact line of the SDK or Reactor and replay a race deterministically.
 */
final class DebuggedStdioServer implements AutoCloseable {
  private final Process process;
  private final OutputStream toServer;
  final VirtualMachine vm;
  private final Map<Integer, JsonNode> answers = new ConcurrentHashMap<>();

  private DebuggedStdioServer(Process process, VirtualMachine vm) {
    this.process = process;
    this.toServer = process.getOutputStream();
    this.vm = vm;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  JsonNode message = Json.parse(line);
                  if (message.has("id")) {
                    answers.put(message.get("id").asInt(), message);
                  }
                }
              } catch (IOException e) {
                // the server ended
              }
            },
            "debugged-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts the server with the project's registry fixture and initializes a session. */
  static DebuggedStdioServer start(Path dir, ObjectNode capabilities)
      throws IOException, IllegalConnectorArgumentsException, InterruptedException {
    Prerequisites.require(
        ModuleLayer.boot().findModule("jdk.jdi").isPresent(),
        "The JDK's debugger interface (module jdk.jdi)");
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
    Process process = pb.start();
    VirtualMachine vm;
    try {
      vm = connector.accept(args);
    } finally {
      connector.stopListening(args);
    }
    DebuggedStdioServer server = new DebuggedStdioServer(process, vm);
    JsonNode init =
        server.request(
            1,
            "initialize",
            Json.object()
                .put("protocolVersion", "2025-06-18")
                .<ObjectNode>set("capabilities", capabilities)
                .set("clientInfo", Json.object().put("name", "debugged").put("version", "1")));
    if (!init.has("result")) {
      throw new IllegalStateException("initialize failed: " + init);
    }
    server.send(Json.object().put("jsonrpc", "2.0").put("method", "notifications/initialized"));
    return server;
  }

  /** Sends a request and waits up to a minute for its answer. */
  JsonNode request(int id, String method, JsonNode params) throws InterruptedException {
    sendRequest(id, method, params);
    JsonNode answer = awaitAnswer(id, 60);
    if (answer == null) {
      throw new IllegalStateException("no answer to " + method);
    }
    return answer;
  }

  void sendRequest(int id, String method, JsonNode params) {
    send(
        Json.object()
            .put("jsonrpc", "2.0")
            .put("id", id)
            .put("method", method)
            .set("params", params));
  }

  void send(JsonNode message) {
    try {
      toServer.write((Json.write(message) + "\n").getBytes(StandardCharsets.UTF_8));
      toServer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The answer to request {@code id}, or null when none comes in time. */
  JsonNode awaitAnswer(int id, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      JsonNode answer = answers.get(id);
      if (answer != null) {
        return answer;
      }
      Thread.sleep(50);
    }
    return null;
  }

  /**
   * A breakpoint at the start of {@code method} of the loaded class {@code className} that holds
   * only the thread that hits it; {@code onHit} > 0 reports just that hit.
   */
  BreakpointRequest breakpoint(String className, String method, int onHit) {
    ReferenceType type = vm.classesByName(className).get(0);
    BreakpointRequest request =
        vm.eventRequestManager()
            .createBreakpointRequest(type.methodsByName(method).get(0).location());
    request.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
    if (onHit > 0) {
      request.addCountFilter(onHit);
    }
    request.enable();
    return request;
  }

  /** The next breakpoint hit, its thread left held; other events pass. Null after the wait. */
  BreakpointEvent nextBreakpoint(int seconds) throws InterruptedException {
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

  @Override
  public void close() throws InterruptedException {
    try {
      vm.dispose();
    } catch (RuntimeException e) {
      // the server is gone already
    }
    process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
  }
}
