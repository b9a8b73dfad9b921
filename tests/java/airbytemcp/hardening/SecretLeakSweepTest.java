package airbytemcp.hardening;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.config.SettingsLoader;
import airbytemcp.testing.HttpServerProcess;
import airbytemcp.testing.RawMcp;
import airbytemcp.testing.RawMcpSession;
import airbytemcp.testing.RawStdioSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls every tool the way agents do and the way attackers do — valid and invalid arguments,
 * success and failure paths, a connector that echoes its key, an Airbyte that echoes requests and
 * tokens in its errors — and scans every byte the clients receive and everything the server logs
 * for the secrets in play: zero occurrences.
 */
class SecretLeakSweepTest {
  @TempDir Path dir;
  private int calls;
  private long bytesScanned;

  @Test
  void noSecretReachesAnHttpClientOrTheServerLog() {
    try (HostileWorld world =
            new HostileWorld(dir)
                .with(SettingsLoader.TRUSTED_EXECUTION, "1")
                .with(SettingsLoader.SAFE_MODE, "0");
        HttpServerProcess server = world.startServer("server")) {
      RawMcpSession caller =
          RawMcpSession.openWithUi(
              server.mcpUrl(), Map.of("Authorization", "Bearer " + HostileWorld.CALLER_TOKEN));
      RawMcpSession anonymous = RawMcpSession.open(server.mcpUrl(), Map.of());
      int tools;
      try {
        tools = sweep(world, caller, anonymous, server::log);
      } catch (RuntimeException e) {
        String log = server.log();
        throw new AssertionError(
            "the HTTP sweep broke after "
                + calls
                + " calls; server log tail:\n"
                + log.substring(Math.max(0, log.length() - 60000)),
            e);
      }
      System.out.println(
          "Secret-leak sweep (HTTP): "
              + tools
              + " tools, "
              + calls
              + " calls, "
              + bytesScanned
              + " bytes scanned for "
              + HostileWorld.SECRETS.size()
              + " secrets, leaks found: 0.");
    }
  }

  @Test
  void noSecretReachesTheStdioChannelOrTheServerLog() {
    try (HostileWorld world = new HostileWorld(dir).with(SettingsLoader.SAFE_MODE, "0");
        RawStdioSession session = RawStdioSession.start(world.env, dir.resolve("stdio"))) {
      int tools = sweep(world, session, session, session::log);
      System.out.println(
          "Secret-leak sweep (stdio): "
              + tools
              + " tools, "
              + calls
              + " calls, "
              + bytesScanned
              + " bytes scanned for "
              + HostileWorld.SECRETS.size()
              + " secrets, leaks found: 0.");
    }
  }

  /** Every tool, every way; {@code first} lists the tools. Returns how many tools were swept. */
  private int sweep(HostileWorld world, RawMcp first, RawMcp second, Supplier<String> serverLog) {
    for (RawMcp session : List.of(first, second)) {
      session.request("logging/setLevel", Json.object().put("level", "debug"));
    }
    List<JsonNode> tools = new ArrayList<>();
    first.request("tools/list", Json.object()).path("result").path("tools").forEach(tools::add);
    assertTrue(tools.size() > 40, "every domain is on: " + tools.size() + " tools");

    for (JsonNode tool : tools) {
      String name = tool.path("name").asText();
      ObjectNode plausible = ToolInputs.plausible(tool);
      call(first, name, plausible);
      call(second, name, plausible);
      call(first, name, ToolInputs.everyStringIs(plausible, HostileWorld.DOTENV_KEY));
      call(second, name, ToolInputs.everyStringIs(plausible, HostileWorld.CONFIG_KEY));
      call(second, name, Json.object());
      if (plausible.has("config") && name.contains("source")
          || name.equals("validate_connector_config")) {
        for (String mode : List.of("crash", "trace_error", "wrong_key")) {
          call(
              first,
              name,
              ToolInputs.with(
                  plausible,
                  "config",
                  Json.object()
                      .put("api_key", "secret_reference::FAKE_API_KEY")
                      .put("mode", mode)));
        }
        call(
            first,
            name,
            ToolInputs.with(
                plausible, "config", Json.object().put("api_key", HostileWorld.DOTENV_KEY)));
        call(
            first,
            name,
            ToolInputs.with(
                ToolInputs.with(plausible, "config", Json.object()),
                "config_secret_name",
                Json.toTree("SOURCE_FAKE_CONFIG")));
      }
      scan(serverLog.get(), "server log after " + name);
    }
    // A sync that waits streams progress notifications; they are scanned too.
    JsonNode withProgress =
        Json.object()
            .put("name", "run_cloud_sync")
            .<ObjectNode>set(
                "arguments",
                Json.object()
                    .put("connection_id", "44444444-4444-4444-8444-444444444444")
                    .put("wait", true))
            .set("_meta", Json.object().put("progressToken", "p1"));
    calls++;
    scan(first.request("tools/call", withProgress).toString(), "run_cloud_sync with progress");

    world.airbyteEchoesRequestsInErrors();
    for (JsonNode tool : tools) {
      String name = tool.path("name").asText();
      if (name.contains("cloud") || name.contains("custom_source") || name.contains("connection")) {
        call(first, name, ToolInputs.plausible(tool));
        call(second, name, ToolInputs.plausible(tool));
      }
      scan(serverLog.get(), "server log after " + name + " (Airbyte echoing requests)");
    }
    scan(first.received(), "everything the first session received");
    scan(second.received(), "everything the second session received");
    scan(serverLog.get(), "the server log");
    return tools.size();
  }

  private void call(RawMcp session, String tool, ObjectNode args) {
    calls++;
    JsonNode answer = session.callTool(tool, args);
    scan(answer.toString(), tool + " " + abbreviated(args));
  }

  private void scan(String text, String where) {
    bytesScanned += text.length();
    String leak = HostileWorld.leakIn(text);
    assertNull(
        leak,
        () ->
            "secret "
                + leak
                + " leaked in "
                + where
                + " after "
                + calls
                + " calls: "
                + context(text, leak));
  }

  private static String context(String text, String secret) {
    int at = text.indexOf(secret);
    return at < 0
        ? "(escaped form)"
        : text.substring(Math.max(0, at - 300), Math.min(text.length(), at + 100));
  }

  private static String abbreviated(JsonNode args) {
    String text = args.toString();
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }
}
