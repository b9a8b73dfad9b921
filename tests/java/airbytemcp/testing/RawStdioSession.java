package airbytemcp.testing;

import airbytemcp.common.Json;
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
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server on stdio as its own process, spoken to line by line; stdout is kept whole, stderr in a
 * file.
 */
public final class RawStdioSession implements RawMcp, AutoCloseable {
  private final Process process;
  private final OutputStream toServer;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final StringBuffer received = new StringBuffer();
  private final AtomicLong ids = new AtomicLong(1);
  private final Path log;

  private RawStdioSession(Process process, Path log) {
    this.process = process;
    this.toServer = process.getOutputStream();
    this.log = log;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  received.append(line).append('\n');
                  lines.add(line);
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            "stdio-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts the server from the test classpath and initializes the session. */
  public static RawStdioSession start(Map<String, String> env, Path dir) {
    try {
      Files.createDirectories(dir);
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder pb =
          new ProcessBuilder(
              java,
              "-XX:+UseSerialGC",
              "-cp",
              System.getProperty("java.class.path"),
              "airbytemcp.server.Launcher");
      pb.environment().putAll(env);
      Path log = dir.resolve("stdio-server.log");
      pb.redirectError(log.toFile());
      RawStdioSession session = new RawStdioSession(pb.start(), log);
      session.request(
          "initialize",
          Json.object()
              .put("protocolVersion", "2025-06-18")
              .<ObjectNode>set("capabilities", Json.object())
              .set("clientInfo", Json.object().put("name", "hardening").put("version", "1")));
      session.send(
          Json.write(
              Json.object().put("jsonrpc", "2.0").put("method", "notifications/initialized")));
      return session;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public JsonNode request(String method, JsonNode params) {
    long id = ids.getAndIncrement();
    ObjectNode message = Json.object().put("jsonrpc", "2.0").put("id", id).put("method", method);
    if (params != null) {
      message.set("params", params);
    }
    send(Json.write(message));
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    try {
      while (System.nanoTime() < deadline) {
        String line = lines.poll(1, TimeUnit.SECONDS);
        if (line != null) {
          JsonNode answer = Json.parse(line);
          if (answer.path("id").asLong(-1) == id) {
            return answer;
          }
        } else if (!process.isAlive()) {
          throw new IllegalStateException("the stdio server exited: " + log());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new IllegalStateException("no answer to " + method);
  }

  private void send(String line) {
    try {
      toServer.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      toServer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String received() {
    return received.toString();
  }

  /** What the server wrote to stderr. */
  public String log() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
      process.waitFor(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
