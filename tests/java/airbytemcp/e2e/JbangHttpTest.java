package airbytemcp.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.testing.HttpServerProcess;
import airbytemcp.testing.RawMcpSession;
import airbytemcp.testing.TestResources;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jbang AirbyteMcp.java --http --port N}: the script serves Streamable HTTP with local tools
 * off.
 */
// Longer than the default timeout: the first JBang start compiles the script and resolves its
// dependencies.
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class JbangHttpTest {
  @TempDir Path dir;

  @Test
  void theJbangScriptServesStreamableHttpWithLocalToolsOff() {
    Map<String, String> env =
        Map.of(
            "AIRBYTE_PROJECT_DIR",
            dir.resolve("project").toString(),
            "AIRBYTE_LOCAL_REGISTRY",
            TestResources.resource("fake-connector/registry.json").toString());
    try (HttpServerProcess server = HttpServerProcess.viaJbang(env, dir)) {
      assertTrue(server.healthy());
      RawMcpSession session = RawMcpSession.open(server.mcpUrl(), Map.of());
      List<String> tools = new ArrayList<>();
      session
          .request("tools/list", Json.object())
          .path("result")
          .path("tools")
          .forEach(t -> tools.add(t.path("name").asText()));
      assertTrue(
          tools.contains("list_connectors") && tools.contains("run_cloud_sync"), tools.toString());
      assertFalse(tools.contains("list_source_streams"), "local tools are off over HTTP: " + tools);
      JsonNode answer =
          session.callTool("list_connectors", Json.object().put("keyword_filter", "fake"));
      assertTrue(answer.toString().contains("source-fake"), answer.toString());
      assertTrue(server.log().contains("Streamable HTTP"), server.log());
    }
  }
}
