package airbytemcp.bench;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A sync through the tool itself: the server started as JBang starts it (the same java command with
 * the script's //RUNTIME_OPTIONS), an MCP client speaking JSON-RPC on its stdio, and {@code
 * sync_source_to_cache} of the bench connector (a program on the server's PATH), timed from the
 * call to the answer, progress notifications and masking included. Two calls are timed: the first
 * of a fresh server, which also pays what a process does once (DuckDB's library is unpacked from
 * its jar, the SDK's schema validator is loaded), and the next one on the same server.
 */
final class McpSync {
  private McpSync() {}

  /** The first call of a fresh server, and the next call on it. */
  record Calls(CacheBench.Run first, CacheBench.Run later) {}

  /** The JVM options the script declares, as JBang passes them. */
  static List<String> runtimeOptions() throws IOException {
    for (String line : Files.readAllLines(Path.of("AirbyteMcp.java"))) {
      if (line.startsWith("//RUNTIME_OPTIONS ")) {
        return Arrays.asList(line.substring("//RUNTIME_OPTIONS ".length()).trim().split("\\s+"));
      }
    }
    return List.of();
  }

  /** A java command for {@code mainClass} on this class path, with the script's JVM options. */
  static List<String> asTheScriptRuns(String mainClass, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(runtimeOptions());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
    command.addAll(Arrays.asList(args));
    return command;
  }

  static Calls run(Path work, Path lines, long size) throws Exception {
    Path program = CacheBench.connectorProgram(work, lines);
    Path home = work.resolve("mcp-" + size);
    CacheBench.deleteTree(home);
    Files.createDirectories(home);
    Path registry = home.resolve("registry.json");
    Files.writeString(
        registry,
        "{\"sources\":[{\"sourceDefinitionId\":\"00000000-0000-4000-8000-0000000000b1\","
            + "\"name\":\"Bench\",\"dockerRepository\":\"airbyte/source-bench\",\"dockerImageTag\":\"0.1.0\","
            + "\"language\":\"python\",\"remoteRegistries\":{\"pypi\":{\"enabled\":true,"
            + "\"packageName\":\"airbyte-source-bench\"}}}],\"destinations\":[]}");
    ProcessBuilder builder = new ProcessBuilder(asTheScriptRuns("airbytemcp.server.Launcher"));
    Map<String, String> env = builder.environment();
    env.put("PATH", program.getParent() + ":" + System.getenv("PATH"));
    env.put("AIRBYTE_CACHE_ROOT", home.resolve("cache").toString());
    env.put("AIRBYTE_PROJECT_DIR", home.toString());
    env.put("AIRBYTE_LOCAL_REGISTRY", registry.toString());
    builder.redirectError(home.resolve("server.log").toFile());
    Process server = builder.start();
    try (OutputStream in = server.getOutputStream();
        BufferedReader out =
            new BufferedReader(
                new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
      send(
          in,
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
              + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}}}");
      answer(out, 1);
      send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
      CacheBench.Run first = call(in, out, 2, lines, size);
      return new Calls(first, call(in, out, 3, lines, size));
    } finally {
      server.destroy();
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  /** One call of the tool, timed from the request to its answer. */
  private static CacheBench.Run call(
      OutputStream in, BufferedReader out, int id, Path lines, long size) throws IOException {
    long start = System.nanoTime();
    send(
        in,
        "{\"jsonrpc\":\"2.0\",\"id\":"
            + id
            + ",\"method\":\"tools/call\",\"params\":{\"name\":"
            + "\"sync_source_to_cache\",\"arguments\":{\"source_connector_name\":\"source-bench\","
            + "\"streams\":\"*\",\"config\":{}},\"_meta\":{\"progressToken\":\"bench\"}}}");
    JsonNode result = answer(out, id);
    double seconds = (System.nanoTime() - start) / 1e9;
    JsonNode records = result.path("result").path("structuredContent").path("records");
    if (result.path("result").path("isError").asBoolean() || records.asLong() != size) {
      throw new IllegalStateException("the tool call did not sync " + size + ": " + result);
    }
    return new CacheBench.Run(seconds, size, Files.size(lines));
  }

  private static void send(OutputStream in, String message) throws IOException {
    in.write((message + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  /** Reads messages (progress notifications, logs) until the answer to request {@code id}. */
  private static JsonNode answer(BufferedReader out, int id) throws IOException {
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      JsonNode message = Json.parse(line);
      if (message.path("id").asInt(-1) == id) {
        return message;
      }
    }
    throw new IllegalStateException("the server closed its stdout before answering " + id);
  }
}
