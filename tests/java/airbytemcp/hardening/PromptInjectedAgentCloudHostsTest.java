package airbytemcp.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.hardening.InjectedAgentWorld.Answer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connector Airbyte runs builds its URL from the config as a local one does ({@code ${domain}} in
 * its registry entry's {@code allowedHosts}, as Jira's is). A prompt-injected agent deploys it with
 * {@code domain} set to a host of its own beside a {@code secret_reference::}, or points a deployed
 * one, which keeps its stored token, at such a host (or leaves a draft pointed there for a person
 * to enter the token in): Airbyte would then send the token there. All are refused before anything
 * is written to Airbyte, unless the user listed the host.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PromptInjectedAgentCloudHostsTest {
  private static final String CONNECTOR = "source-jiralike";
  private static final String DEFINITION = "00000000-0000-4000-8000-0000000000d5";

  /** A deployed source made from source-jiralike. */
  private static final String DEPLOYED = "88888888-8888-4888-8888-888888888888";

  private static final String REF = "secret_reference::FAKE_API_KEY";
  private static final String LISTED = "jira.mine.example";

  @TempDir static Path dir;
  static InjectedAgentWorld world;

  @BeforeAll
  static void start() throws IOException {
    world =
        new InjectedAgentWorld(dir.resolve("cloud-hosts"))
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
            .with("AIRBYTE_MCP_EGRESS_HOSTS", LISTED)
            .start();
    world.deployedSource("jira-source", DEPLOYED, DEFINITION);
  }

  @AfterAll
  static void stop() {
    if (world != null) {
      world.close();
    }
  }

  @BeforeEach
  void forgetEarlierRequests() {
    world.airbyte.server.resetRequests();
  }

  private static Answer deploy(String domain) {
    return world.call(
        "deploy_source_to_cloud",
        Map.of(
            "source_name",
            "jira",
            "source_connector_name",
            CONNECTOR,
            "config",
            Map.of("domain", domain, "api_token", REF)));
  }

  /** A config update of the deployed source. */
  private static Answer update(Map<String, ?> config) {
    return world.call(
        "update_cloud_source_config", Map.of("source_id", DEPLOYED, "config", config));
  }

  private static void refusedNaming(Answer answer, String host) {
    assertTrue(answer.isError(), "expected a refusal: " + answer.text());
    assertTrue(
        answer.text().contains(host) && answer.text().contains("AIRBYTE_MCP_EGRESS_HOSTS"),
        "the refusal names the host and what the user can do: " + answer.text());
    assertNull(answer.leak(), answer.text());
    assertEquals(0, world.writesToAirbyte(), "nothing may be written to Airbyte");
  }

  @Test
  void aDeployDoesNotPairTheSecretWithAHostTheCallChose() {
    refusedNaming(deploy("collector.example.com"), "collector.example.com");
  }

  @Test
  void aDraftForAPersonToFillIsNotPointedAtAHostTheCallChose() {
    Answer answer =
        world.call(
            "deploy_connector_to_cloud",
            Map.of(
                "name",
                "jira-draft",
                "connector_name",
                CONNECTOR,
                "defer_credentials",
                true,
                "config",
                Map.of("domain", "collector.example.com")));
    refusedNaming(answer, "collector.example.com");
  }

  @Test
  void aDeployToAHostTheUserListedGoesThrough() {
    Answer answer = deploy(LISTED);
    assertFalse(answer.isError(), answer.text());
    assertNull(answer.leak(), answer.text());
    assertEquals(1, world.writesToAirbyte(), "the source was created");
  }

  @Test
  void aDeployedSourceIsNotPointedAtAHostTheCallChoseEvenWithoutASecretInTheCall() {
    Answer answer = update(Map.of("domain", "collector.example.com"));
    refusedNaming(answer, "collector.example.com");
  }

  @Test
  void aDeployedSourceMovesToAHostTheUserListed() {
    Answer answer = update(Map.of("domain", LISTED));
    assertFalse(answer.isError(), answer.text());
    assertEquals(1, world.writesToAirbyte(), "the config was updated");
  }

  @Test
  void aConfigUpdateThatNamesNoHostGoesThrough() {
    Answer answer = update(Map.of("api_token", REF));
    assertFalse(answer.isError(), answer.text());
    assertNull(answer.leak(), answer.text());
    assertEquals(1, world.writesToAirbyte(), "the config was updated");
  }

  @Test
  void aHostTheAgentGotMaskedIsStillTheCallsChoice() {
    // a literal in a secret field is masked from then on like a secret, whatever the call's fate
    world.call(
        "deploy_source_to_cloud",
        Map.of(
            "source_name",
            "teach",
            "source_connector_name",
            CONNECTOR,
            "config",
            Map.of("domain", "other.example.com", "api_token", "taught.example.com")));
    world.airbyte.server.resetRequests();
    Answer answer = deploy("taught.example.com");
    assertTrue(answer.isError(), "expected a refusal: " + answer.text());
    assertNull(answer.leak(), answer.text());
    assertEquals(0, world.writesToAirbyte(), "the user's secret went to the agent's host");
  }

  @Test
  void aHostAroundTheUsersOwnValueIsStillTheCallsChoice() {
    Answer answer = deploy("collector.example.com/#" + InjectedAgentWorld.DOTENV_KEY);
    assertTrue(answer.isError(), "expected a refusal: " + answer.text());
    assertNull(answer.leak(), answer.text());
    assertEquals(0, world.writesToAirbyte(), "nothing may be written to Airbyte");
  }
}
