package airbytemcp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.connectors.ConnectorError;
import airbytemcp.connectors.DockerEngine;
import airbytemcp.testing.McpServerProcess;
import airbytemcp.testing.Prerequisites;
import airbytemcp.testing.TestContainers;
import airbytemcp.testing.TestResources;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testcontainers.images.RemoteDockerImage;
import org.testcontainers.utility.DockerImageName;

/**
 * Real Airbyte connector images, pulled by Testcontainers and run through the MCP tools over stdio,
 * as an agent would. Opt-in ({@code make test-real-images}): it needs a registry, so {@code make
 * test} leaves it out. Each image runs at its latest tag and at one pinned version. What is
 * asserted is the images' documented behaviour: source-faker makes up {@code count} users (streams
 * users, products, purchases) from a seed, without network; destination-duckdb writes each stream
 * to a table of a DuckDB file.
 */
@Tag("real-images")
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class RealAirbyteImagesTest {
  static final String FAKER = "airbyte/source-faker";
  static final String DUCKDB = "airbyte/destination-duckdb";

  @TempDir static Path dir;
  static McpServerProcess server;

  @BeforeAll
  static void start() {
    // First whether a registry answers, through the engine itself: Testcontainers would otherwise
    // start by pulling
    // Ryuk and report a missing registry as a missing engine.
    DockerEngine engine = DockerEngine.fromEnvironment();
    Prerequisites.require(
        engine.isReachable(), "A Docker engine (DOCKER_HOST, else /var/run/docker.sock)");
    try {
      engine.ensureImage(FAKER + ":latest", Duration.ofMinutes(5));
    } catch (ConnectorError e) {
      Prerequisites.require(
          false,
          "A registry to pull Airbyte's images from (make test-real-images pulls "
              + FAKER
              + " and "
              + DUCKDB
              + " from Docker Hub): "
              + e.getMessage());
    }
    TestContainers.requireDocker();
    Map<String, String> env = new HashMap<>();
    env.put("AIRBYTE_PROJECT_DIR", dir.resolve("project").toString());
    // the project's registry names both connectors; the image of each call is given explicitly
    env.put("AIRBYTE_LOCAL_REGISTRY", TestResources.registry().toString());
    env.put("AIRBYTE_MCP_DOCKER_NETWORK", "none");
    server = McpServerProcess.fromClasspath(env, dir);
    server.client.initialize();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  /**
   * Pulls the image through Testcontainers; without a reachable registry the test is skipped
   * (failed in CI).
   */
  static String pulled(String image) {
    try {
      new RemoteDockerImage(DockerImageName.parse(image)).get();
    } catch (RuntimeException e) {
      Prerequisites.require(
          false,
          "A registry to pull "
              + image
              + " from (make test-real-images needs Docker Hub;"
              + " pulling failed: "
              + e.getMessage()
              + ")");
    }
    return image;
  }

  static Map<String, Object> fakerArgs(String image, Object... more) {
    Map<String, Object> args = new HashMap<>();
    args.put("source_connector_name", "source-faker");
    args.put("docker_image", image);
    args.put("config", Map.of("count", 20, "seed", 7));
    for (int i = 0; i < more.length; i += 2) {
      args.put((String) more[i], more[i + 1]);
    }
    return args;
  }

  static CallToolResult call(String tool, Map<String, Object> args) {
    return server.client.callTool(new McpSchema.CallToolRequest(tool, args));
  }

  static String text(CallToolResult result) {
    return result.content().stream()
        .map(c -> c instanceof McpSchema.TextContent t ? t.text() : c.toString())
        .collect(Collectors.joining("\n"));
  }

  @SuppressWarnings("unchecked")
  static <T> T field(CallToolResult result, String name) {
    assertFalse(Boolean.TRUE.equals(result.isError()), text(result));
    return (T) ((Map<String, Object>) result.structuredContent()).get(name);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {FAKER + ":latest", FAKER + ":6.2.24"})
  void sourceFakerSpecRejectsAConfigThatDoesNotFitIt(String tag) {
    String image = pulled(tag);
    Map<String, Object> args = fakerArgs(image);
    args.put("connector_name", "source-faker");
    args.remove("source_connector_name");
    args.put("config", Map.of("count", "many"));
    CallToolResult result = call("validate_connector_config", args);
    assertEquals(
        false, field(result, "valid"), "the spec says count is an integer: " + text(result));
    assertTrue(String.valueOf(field(result, "message")).contains("count"), text(result));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {FAKER + ":latest", FAKER + ":6.2.24"})
  void sourceFakerCheckAcceptsItsDocumentedConfig(String tag) {
    Map<String, Object> args = fakerArgs(pulled(tag));
    args.put("connector_name", "source-faker");
    args.remove("source_connector_name");
    CallToolResult result = call("validate_connector_config", args);
    assertEquals(true, field(result, "valid"), text(result));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {FAKER + ":latest", FAKER + ":6.2.24"})
  void sourceFakerDiscoversUsersProductsAndPurchases(String tag) {
    List<String> streams = field(call("list_source_streams", fakerArgs(pulled(tag))), "result");
    assertTrue(
        streams.containsAll(List.of("users", "products", "purchases")), "streams: " + streams);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {FAKER + ":latest", FAKER + ":6.2.24"})
  void sourceFakerReadsAsManyUsersAsAsked(String tag) {
    List<?> records =
        field(
            call(
                "read_source_stream_records",
                fakerArgs(pulled(tag), "stream_name", "users", "max_records", 5)),
            "result");
    assertEquals(5, records.size(), "records: " + records);
    assertTrue(records.get(0).toString().contains("id"), "a user has an id: " + records.get(0));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {FAKER + ":latest", FAKER + ":6.2.24"})
  void sourceFakerSyncsItsUsersIntoTheCache(String tag) {
    CallToolResult result =
        call("sync_source_to_cache", fakerArgs(pulled(tag), "streams", List.of("users")));
    List<Map<String, Object>> streams = field(result, "streams");
    assertEquals(1, streams.size(), text(result));
    assertEquals("users", streams.get(0).get("stream_name"));
    assertEquals(
        20,
        ((Number) streams.get(0).get("rows_in_table")).intValue(),
        "count=20 users: " + text(result));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {DUCKDB + ":latest", DUCKDB + ":0.6.0"})
  void destinationDuckdbPassesTheFastSmokeTest(String tag) {
    Map<String, Object> args = new HashMap<>();
    args.put("destination_connector_name", "destination-duckdb");
    args.put("docker_image", pulled(tag));
    args.put("config", Map.of("destination_path", "/tmp/smoke.duckdb"));
    args.put("scenarios", "fast");
    CallToolResult result = call("destination_smoke_test", args);
    assertEquals(true, field(result, "success"), text(result));
    assertTrue(((Number) field(result, "records_delivered")).intValue() > 0, text(result));
  }
}
