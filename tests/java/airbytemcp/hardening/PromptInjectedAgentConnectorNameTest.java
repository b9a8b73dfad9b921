package airbytemcp.hardening;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.hardening.InjectedAgentWorld.Answer;
import airbytemcp.testing.FakeConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A prompt-injected agent on stdio names well-known tools as connectors (npx, which would fetch a
 * package from npm; uname; yes; python3; node) and asks Python mode to install a package the
 * registry does not name. The PATH holds programs of those names that only leave a mark: none may
 * run, and no installer may start.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PromptInjectedAgentConnectorNameTest {
  @TempDir static Path dir;
  static InjectedAgentWorld world;

  @BeforeAll
  static void start() {
    world = new InjectedAgentWorld(dir.resolve("strict")).start();
  }

  @AfterAll
  static void stop() {
    if (world != null) {
      world.assertNothingLeaked();
      world.close();
    }
  }

  private static Map<String, Object> args(Object... pairs) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  private static void assertRefused(Answer answer, String what) {
    assertTrue(
        answer.isError() || answer.text().contains("\"valid\":false"),
        what + " was accepted: " + answer.text());
    assertFalse(
        answer.text().contains("input validation failed"),
        what + " never reached the tool: " + answer.text());
    assertNull(answer.leak(), what + " leaked " + answer.leak());
  }

  @Test
  void wellKnownToolsOnThePathNeverRunAsConnectors() {
    for (String tool : List.of("npx", "uname", "yes", "python3", "node")) {
      for (String mode : List.of("auto", "local")) {
        assertRefused(
            world.call(
                "validate_connector_config",
                args("connector_name", tool, "override_execution_mode", mode)),
            tool + " in " + mode + " mode");
        assertRefused(
            world.call(
                "list_source_streams",
                args("source_connector_name", tool, "override_execution_mode", mode)),
            "list_source_streams of " + tool + " in " + mode + " mode");
      }
      Answer local =
          world.call(
              "list_source_streams",
              args("source_connector_name", tool, "override_execution_mode", "local"));
      assertTrue(local.text().contains("not a connector name"), tool + ": " + local.text());
      assertFalse(world.ran(tool), tool + " was run");
    }
  }

  @Test
  void pythonModeInstallsNothingTheRegistryDoesNotName() {
    Answer answer =
        world.call(
            "list_source_streams",
            args("source_connector_name", "source-notlisted", "override_execution_mode", "python"));
    assertRefused(answer, "python mode for an unlisted connector");
    assertTrue(answer.text().contains("AIRBYTE_MCP_PYTHON_PACKAGES"), answer.text());
    assertFalse(world.ran("uv") || world.ran("python3"), "an installer was started");
    assertFalse(
        Files.exists(world.dir.resolve("project/.venv-source-notlisted")), "a venv was made");
  }

  @Test
  void aConnectorNamedProgramStillRuns() {
    Answer answer =
        world.call(
            "validate_connector_config",
            args(
                "connector_name",
                FakeConnector.NAME,
                "override_execution_mode",
                "local",
                "config",
                Map.of("api_key", "secret_reference::FAKE_API_KEY")));
    assertTrue(answer.text().contains("\"valid\":true"), answer.text());
  }

  @Test
  void aPackageTheUserListedMayBeInstalled() {
    try (InjectedAgentWorld listing =
        new InjectedAgentWorld(dir.resolve("listing"))
            .with("AIRBYTE_MCP_PYTHON_PACKAGES", "airbyte-source-notlisted")
            .start()) {
      Answer answer =
          listing.call(
              "list_source_streams",
              args(
                  "source_connector_name",
                  "source-notlisted",
                  "override_execution_mode",
                  "python"));
      assertTrue(answer.isError(), "the fake installer fails: " + answer.text());
      assertTrue(
          listing.ran("uv") || listing.ran("python3"),
          "the installer was started for a listed package, "
              + "so the refusal above is the gate: "
              + answer.text());
    }
  }
}
