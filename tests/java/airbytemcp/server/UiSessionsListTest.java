package airbytemcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.config.Settings;
import airbytemcp.config.SettingsLoader;
import airbytemcp.config.Transport;
import airbytemcp.secrets.MaskerSeeds;
import airbytemcp.testing.HttpMcp;
import airbytemcp.testing.RawMcpSession;
import airbytemcp.testing.TestResources;
import airbytemcp.testing.TestSettings;
import airbytemcp.tools.Services;
import airbytemcp.tools.ToolDefinition;
import airbytemcp.tools.ToolTrait;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * UI and plain clients at once over Streamable HTTP, each asking tools/list right after initialize:
 * every UI client gets the whole list with the view tools, every plain client the list without
 * them, whatever the other sessions are doing.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class UiSessionsListTest {
  private static final int SESSIONS = 120;
  private static final int AT_ONCE = 6;

  @TempDir Path dir;

  @Test
  void eachSessionIsListedTheToolsItsOwnInitializeAskedFor() throws Exception {
    Settings settings =
        TestSettings.in(dir)
            .transport(Transport.HTTP)
            .env(
                SettingsLoader.LOCAL_REGISTRY,
                TestResources.resource("fake-connector/registry.json").toString())
            .load();
    Services services = Services.create(settings, MaskerSeeds.fromSettings(settings));
    Set<String> plain = new TreeSet<>();
    Set<String> withUi = new TreeSet<>();
    for (ToolDefinition tool : AirbyteMcpServer.offeredTools(services)) {
      if (tool.has(ToolTrait.UNLISTED)) {
        continue;
      }
      withUi.add(tool.name());
      if (!tool.has(ToolTrait.NEEDS_UI)) {
        plain.add(tool.name());
      }
    }
    assertTrue(withUi.size() > plain.size(), "the catalog has view tools: " + withUi);
    Queue<String> wrong = new ConcurrentLinkedQueue<>();
    try (HttpMcp server = HttpMcp.start(services)) {
      ExecutorService clients = Executors.newFixedThreadPool(AT_ONCE);
      try {
        List<Future<?>> sessions = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
          boolean ui = i % 2 == 0;
          sessions.add(
              clients.submit(
                  () -> {
                    RawMcpSession session =
                        ui
                            ? RawMcpSession.openWithUi(server.mcpUrl(), Map.of())
                            : RawMcpSession.open(server.mcpUrl(), Map.of());
                    Set<String> listed = new TreeSet<>();
                    for (JsonNode tool :
                        session.request("tools/list", Json.object()).path("result").path("tools")) {
                      listed.add(tool.path("name").asText());
                    }
                    Set<String> expected = ui ? withUi : plain;
                    if (!listed.equals(expected)) {
                      wrong.add(
                          (ui ? "UI" : "plain")
                              + " client listed "
                              + listed.size()
                              + ": "
                              + listed);
                    }
                  }));
        }
        for (Future<?> session : sessions) {
          session.get(4, TimeUnit.MINUTES);
        }
      } finally {
        clients.shutdownNow();
      }
    }
    assertEquals(List.of(), List.copyOf(wrong), wrong.size() + " of " + SESSIONS + " lists wrong");
  }
}
