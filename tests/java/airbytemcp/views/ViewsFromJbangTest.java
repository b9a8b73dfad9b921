package airbytemcp.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import airbytemcp.config.SettingsLoader;
import airbytemcp.testing.McpServerProcess;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkout run with {@code jbang AirbyteMcp.java} finds the views' asset files (through the
 * script's //FILES) and serves the very pages the Maven build makes from them.
 */
// The first JBang start compiles the script.
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ViewsFromJbangTest {
  @TempDir Path dir;

  @Test
  void theServerRunByJbangServesEachOfferedViewAsTheMavenBuildRendersIt() throws Exception {
    Map<String, String> env = Map.of(SettingsLoader.PROJECT_DIR, dir.resolve("project").toString());
    try (McpServerProcess server = McpServerProcess.viaJbang(env, dir)) {
      server.client.initialize();
      List<String> offered =
          server.client.listResources().resources().stream()
              .map(McpSchema.Resource::uri)
              .filter(u -> u.startsWith("ui://"))
              .sorted()
              .toList();
      assertFalse(offered.isEmpty(), "the JBang-run server offers no ui:// view");
      for (String uri : offered) {
        UiView view =
            Arrays.stream(UiView.values())
                .filter(v -> v.uri().equals(uri))
                .findFirst()
                .orElseThrow();
        McpSchema.ReadResourceResult read =
            server.client.readResource(new McpSchema.ReadResourceRequest(uri));
        String html = ((McpSchema.TextResourceContents) read.contents().get(0)).text();
        assertEquals(
            view.html(), html, uri + " served by JBang differs from the Maven build's page");
      }
    }
  }
}
