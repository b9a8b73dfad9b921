package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import airbytemcp.common.Json;
import airbytemcp.connectors.HostTools;
import airbytemcp.testing.TestResolvers;
import airbytemcp.testing.ToolHarness;
import airbytemcp.tools.ToolResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local tools on declarative connectors given by manifest_path, run by the JVM runtime against fake
 * APIs.
 */
class DeclarativeToolsTest {
  @RegisterExtension final FakeApi api = new FakeApi();
  @TempDir Path workDir;

  private ToolHarness harness() {
    return new ToolHarness(
        workDir,
        Map.of(),
        HostTools.ofPath("/nonexistent"),
        TestResolvers.NO_DOCKER,
        new DeclarativeConnectorFactory(
            SharedManifests.loaderValidatingWhereAvailable(), api.options()));
  }

  private static JsonNode data(ToolResult result) {
    return Json.MAPPER.valueToTree(result.structured());
  }

  @Test
  void readSourceStreamRecordsRunsAManifestPath() throws Exception {
    FixtureManifests.serveOpen(api.server);
    ToolResult result =
        harness()
            .call(
                "read_source_stream_records",
                Map.of(
                    "source_connector_name",
                    "source-fixture-declarative",
                    "manifest_path",
                    FixtureManifests.manifest().toAbsolutePath().toString(),
                    "config",
                    FixtureManifests.TOOL_CONFIG,
                    "stream_name",
                    "items"));
    JsonNode records = data(result).path("result");
    assertEquals(
        List.of("First item", "Third item"),
        List.of(records.get(0).path("title").asText(), records.get(1).path("title").asText()));
  }

  private static String views(String day) {
    return "{\"items\": [{\"project\": \"en.wikipedia\", \"article\": \"Airbyte\", \"granularity\": \"daily\","
        + " \"timestamp\": \""
        + day
        + "00\", \"access\": \"all-access\", \"agent\": \"user\", \"views\": 7}]}";
  }

  @Test
  void syncSourceToCacheResumesFromTheSavedState() throws Exception {
    String base =
        "/api/rest_v1/metrics/pageviews/per-article/en.wikipedia/all-access/user/Airbyte/daily/";
    for (String day : List.of("20240101", "20240102", "20240103", "20240104")) {
      api.server.stubFor(get(base + day + "/" + day).willReturn(okJson(views(day))));
    }
    ToolHarness tools = harness();
    Map<String, Object> config =
        Map.of(
            "project",
            "en.wikipedia",
            "access",
            "all-access",
            "agent",
            "user",
            "article",
            "Airbyte",
            "start",
            "20240101",
            "end",
            "20240103",
            "country",
            "FR");
    Map<String, Object> args =
        new HashMap<>(
            Map.of(
                "source_connector_name",
                "source-wikipedia-pageviews",
                "manifest_path",
                SharedManifests.manifest("source-wikipedia-pageviews").toAbsolutePath().toString(),
                "config",
                config,
                "streams",
                List.of("per-article")));
    JsonNode first = data(tools.call("sync_source_to_cache", args));
    assertEquals(3, first.path("records").asInt(), first.toString());
    Map<String, Object> later = new HashMap<>(config);
    later.put("end", "20240104");
    args.put("config", later);
    JsonNode second = data(tools.call("sync_source_to_cache", args));
    assertEquals(2, second.path("records").asInt(), second.toString());
    api.server.verify(1, getRequestedFor(urlPathEqualTo(base + "20240101/20240101")));
    api.server.verify(1, getRequestedFor(urlPathEqualTo(base + "20240104/20240104")));
    assertFalse(
        second.toString().contains("error"), "did not expect error in: " + second.toString());
  }
}
