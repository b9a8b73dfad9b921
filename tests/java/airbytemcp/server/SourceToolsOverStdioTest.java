package airbytemcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.connectors.HostTools;
import airbytemcp.testing.FakeConnector;
import airbytemcp.testing.McpServerProcess;
import airbytemcp.testing.Prerequisites;
import airbytemcp.testing.TestResources;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every local source tool end-to-end over MCP stdio against the test connector (local program,
 * Docker image, Python package), including the failures an agent meets; the secret in use never
 * leaves the server.
 */
class SourceToolsOverStdioTest {
  static final String KEY = "sk-stdio-SECRET-13579";

  @TempDir static Path workDir;
  static McpServerProcess server;

  static Map<String, String> environment(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path envFile = dir.resolve("secrets.env");
    Files.writeString(
        envFile, "FAKE_API_KEY=" + KEY + "\nSOURCE_FAKE_CONFIG={\"api_key\": \"" + KEY + "\"}\n");
    Map<String, String> env = new HashMap<>(FakeConnector.offlinePip());
    env.put("PATH", FakeConnector.binDir() + ":" + System.getenv("PATH"));
    env.put("AIRBYTE_MCP_ENV_FILE", envFile.toString());
    env.put("AIRBYTE_PROJECT_DIR", dir.resolve("project").toString());
    env.put(
        "AIRBYTE_LOCAL_REGISTRY",
        TestResources.resource("fake-connector/registry.json").toString());
    env.put("AIRBYTE_MCP_DOCKER_NETWORK", "none");
    env.put("AIRBYTE_MCP_CONNECTOR_TIMEOUT", "8");
    return env;
  }

  @BeforeAll
  static void start() throws IOException {
    server =
        McpServerProcess.fromClasspath(
            environment(workDir.resolve("main")), workDir.resolve("main"));
    server.client.initialize();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @AfterEach
  void theSecretNeverLeftTheServer() throws IOException {
    assertFalse(server.stderr().contains(KEY), "server log");
    assertFalse(server.stdout().contains(KEY), "protocol output");
  }

  private static CallToolResult call(
      McpServerProcess process, String tool, Map<String, Object> args) {
    return process.client.callTool(new McpSchema.CallToolRequest(tool, args));
  }

  private static String text(CallToolResult result) {
    return result.content().stream()
        .map(c -> c instanceof McpSchema.TextContent t ? t.text() : c.toString())
        .collect(Collectors.joining("\n"));
  }

  private static Map<String, Object> args(String nameArg, Object... pairs) {
    Map<String, Object> args = new HashMap<>();
    args.put(nameArg, FakeConnector.NAME);
    args.put("config", Map.of("api_key", "secret_reference::FAKE_API_KEY"));
    for (int i = 0; i < pairs.length; i += 2) {
      args.put((String) pairs[i], pairs[i + 1]);
    }
    return args;
  }

  /**
   * Calls a tool, checking whether it failed as expected and that the secret is not in its answer.
   */
  private static CallToolResult expect(boolean isError, String tool, Map<String, Object> args) {
    CallToolResult result = call(server, tool, args);
    String text = text(result);
    assertEquals(isError, Boolean.TRUE.equals(result.isError()), text);
    assertFalse(text.contains(KEY), text);
    return result;
  }

  private static CallToolResult ok(String tool, Map<String, Object> args) {
    return expect(false, tool, args);
  }

  private static String error(String tool, Map<String, Object> args) {
    return text(expect(true, tool, args));
  }

  private static String logTail() {
    try {
      String log = server.stderr();
      return log.substring(Math.max(0, log.length() - 4000));
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T structured(CallToolResult result, String field) {
    return (T) ((Map<String, Object>) result.structuredContent()).get(field);
  }

  @Test
  void everyToolAnswersThroughTheLocalProgram() {
    assertEquals(
        true, structured(ok("validate_connector_config", args("connector_name")), "valid"));
    assertEquals(
        List.of("users", "orders"),
        structured(ok("list_source_streams", args("source_connector_name")), "result"));
    assertTrue(
        ((Map<?, ?>)
                ok(
                        "get_source_stream_json_schema",
                        args("source_connector_name", "stream_name", "users"))
                    .structuredContent())
            .containsKey("properties"));
    assertEquals(
        2,
        ((List<?>)
                structured(
                    ok(
                        "read_source_stream_records",
                        args("source_connector_name", "stream_name", "users", "max_records", 2)),
                    "result"))
            .size());
    assertEquals(
        3,
        ((List<?>)
                structured(
                    ok(
                        "get_stream_previews",
                        args("source_name", "streams", List.of("orders"), "limit", 5)),
                    "orders"))
            .size());
    assertEquals(
        List.of("SOURCE_FAKE_CONFIG"),
        structured(
            ok("list_connector_config_secrets", Map.of("connector_name", FakeConnector.NAME)),
            "result"));
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void aSpecsOwnKeywordsLeaveNoWarningInTheServerLog() throws IOException {
    ok("validate_connector_config", args("connector_name"));
    assertFalse(server.stderr().contains("Unknown keyword"), server.stderr());
  }

  @Test
  void theDockerImageServesTheSameTools() {
    Prerequisites.require(FakeConnector.dockerReachable(), "A Docker engine");
    FakeConnector.dockerImage();
    CallToolResult validation =
        ok(
            "validate_connector_config",
            args("connector_name", "override_execution_mode", "docker"));
    assertEquals(
        true,
        structured(validation, "valid"),
        () -> text(validation) + "\nThe server's log ends with:\n" + logTail());
    assertEquals(
        4,
        ((List<?>)
                structured(
                    ok(
                        "read_source_stream_records",
                        args(
                            "source_connector_name",
                            "stream_name",
                            "users",
                            "max_records",
                            4,
                            "docker_image",
                            FakeConnector.IMAGE)),
                    "result"))
            .size());
    assertEquals(List.of(), FakeConnector.leftoverContainers());
  }

  @Test
  void thePythonPackageServesTheSameTools() {
    Prerequisites.require(HostTools.fromEnvironment().find("python3").isPresent(), "python3");
    assertEquals(
        List.of("pets"),
        structured(
            ok(
                "list_source_streams",
                args("source_connector_name", "override_execution_mode", "python")),
            "result"));
    assertEquals(
        3,
        ((List<?>)
                structured(
                    ok(
                        "read_source_stream_records",
                        args(
                            "source_connector_name",
                            "stream_name",
                            "pets",
                            "override_execution_mode",
                            "python")),
                    "result"))
            .size());
  }

  @Test
  void aMissingImageIsAnErrorThatSaysSo() {
    Prerequisites.require(FakeConnector.dockerReachable(), "A Docker engine");
    // no secret: an image the registry does not name gets none (the pull fails before any config is
    // used)
    String image = FakeConnector.unpullableImage();
    String text =
        error(
            "list_source_streams",
            args("source_connector_name", "docker_image", image, "config", Map.of()));
    assertTrue(text.contains(image + " is not on this machine and could not be pulled"), text);
  }

  @Test
  void aConfigThatDoesNotFitTheSpecNamesTheField() {
    String text =
        error(
            "list_source_streams",
            args(
                "source_connector_name",
                "config",
                Map.of("api_key", "secret_reference::FAKE_API_KEY", "count", -1)));
    assertTrue(text.contains("/count"), text);
  }

  @Test
  void aConnectorCrashIsAnErrorWithItsMaskedOutput() {
    String text =
        error(
            "read_source_stream_records",
            args(
                "source_connector_name",
                "stream_name",
                "users",
                "config",
                Map.of("api_key", "secret_reference::FAKE_API_KEY", "mode", "crash")));
    assertTrue(text.contains("exit code 3") && text.contains("key=****"), text);
  }

  @Test
  void aTraceErrorIsAnErrorCarryingTheConnectorsMessage() {
    String text =
        error(
            "list_source_streams",
            args(
                "source_connector_name",
                "config",
                Map.of("api_key", "secret_reference::FAKE_API_KEY", "mode", "trace_error")));
    assertTrue(text.contains("The API rejected key ****"), text);
  }

  @Test
  void aHangingConnectorIsStoppedAtTheTimeout() {
    String text =
        error(
            "list_source_streams",
            args(
                "source_connector_name",
                "config",
                Map.of("api_key", "secret_reference::FAKE_API_KEY", "mode", "slow")));
    assertTrue(text.contains("did not finish within 8 s"), text);
  }

  @Test
  void anUnknownStreamIsAnErrorListingTheStreams() {
    String text =
        error(
            "get_source_stream_json_schema", args("source_connector_name", "stream_name", "nope"));
    assertTrue(text.contains("'nope' does not exist") && text.contains("users, orders"), text);
  }

  @Test
  void dockerDownIsAnErrorThatSaysHowToGoOn() throws IOException {
    Map<String, String> env = environment(workDir.resolve("nodocker"));
    env.put("DOCKER_HOST", "unix:///nonexistent/docker.sock");
    try (McpServerProcess noDocker =
        McpServerProcess.fromClasspath(env, workDir.resolve("nodocker"))) {
      noDocker.client.initialize();
      CallToolResult result =
          call(
              noDocker,
              "list_source_streams",
              args("source_connector_name", "override_execution_mode", "docker"));
      String text = text(result);
      assertTrue(Boolean.TRUE.equals(result.isError()), text);
      assertTrue(text.contains("Docker is not reachable at unix:///nonexistent/docker.sock"), text);
    }
  }
}
