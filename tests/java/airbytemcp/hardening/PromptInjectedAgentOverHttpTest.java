package airbytemcp.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * The prompt-injected agent's attacks of the stdio suites (PromptInjectedAgent*Test), replayed over
 * Streamable HTTP with trusted execution on: files are not read out, secret references stay scoped,
 * and tools on the PATH never run as connectors. Nothing secret reaches an answer, the log or
 * Airbyte.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PromptInjectedAgentOverHttpTest {
  @TempDir static Path dir;
  static InjectedAgentWorld world;

  @BeforeAll
  static void start() {
    world = new InjectedAgentWorld(dir).startOverHttp();
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

  private static void assertRefused(Answer answer, String what, String reason) {
    assertTrue(
        answer.isError() || answer.text().contains("\"valid\":false"),
        what + " was accepted over HTTP: " + answer.text());
    assertFalse(
        answer.text().contains("input validation failed"),
        what + " never reached the tool: " + answer.text());
    assertTrue(
        answer.text().contains(reason), what + " was refused for another reason: " + answer.text());
    assertNull(answer.leak(), what + " leaked " + answer.leak());
  }

  @Test
  void filesAreNotReadOutThroughAnyFileArgument() {
    for (String path :
        List.of(
            world.dotenv.toString(),
            "/etc/passwd",
            "/proc/self/environ",
            "/dev/zero",
            world.sshKey.toString())) {
      for (String argument : List.of("manifest_path", "config_file", "config")) {
        assertRefused(
            world.call(
                "validate_connector_config",
                args("connector_name", FakeConnector.NAME, argument, path)),
            argument + "=" + path,
            "cannot be used: the file may not exist or may not be readable");
      }
    }
  }

  @Test
  void aFilePublishedAsTheManifestNeverReachesAirbyte() {
    long before = world.airbyteRequestsTo("declarative_sources");
    for (String path : List.of(world.dotenv.toString(), "/etc/passwd", world.sshKey.toString())) {
      Answer answer =
          world.call(
              "publish_custom_source_definition",
              args("name", "innocent", "manifest_yaml", path, "pre_validate", false));
      assertTrue(
          answer.isError(), "manifest_yaml=" + path + " was published over HTTP: " + answer.text());
      assertNull(answer.leak(), "manifest_yaml=" + path + " leaked " + answer.leak());
    }
    assertEquals(
        before,
        world.airbyteRequestsTo("declarative_sources"),
        "no manifest reached Airbyte over HTTP");
  }

  @Test
  void theServersOwnSecretsAndUnlistedProcessVariablesNeverResolve() {
    for (String name : List.of("AIRBYTE_CLOUD_CLIENT_SECRET", "AIRBYTE_CLOUD_CLIENT_ID")) {
      assertRefused(
          world.call(
              "validate_connector_config",
              args(
                  "connector_name",
                  FakeConnector.NAME,
                  "config",
                  Map.of("api_key", "secret_reference::" + name))),
          "secret_reference::" + name,
          "own settings or credentials");
    }
    Answer unlisted =
        world.call(
            "validate_connector_config",
            args(
                "connector_name",
                FakeConnector.NAME,
                "config",
                Map.of("api_key", "secret_reference::PROCESS_ONLY_TOKEN")));
    assertTrue(
        unlisted.isError() || unlisted.text().contains("\"valid\":false"),
        "an unlisted process variable resolved over HTTP: " + unlisted.text());
    assertNull(unlisted.leak(), "PROCESS_ONLY_TOKEN leaked " + unlisted.leak());
  }

  @Test
  void aManifestAimedAtACloudMetadataHostIsRefusedBeforeAnyRequest() throws Exception {
    Path manifest =
        EgressAndCacheSecretsTest.writeManifest(
            dir, "metadata.yaml", "http://169.254.169.254/latest/meta-data");
    // no secret field: the attack here is where the request goes, not what it carries
    Files.writeString(
        manifest,
        Files.readString(manifest).replace("airbyte_secret: true", "airbyte_secret: false"));
    Answer answer =
        world.call(
            "read_source_stream_records",
            args(
                "source_connector_name",
                "source-echo",
                "manifest_path",
                manifest.toString(),
                "config",
                Map.of("api_key", "not-a-secret"),
                "stream_name",
                "echoes"));
    assertRefused(answer, "a read aimed at the metadata address", "169.254.169.254");
    assertTrue(
        answer.text().contains("not sent") || answer.text().contains("refused"),
        "the refusal says the request was not sent: " + answer.text());
  }

  @Test
  void toolsOnThePathNeverRunAsConnectors() {
    for (String tool : List.of("npx", "uname", "python3")) {
      Answer answer =
          world.call(
              "list_source_streams",
              args("source_connector_name", tool, "override_execution_mode", "local"));
      assertRefused(answer, tool + " as a connector", "not a connector name");
      assertFalse(world.ran(tool), tool + " was run by the HTTP server");
    }
  }
}
