package airbytemcp.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import airbytemcp.common.Json;
import airbytemcp.testing.HttpServerProcess;
import airbytemcp.testing.RawMcpSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile inputs: fuzzed arguments for every tool, paths that try to escape, malformed and
 * oversized JSON-RPC on both transports. Each must be answered (with an error where the input is
 * wrong) and the server must keep serving; an internal failure ("failed unexpectedly") counts as a
 * miss.
 */
class HostileInputTest {
  @TempDir static Path dir;
  static HostileWorld world;
  static HttpServerProcess server;

  @BeforeAll
  static void start() {
    world = HostileWorld.serving(dir);
    server = world.server;
  }

  @AfterAll
  static void stop() {
    if (world != null) {
      world.close();
    }
  }

  private static boolean isError(JsonNode answer) {
    return answer.has("error") || answer.path("result").path("isError").asBoolean(false);
  }

  private static void assertStillServing(RawMcpSession session, String after) {
    assertTrue(server.isAlive(), "the server died after " + after);
    assertTrue(session.request("ping", null).has("result"), "ping after " + after);
    assertTrue(server.healthy(), "health after " + after);
  }

  @Test
  void everyToolAnswersFuzzedArgumentsAndKeepsServing() {
    RawMcpSession session = RawMcpSession.openWithUi(server.mcpUrl(), Map.of());
    List<JsonNode> tools = new ArrayList<>();
    session.request("tools/list", Json.object()).path("result").path("tools").forEach(tools::add);
    int tried = 0;
    int refused = 0;
    for (JsonNode tool : tools) {
      String name = tool.path("name").asText();
      ObjectNode base = ToolInputs.plausible(tool);
      for (ToolInputs.Variant variant : ToolInputs.hostile(tool)) {
        tried++;
        JsonNode answer =
            session.callTool(name, ToolInputs.with(base, variant.argument(), variant.value()));
        String where =
            name + "." + variant.argument() + " = " + variant.label() + " (input " + tried + ")";
        assertTrue(answer.has("result") || answer.has("error"), where + ": " + answer);
        if (variant.mustFail()) {
          assertTrue(isError(answer), where + " was accepted: " + abbreviated(answer));
        }
        String text = answer.toString();
        assertFalse(
            text.contains("failed unexpectedly"),
            where + " broke the tool: " + abbreviated(answer));
        assertFalse(
            text.contains("\tat airbytemcp.") || text.contains("at java.base/"),
            where + " leaked a stack trace");
        refused += isError(answer) ? 1 : 0;
      }
      assertStillServing(session, name);
    }
    System.out.println(
        "Hostile inputs: "
            + tried
            + " fuzzed tool calls over "
            + tools.size()
            + " tools, "
            + refused
            + " refused, 0 internal failures, server still serving.");
  }

  @Test
  void pathsThatEscapeOrAreNotFilesAreRefusedForConfigFileAndManifestPath() throws Exception {
    RawMcpSession session = RawMcpSession.open(server.mcpUrl(), Map.of());
    Path link = dir.resolve("link-to-passwd.yaml");
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, Path.of("/etc/passwd"));
    List<String> paths =
        List.of(
            "config.json",
            "./config.json",
            "~/config.json",
            "~root/.ssh/id_rsa",
            "../../../../etc/passwd",
            "/etc/passwd",
            "/etc/shadow",
            "/proc/self/environ",
            "/dev/zero",
            "/dev/stdin",
            "/",
            "/tmp/../etc/passwd",
            "file:///etc/passwd",
            "\u0000/etc/passwd",
            "/etc/passwd\u0000.yaml",
            "",
            "/nonexistent/" + "a".repeat(5000),
            link.toString(),
            "C:\\Windows\\win.ini",
            "\\\\server\\share\\x.yaml");
    int tried = 0;
    for (String tool :
        List.of("validate_connector_config", "list_source_streams", "read_source_stream_records")) {
      for (String argument : List.of("config_file", "manifest_path")) {
        for (String path : paths) {
          tried++;
          ObjectNode args = Json.object().put("stream_name", "users");
          args.put(
              tool.equals("validate_connector_config") ? "connector_name" : "source_connector_name",
              "source-fake");
          args.put(argument, path);
          JsonNode answer = session.callTool(tool, args);
          String where = tool + " " + argument + "='" + path.replace("\u0000", "\\0") + "'";
          assertTrue(isError(answer), where + " was accepted: " + abbreviated(answer));
          String text = answer.toString();
          assertFalse(
              text.contains("root:x:0:0") || text.contains("root:*:"),
              where + " showed a system file");
          assertFalse(
              text.contains("failed unexpectedly"),
              where + " broke the tool: " + abbreviated(answer));
        }
      }
      assertStillServing(session, tool);
    }
    System.out.println(
        "Path attacks: " + tried + " config_file/manifest_path values, all refused.");
  }

  @Test
  void malformedJsonRpcOverHttpIsRefusedAndTheServerKeepsServing() {
    RawMcpSession session = RawMcpSession.open(server.mcpUrl(), Map.of());
    List<String> bodies =
        List.of(
            "",
            " ",
            "{",
            "}",
            "null",
            "true",
            "42",
            "\"text\"",
            "[]",
            "[1,2,3]",
            "{}",
            "{\"jsonrpc\":\"2.0\"}",
            "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":1}",
            "{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"ping\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":42}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"no/such/method\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"no_such_tool\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":42,\"arguments\":[]}}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":\"x\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/read\",\"params\":{\"uri\":\"file:///etc/passwd\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"prompts/get\",\"params\":{\"name\":\"nope\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"loudest\"}}",
            "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}]",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"" + ",\"x\":[".repeat(3000),
            "[".repeat(5000) + "]".repeat(5000),
            "{\"jsonrpc\":\"2.0\",\"id\":99999999999999999999999,\"method\":\"ping\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}",
            "\u0000\u0001\u0002",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"cursor\":\"\u0000\"}}");
    int tried = 0;
    for (String body : bodies) {
      tried++;
      RawMcpSession.Raw raw = session.post(body, Map.of());
      assertTrue(
          raw.status() < 500,
          "HTTP " + raw.status() + " for " + abbreviated(body) + ": " + raw.body());
      assertStillServing(session, "body " + abbreviated(body));
    }
    byte[] invalidUtf8 = {'{', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'};
    tried++;
    assertTrue(session.post(invalidUtf8, Map.of()).status() < 500);
    for (Map<String, String> headers :
        List.of(
            Map.of("Mcp-Session-Id", "not-a-session"),
            Map.of("Content-Type", "text/plain"),
            Map.of("Accept", "text/html"),
            Map.of("Mcp-Session-Id", "../../etc/passwd"))) {
      tried++;
      RawMcpSession.Raw raw =
          session.post("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}", headers);
      assertTrue(raw.status() < 500, headers + " gave HTTP " + raw.status());
    }
    tried++;
    String huge =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\""
            + "x".repeat(6 << 20)
            + "\"}}";
    assertEquals(413, session.post(huge, Map.of()).status(), "an oversized message is refused");
    assertStillServing(session, "an oversized message");
    System.out.println(
        "Malformed JSON-RPC over HTTP: " + tried + " requests, all refused, server still serving.");
  }

  @Test
  void malformedAndOversizedJsonRpcOverStdioIsAnsweredOrIgnoredAndTheServerKeepsServing()
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java, "-cp", System.getProperty("java.class.path"), "airbytemcp.server.Launcher");
    pb.environment().putAll(world.env);
    pb.redirectError(dir.resolve("stdio-server.log").toFile());
    Process process = pb.start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  lines.add(line);
                }
              } catch (Exception e) {
                // the process ended
              }
            });
    reader.setDaemon(true);
    reader.start();
    OutputStream toServer = process.getOutputStream();
    try {
      send(
          toServer,
          "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
              + "\"capabilities\":{},\"clientInfo\":{\"name\":\"h\",\"version\":\"1\"}}}");
      awaitAnswer(lines, 0);
      send(toServer, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
      List<String> junk =
          List.of(
              "",
              "{",
              "not json at all",
              "null",
              "[]",
              "{}",
              "{\"jsonrpc\":\"2.0\",\"id\":1}",
              "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"no/such\"}",
              "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\"}",
              "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"list_connectors\",\"arguments\":"
                  + "{\"keyword_filter\":"
                  + "[".repeat(3000)
                  + "]".repeat(3000)
                  + "}}}",
              "[".repeat(20000),
              "\u0000\u0000",
              "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\",\"params\":{\"pad\":\""
                  + "y".repeat(16 << 20)
                  + "\"}}");
      int tried = 0;
      long id = 100;
      for (String line : junk) {
        tried++;
        send(toServer, line);
        send(toServer, "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"ping\"}");
        JsonNode answer = awaitAnswer(lines, id);
        assertTrue(answer.has("result"), "ping after junk line " + tried + ": " + answer);
        assertTrue(process.isAlive(), "the stdio server died after junk line " + tried);
        id++;
      }
      System.out.println(
          "Malformed JSON-RPC over stdio: "
              + tried
              + " lines (up to 16 MB), server still serving.");
    } finally {
      toServer.close();
      process.destroy();
      process.waitFor(20, TimeUnit.SECONDS);
    }
  }

  private static void send(OutputStream out, String line) throws Exception {
    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static JsonNode awaitAnswer(BlockingQueue<String> lines, long id) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(1, TimeUnit.SECONDS);
      if (line == null) {
        continue;
      }
      JsonNode message;
      try {
        message = Json.parse(line);
      } catch (RuntimeException e) {
        fail("stdout carried something that is not JSON-RPC: " + abbreviated(line));
        return null;
      }
      if (message.path("id").asLong(-1) == id) {
        return message;
      }
    }
    fail("no answer with id " + id + " within 60 s");
    return null;
  }

  private static String abbreviated(Object value) {
    String text = String.valueOf(value);
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }
}
