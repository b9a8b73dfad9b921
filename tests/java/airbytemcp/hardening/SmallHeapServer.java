package airbytemcp.hardening;

import airbytemcp.common.Json;
import airbytemcp.testing.TestResources;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The server on stdio as its own process with a small heap ({@link #HEAP}) and umask 000, spoken to
 * line by line so a test can send a call, cancel it, close stdin or terminate the process while
 * calls run. On its PATH is {@code source-hostile}, a connector whose behaviour the test picks
 * ({@link #mode}).
 */
final class SmallHeapServer implements AutoCloseable {
  /** The heap every resource test runs the server with. */
  static final String HEAP = "-Xmx256m";

  final Path dir;
  final Path projectDir;
  final Path pidFile;
  private final Process process;
  private final OutputStream toServer;
  private final Map<Long, JsonNode> answers = new ConcurrentHashMap<>();
  private long nextId = 100;

  private SmallHeapServer(Path dir, Process process) {
    this.dir = dir;
    this.projectDir = dir.resolve("project");
    this.pidFile = dir.resolve("connector-pids");
    this.process = process;
    this.toServer = process.getOutputStream();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  JsonNode message = Json.parse(line);
                  if (message.has("id") && (message.has("result") || message.has("error"))) {
                    answers.put(message.get("id").asLong(), message);
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            "small-heap-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts the server; {@code mode} tells {@code source-hostile} what to do on check: {@code hang}
   * (starts a child, writes both process ids to {@link #pidFile}, waits forever), {@code
   * long-stdout}, {@code long-stderr}.
   */
  static SmallHeapServer start(Path dir, String mode) {
    try {
      Files.createDirectories(dir);
      Path bin = Files.createDirectories(dir.resolve("bin"));
      Path script = bin.resolve("source-hostile");
      Files.writeString(script, HOSTILE_CONNECTOR);
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Path tempDir = Files.createDirectories(dir.resolve("tmp"));
      ProcessBuilder pb =
          new ProcessBuilder(
              "sh",
              "-c",
              "umask 000; exec \"$@\"",
              "sh",
              java,
              HEAP,
              "-XX:+UseSerialGC",
              "-Djava.io.tmpdir=" + tempDir,
              "-cp",
              System.getProperty("java.class.path"),
              "airbytemcp.server.Launcher");
      Map<String, String> env = new HashMap<>();
      env.put("PATH", bin + ":" + System.getenv("PATH"));
      env.put("HOME", dir.toString());
      env.put("AIRBYTE_PROJECT_DIR", dir.resolve("project").toString());
      env.put(
          "AIRBYTE_LOCAL_REGISTRY",
          TestResources.resource("fake-connector/registry.json").toString());
      env.put("AIRBYTE_OFFLINE_MODE", "1");
      env.put("AIRBYTE_MCP_TRUSTED_EXECUTION", "1");
      env.put("HOSTILE_MODE", mode);
      env.put("HOSTILE_PIDS", dir.resolve("connector-pids").toString());
      pb.environment().clear();
      pb.environment().putAll(env);
      pb.redirectError(dir.resolve("server-stderr.log").toFile());
      SmallHeapServer server = new SmallHeapServer(dir, pb.start());
      server.await(
          server.send(
              "initialize",
              Json.object()
                  .put("protocolVersion", "2025-06-18")
                  .<ObjectNode>set("capabilities", Json.object())
                  .set("clientInfo", Json.object().put("name", "limits").put("version", "1"))),
          Duration.ofSeconds(60));
      server.line(
          Json.write(
              Json.object().put("jsonrpc", "2.0").put("method", "notifications/initialized")));
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final String HOSTILE_CONNECTOR =
      """
      #!/bin/sh
      case "$1" in
        spec) echo '{"type":"SPEC","spec":{"connectionSpecification":{"type":"object","properties":{}}}}' ;;
        check)
          case "$HOSTILE_MODE" in
            hang)
              sleep 300 &
              echo "$$ $! $3" > "$HOSTILE_PIDS.tmp" && mv "$HOSTILE_PIDS.tmp" "$HOSTILE_PIDS"
              wait ;;
            long-stdout) head -c 40000000 /dev/zero | tr '\\0' x ;;
            long-stderr) head -c 40000000 /dev/zero | tr '\\0' x >&2; sleep 30 ;;
          esac ;;
      esac
      """;

  /** Sends a request; returns its id. */
  long send(String method, JsonNode params) {
    long id = nextId++;
    ObjectNode message = Json.object().put("jsonrpc", "2.0").put("id", id).put("method", method);
    message.set("params", params);
    line(Json.write(message));
    return id;
  }

  long callTool(String name, ObjectNode arguments) {
    return send("tools/call", Json.object().put("name", name).set("arguments", arguments));
  }

  void cancel(long id) {
    line(
        Json.write(
            Json.object()
                .put("jsonrpc", "2.0")
                .put("method", "notifications/cancelled")
                .set("params", Json.object().put("requestId", id).put("reason", "test"))));
  }

  /** The answer to request {@code id}; fails when none comes in time. */
  JsonNode await(long id, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode answer = answers.get(id);
      if (answer != null) {
        return answer;
      }
      if (!process.isAlive()) {
        throw new AssertionError("the server exited before answering " + id + ": " + log());
      }
      sleep(50);
    }
    throw new AssertionError(
        "no answer to request " + id + " within " + timeout.toSeconds() + " s: " + log());
  }

  /** The text of a tool result, asserting that it is one. */
  static String text(JsonNode answer) {
    return answer.path("result").path("content").path(0).path("text").asText("");
  }

  static boolean isError(JsonNode answer) {
    return answer.path("result").path("isError").asBoolean(false);
  }

  /** The process ids {@code source-hostile} wrote (itself, its child), waiting until it has. */
  List<Long> connectorPids(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!Files.exists(pidFile) && System.nanoTime() < deadline) {
      sleep(50);
    }
    String[] parts = Files.readString(pidFile).strip().split(" ");
    return List.of(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
  }

  /** The config path the connector was given (its argv). */
  Path connectorConfigPath() throws IOException {
    return Path.of(Files.readString(pidFile).strip().split(" ")[2]);
  }

  /**
   * Whether the process still runs. A killed process that its new parent (init, once the server is
   * gone) has not reaped yet is a zombie: it runs nothing and holds no files, but the JDK still
   * counts it alive, and how soon init reaps it is up to the machine.
   */
  static boolean alive(long pid) {
    if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z'; // the state follows "(name) "
    } catch (IOException | RuntimeException e) {
      // no /proc (macOS), or reaped in between
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
  }

  /** Waits until none of the processes is alive; true if so within the timeout. */
  static boolean allGone(List<Long> pids, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (pids.stream().noneMatch(SmallHeapServer::alive)) {
        return true;
      }
      sleep(50);
    }
    return false;
  }

  void closeStdin() throws IOException {
    toServer.close();
  }

  /** The server's own temporary folder ({@code java.io.tmpdir}). */
  Path tempDir() {
    return dir.resolve("tmp");
  }

  /** The server's process id. */
  long pid() {
    return process.pid();
  }

  /** SIGKILL: no shutdown hook runs. */
  void kill() {
    process.destroyForcibly();
  }

  /** SIGTERM. */
  void terminate() {
    process.destroy();
  }

  boolean exited(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  String log() {
    try {
      Path log = dir.resolve("server-stderr.log");
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private void line(String text) {
    try {
      toServer.write((text + "\n").getBytes(StandardCharsets.UTF_8));
      toServer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    try {
      toServer.close();
    } catch (IOException e) {
      // stopping anyway
    }
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
