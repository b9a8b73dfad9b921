package airbytemcp.declarative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.connectors.HostTools;
import airbytemcp.testing.RegistryFake;
import airbytemcp.testing.TestResolvers;
import airbytemcp.testing.ToolHarness;
import airbytemcp.tools.ToolResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every local source tool on a declarative connector run by the JVM runtime: by name (the manifest
 * downloaded from the registry CDN, here WireMock) and by manifest_path, with the project's fixture
 * manifest against the fixture API's recorded answers.
 */
class DeclarativeEveryLocalToolTest {
  @RegisterExtension final FakeApi api = new FakeApi();
  private final RegistryFake cdn = new RegistryFake();
  @TempDir Path workDir;
  private ToolHarness tools;

  @BeforeEach
  void start() throws Exception {
    cdn.serveManifest("source-fixture-declarative", Files.readString(FixtureManifests.manifest()));
    FixtureManifests.serveOpen(api.server);
    tools =
        new ToolHarness(
            workDir,
            Map.of(),
            HostTools.ofPath("/nonexistent"),
            TestResolvers.NO_DOCKER,
            new DeclarativeConnectorFactory(
                SharedManifests.loaderValidatingWhereAvailable(cdn), api.options()));
  }

  @AfterEach
  void stop() {
    cdn.close();
  }

  private Map<String, Object> args(String how, String nameArgument, Object... more) {
    Map<String, Object> args = new HashMap<>();
    args.put(nameArgument, "source-fixture-declarative");
    if (how.equals("by-name")) {
      args.put("override_execution_mode", "native");
    } else {
      args.put("manifest_path", FixtureManifests.manifest().toAbsolutePath().toString());
    }
    args.put("config", FixtureManifests.TOOL_CONFIG);
    for (int i = 0; i < more.length; i += 2) {
      args.put((String) more[i], more[i + 1]);
    }
    return args;
  }

  private JsonNode call(String tool, Map<String, Object> args) throws Exception {
    ToolResult result = tools.call(tool, args);
    assertFalse(result.isError(), tool + ": " + result.text());
    return Json.MAPPER.valueToTree(result.structured());
  }

  @ParameterizedTest
  @ValueSource(strings = {"by-name", "by-manifest-path"})
  void everyLocalSourceToolWorks(String how) throws Exception {
    JsonNode validation = call("validate_connector_config", args(how, "connector_name"));
    assertTrue(validation.toString().contains("true"), validation.toString());

    assertEquals(
        List.of("items", "notes"),
        Json.MAPPER.convertValue(
            call("list_source_streams", args(how, "source_connector_name")).path("result"),
            List.class));

    JsonNode schema =
        call(
            "get_source_stream_json_schema",
            args(how, "source_connector_name", "stream_name", "items"));
    assertTrue(schema.toString().contains("\"title\""), schema.toString());

    JsonNode records =
        call(
                "read_source_stream_records",
                args(how, "source_connector_name", "stream_name", "items"))
            .path("result");
    assertEquals(
        List.of("First item", "Third item"),
        List.of(records.get(0).path("title").asText(), records.get(1).path("title").asText()));

    JsonNode previews =
        call("get_stream_previews", args(how, "source_name", "streams", "*", "limit", 1));
    assertEquals(1, previews.path("items").size(), previews.toString());

    JsonNode sync =
        call(
            "sync_source_to_cache",
            args(how, "source_connector_name", "streams", List.of("items")));
    assertEquals(3, sync.path("records").asInt(), sync.toString());
  }
}
