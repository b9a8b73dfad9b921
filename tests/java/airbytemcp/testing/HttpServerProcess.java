package airbytemcp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * {@code airbyte-mcp --http} as its own process, as users start it (from the test classpath, for
 * speed). Its stdout and stderr go to a file, so tests can scan everything the server logged.
 */
public final class HttpServerProcess implements AutoCloseable {
  private final Process process;
  private final Path log;
  public final int port;

  private HttpServerProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** From this JVM's test classpath (fast). */
  public static HttpServerProcess start(Map<String, String> env, Path dir) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return start(
        List.of(
            java,
            "-XX:+UseSerialGC",
            "-cp",
            System.getProperty("java.class.path"),
            "airbytemcp.server.Launcher"),
        env,
        dir,
        Duration.ofSeconds(60));
  }

  /**
   * Exactly as users start it: {@code jbang AirbyteMcp.java --http --port N} in the project root.
   */
  public static HttpServerProcess viaJbang(Map<String, String> env, Path dir) {
    return start(
        List.of(
            Jbang.command(),
            "--quiet",
            SharedData.projectRoot().resolve("AirbyteMcp.java").toString()),
        env,
        dir,
        Duration.ofMinutes(5));
  }

  private static HttpServerProcess start(
      List<String> command, Map<String, String> env, Path dir, Duration timeout) {
    try {
      Files.createDirectories(dir);
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      List<String> args = new ArrayList<>(command);
      args.addAll(List.of("--http", "--port", String.valueOf(port)));
      ProcessBuilder pb = new ProcessBuilder(args);
      pb.environment().remove("AIRBYTE_MCP_TRUSTED_EXECUTION");
      pb.environment().putAll(env);
      Path log = dir.resolve("http-server.log");
      pb.redirectErrorStream(true).redirectOutput(log.toFile());
      HttpServerProcess server = new HttpServerProcess(pb.start(), log, port);
      server.awaitHealthy(timeout);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String baseUrl() {
    return "http://localhost:" + port;
  }

  public String mcpUrl() {
    return baseUrl() + "/mcp";
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Everything the server wrote to stdout and stderr so far. */
  public String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether {@code GET /health} answers ok right now. */
  public boolean healthy() {
    OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(5)).build();
    try (Response response =
        http.newCall(new Request.Builder().url(baseUrl() + "/health").build()).execute()) {
      return response.code() == 200 && response.body().string().contains("\"ok\"");
    } catch (IOException e) {
      return false;
    }
  }

  private void awaitHealthy(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the HTTP server exited: " + log());
      }
      if (healthy()) {
        return;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("the HTTP server did not become healthy: " + log());
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
