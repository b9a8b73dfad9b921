package airbytemcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.testing.ChildProcess;
import airbytemcp.testing.SharedData;
import airbytemcp.testing.TestResources;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, run as a process: flags that print and exit, and start-up errors. */
class LauncherTest {
  @TempDir Path dir;

  private record Run(int code, String stdout, String stderr) {}

  private Run run(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "airbytemcp.server.Launcher"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("AIRBYTE_PROJECT_DIR", dir.resolve("project").toString());
    pb.environment().putAll(env);
    ChildProcess.Result result = ChildProcess.run(Duration.ofMinutes(2), pb);
    assertFalse(
        result.timedOut(), "the launcher did not exit within 2 minutes: " + result.output());
    return new Run(result.code(), result.stdout(), result.stderr());
  }

  @Test
  void helpPrintsUsageAndExitsZero() throws Exception {
    Run r = run(Map.of(), "--help");
    assertEquals(0, r.code());
    assertTrue(
        r.stdout().contains("--list-tools"), "expected " + "--list-tools" + " in: " + r.stdout());
  }

  @Test
  void checkManifestsPrintsAVerdictPerManifestAndTheTotal() throws Exception {
    Path shared = SharedData.airbyte("manifests");
    Run r =
        run(
            Map.of(
                "AIRBYTE_DECLARATIVE_SCHEMA",
                shared.resolveSibling("declarative_component_schema.yaml").toString()),
            "--check-manifests",
            shared.toString());
    assertTrue(r.stdout().strip().endsWith("manifests ok: 13/14"), r.stdout() + r.stderr());
    assertTrue(
        r.stdout()
            .lines()
            .anyMatch(
                l -> l.startsWith("custom-components") && l.contains("source-the-guardian-api")),
        r.stdout());
    assertEquals(1, r.code());
  }

  @Test
  void checkManifestsNamesTheManifestsThatNeedCustomComponents() throws Exception {
    Path fixtures = TestResources.resource("declarative");
    Run r =
        run(
            Map.of("AIRBYTE_DECLARATIVE_SCHEMA", dir.resolve("no-schema.yaml").toString()),
            "--check-manifests",
            fixtures.toString());
    assertTrue(r.stdout().strip().endsWith("manifests ok: 1/2"), r.stdout() + r.stderr());
    assertTrue(
        r.stdout()
            .lines()
            .anyMatch(
                l -> l.startsWith("custom-components") && l.contains("source-fixture-custom")),
        r.stdout());
    assertEquals(1, r.code());
  }

  @Test
  void versionPrintsTheVersion() throws Exception {
    Run r = run(Map.of(), "--version");
    assertEquals(0, r.code());
    assertTrue(r.stdout().startsWith("airbyte-mcp "));
  }

  @Test
  void listToolsPrintsEveryToolWithDomainKindAndOfferedColumns() throws Exception {
    Run r = run(Map.of("AIRBYTE_MCP_DOMAINS", "registry"), "--list-tools");
    assertEquals(0, r.code());
    assertTrue(r.stdout().startsWith("TOOL"));
    String listConnectors =
        r.stdout().lines().filter(l -> l.startsWith("list_connectors ")).findFirst().orElseThrow();
    assertTrue(
        listConnectors.matches("list_connectors\\s+registry\\s+read-only\\s+yes\\s+List .*"),
        listConnectors);
    String dotenv =
        r.stdout()
            .lines()
            .filter(l -> l.startsWith("list_dotenv_secrets "))
            .findFirst()
            .orElseThrow();
    assertTrue(dotenv.matches("list_dotenv_secrets\\s+local\\s+read-only\\s+no\\s+.*"), dotenv);
  }

  @Test
  void aBadSettingStopsStartUpNamingTheVariable() throws Exception {
    Run r = run(Map.of("AIRBYTE_PROJECT_DIR", "relative/path"));
    assertEquals(2, r.code());
    assertTrue(r.stderr().contains("AIRBYTE_PROJECT_DIR"), r.stderr());
    assertEquals("", r.stdout());
  }

  @Test
  void unknownOptionsAreRefused() throws Exception {
    Run r = run(Map.of(), "--frobnicate");
    assertEquals(2, r.code());
    assertTrue(
        r.stderr().contains("--frobnicate"), "expected " + "--frobnicate" + " in: " + r.stderr());
  }
}
