package airbytemcp.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import airbytemcp.hardening.InjectedAgentWorld.Answer;
import airbytemcp.testing.FakeConnector;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A prompt-injected agent asks for a Cloud draft "without credentials" but puts a secret reference
 * in a field the spec does not mark secret. The draft promises that no secret reaches Airbyte; the
 * fake Airbyte must not receive the dotenv value (Airbyte would store it as a plain, non-secret
 * field, shown to every workspace member and returned by its API).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PromptInjectedAgentCloudFieldsTest {
  @TempDir static Path dir;
  static InjectedAgentWorld world;

  @BeforeAll
  static void start() {
    world = new InjectedAgentWorld(dir.resolve("cloud-fields")).start();
  }

  @AfterAll
  static void stop() {
    if (world != null) {
      world.close();
    }
  }

  private static String sentToAirbyte() {
    return world.airbyte.server.getAllServeEvents().stream()
        .map(e -> e.getRequest().getUrl() + " " + e.getRequest().getBodyAsString())
        .toList()
        .toString();
  }

  @Test
  void aDraftWithoutCredentialsSendsNoSecretInAnotherField() {
    Answer answer =
        world.call(
            "deploy_connector_to_cloud",
            Map.of(
                "name",
                "draft",
                "connector_name",
                FakeConnector.NAME,
                "defer_credentials",
                true,
                "config",
                Map.of("mode", "secret_reference::FAKE_API_KEY")));
    assertNull(answer.leak(), answer.text());
    String sent = sentToAirbyte();
    assertEquals(
        null,
        InjectedAgentWorld.leakIn(sent),
        "the dotenv secret reached Airbyte in a non-secret field: " + sent + "\nanswer: " + answer.text());
  }

  // Fails on the current code (audit-a report, finding 3): references resolve into any field, spec or no spec.
  @org.junit.jupiter.api.Disabled("open: a full deploy resolves secret references in any field")
  @Test
  void aFullDeployPutsNoSecretInAFieldTheSpecDoesNotMarkSecret() {
    Answer answer =
        world.call(
            "deploy_source_to_cloud",
            Map.of(
                "source_name",
                "plain-field",
                "source_connector_name",
                FakeConnector.NAME,
                "config",
                Map.of("api_key", "secret_reference::FAKE_API_KEY", "mode", "secret_reference::FAKE_API_KEY")));
    assertNull(answer.leak(), answer.text());
    String sent = sentToAirbyte();
    for (String line : List.of(sent)) {
      // the api_key field is secret and may carry the value; "mode" is not and must not
      assertEquals(
          false,
          line.matches("(?s).*\"mode\"\\s*:\\s*\"" + InjectedAgentWorld.DOTENV_KEY + "\".*"),
          "the dotenv secret reached Airbyte in the non-secret field 'mode': " + sent + "\nanswer: " + answer.text());
    }
  }
}
