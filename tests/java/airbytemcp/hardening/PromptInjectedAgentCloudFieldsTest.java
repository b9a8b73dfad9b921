package airbytemcp.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.cloud.FakeAirbyte;
import airbytemcp.common.Json;
import airbytemcp.hardening.InjectedAgentWorld.Answer;
import airbytemcp.testing.FakeConnector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A prompt-injected agent puts a secret reference in a config field the connector's spec does not
 * mark secret. Airbyte would store the resolved value as a plain field, shown to every workspace
 * member and returned by its API, so the fake Airbyte must never receive the dotenv value there:
 * deploys (full and deferred) and config updates refuse such references, and refuse every reference
 * when no spec is known for the connector. A reference in a field the spec marks secret still
 * deploys.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PromptInjectedAgentCloudFieldsTest {
  /** The definition id the fake Airbyte's deployed source names: source-fake, spec known. */
  private static final String WITH_SPEC_DEFINITION = FakeAirbyte.SOURCE_DEFINITION;

  private static final String NO_SPEC_CONNECTOR = "source-nospec";
  private static final String NO_SPEC_DEFINITION = "00000000-0000-4000-8000-0000000000aa";

  /** A deployed source made from source-nospec. */
  private static final String NO_SPEC_SOURCE = "99999999-9999-4999-8999-999999999999";

  private static final String REF = "secret_reference::FAKE_API_KEY";

  /** A connector whose spec has an {@code api_key} field that is not marked secret. */
  private static final String PLAIN_CONNECTOR = "source-plain";

  /** The dotenv's whole-config secret: {@code {"api_key": DOTENV_KEY}}. */
  private static final String WHOLE_CONFIG = "SOURCE_FAKE_CONFIG";

  @TempDir static Path dir;
  static InjectedAgentWorld world;

  @BeforeAll
  static void start() throws IOException {
    // source-fake with a spec in its registry entry (api_key secret at the top, client_secret in a
    // oneOf branch, value in array items; mode and the rest plain), source-nospec without one
    world =
        new InjectedAgentWorld(dir.resolve("cloud-fields"))
            .withRegistry(
                """
                {"sources": [
                  {"sourceDefinitionId": "%s", "name": "Fake", "dockerRepository": "airbyte/source-fake",
                   "dockerImageTag": "0.1.0", "language": "python",
                   "remoteRegistries": {"pypi": {"enabled": true, "packageName": "airbyte-source-fake"}},
                   "spec": {"connectionSpecification": {"type": "object", "properties": {
                     "api_key": {"type": "string", "airbyte_secret": true},
                     "mode": {"type": "string"},
                     "credentials": {"type": "object", "oneOf": [
                       {"properties": {"auth_type": {"const": "oauth"},
                                       "client_id": {"type": "string"},
                                       "client_secret": {"type": "string", "airbyte_secret": true}}},
                       {"properties": {"auth_type": {"const": "none"}}}]},
                     "headers": {"type": "array", "items": {"type": "object", "properties": {
                       "name": {"type": "string"}, "value": {"type": "string", "airbyte_secret": true}}}}}}}},
                  {"sourceDefinitionId": "%s", "name": "No spec", "dockerRepository": "airbyte/%s",
                   "dockerImageTag": "1.0.0", "language": "python"},
                  {"sourceDefinitionId": "00000000-0000-4000-8000-0000000000bb", "name": "Plain",
                   "dockerRepository": "airbyte/%s", "dockerImageTag": "1.0.0", "language": "python",
                   "spec": {"connectionSpecification": {"type": "object", "properties": {
                     "api_key": {"type": "string", "description": "stored as plain text"}}}}}],
                 "destinations": []}
                """
                    .formatted(
                        WITH_SPEC_DEFINITION,
                        NO_SPEC_DEFINITION,
                        NO_SPEC_CONNECTOR,
                        PLAIN_CONNECTOR))
            .start();
    world.deployedSource("no-spec-source", NO_SPEC_SOURCE, NO_SPEC_DEFINITION);
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

  /** What Airbyte received, but for the token request (which carries the Cloud credentials). */
  private static String sentToAirbyte() {
    return world.airbyte.server.getAllServeEvents().stream()
        .filter(e -> !e.getRequest().getUrl().contains("/applications/token"))
        .map(e -> e.getRequest().getUrl() + " " + e.getRequest().getBodyAsString())
        .toList()
        .toString();
  }

  /** Refused naming the fields, never the value, and nothing written to Airbyte. */
  private static void refusedNaming(Answer answer, List<String> fields) {
    assertTrue(answer.isError(), answer.text());
    assertNull(answer.leak(), answer.text());
    for (String field : fields) {
      assertTrue(answer.text().contains(field), "expected '" + field + "' in: " + answer.text());
    }
    assertEquals(
        0, world.writesToAirbyte(), "nothing may be written to Airbyte: " + sentToAirbyte());
    assertNull(InjectedAgentWorld.leakIn(sentToAirbyte()), sentToAirbyte());
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
        "the dotenv secret reached Airbyte in a non-secret field: "
            + sent
            + "\nanswer: "
            + answer.text());
    refusedNaming(answer, List.of("mode"));
  }

  // Failed before the fix (audit-a report, finding 3): references resolved into any field.
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
                Map.of("api_key", REF, "mode", REF)));
    assertNull(answer.leak(), answer.text());
    String sent = sentToAirbyte();
    for (String line : List.of(sent)) {
      // the api_key field is secret and may carry the value; "mode" is not and must not
      assertEquals(
          false,
          line.matches("(?s).*\"mode\"\\s*:\\s*\"" + InjectedAgentWorld.DOTENV_KEY + "\".*"),
          "the dotenv secret reached Airbyte in the non-secret field 'mode': "
              + sent
              + "\nanswer: "
              + answer.text());
    }
    refusedNaming(answer, List.of("mode", "airbyte_secret"));
    assertFalse(answer.text().contains("api_key"), "api_key is a secret field: " + answer.text());
  }

  @Test
  void aFieldNamedLikeASecretFieldElsewhereInTheSpecIsNoSecretField() {
    // client_secret is secret in a oneOf branch of credentials, not at the top; value only in
    // headers
    Answer answer =
        world.call(
            "deploy_connector_to_cloud",
            Map.of(
                "name",
                "look-alike",
                "connector_name",
                FakeConnector.NAME,
                "config",
                Map.of(
                    "client_secret",
                    REF,
                    "credentials",
                    Map.of("auth_type", "oauth", "client_id", REF),
                    "value",
                    REF)));
    refusedNaming(answer, List.of("client_secret", "credentials.client_id", "value"));
  }

  @Test
  void aReferenceInFieldsTheSpecMarksSecretStillDeploys() {
    Answer answer =
        world.call(
            "deploy_connector_to_cloud",
            Map.of(
                "name",
                "legit",
                "connector_name",
                FakeConnector.NAME,
                "config",
                Map.of(
                    "api_key",
                    REF,
                    "mode",
                    "fast",
                    "credentials",
                    Map.of("auth_type", "oauth", "client_id", "my-client", "client_secret", REF),
                    "headers",
                    List.of(Map.of("name", "X-Key", "value", REF)))));
    assertFalse(answer.isError(), answer.text());
    assertNull(answer.leak(), answer.text());
    assertEquals(1, world.writesToAirbyte(), sentToAirbyte());
    // the value went to Airbyte, in the secret fields only
    String body =
        world.airbyte.server.getAllServeEvents().stream()
            .filter(e -> e.getRequest().getMethod().getName().equals("POST"))
            .filter(e -> e.getRequest().getUrl().endsWith("/sources"))
            .findFirst()
            .orElseThrow()
            .getRequest()
            .getBodyAsString();
    assertEquals(
        3, body.split(InjectedAgentWorld.DOTENV_KEY, -1).length - 1, body.length() + " chars");
    assertTrue(body.contains("\"mode\":\"fast\""), "mode sent as given");
  }

  @Test
  void aConfigUpdatePutsNoSecretInAFieldTheSpecDoesNotMarkSecret() {
    Answer answer =
        world.call(
            "update_cloud_connector_config",
            Map.of(
                "connector_id",
                FakeAirbyte.SOURCE,
                "config",
                Map.of("api_key", REF, "headers", List.of(Map.of("name", REF, "value", REF)))));
    refusedNaming(answer, List.of("headers[0].name"));
  }

  @Test
  void aConfigUpdateWithReferencesOnlyInSecretFieldsGoesThroughResolved() {
    Answer answer =
        world.call(
            "update_cloud_source_config",
            Map.of("source_id", FakeAirbyte.SOURCE, "config", Map.of("api_key", REF, "mode", "m")));
    assertFalse(answer.isError(), answer.text());
    assertNull(answer.leak(), answer.text());
    assertEquals(1, world.writesToAirbyte(), sentToAirbyte());
    String sent = sentToAirbyte();
    assertTrue(
        sent.contains(InjectedAgentWorld.DOTENV_KEY) && !sent.contains("secret_reference::"),
        "the secret field gets the resolved value, not the reference's words: "
            + sent.replace(InjectedAgentWorld.DOTENV_KEY, "<resolved>"));
  }

  @Test
  void withoutASpecADeployRefusesEveryReference() {
    Answer answer =
        world.call(
            "deploy_source_to_cloud",
            Map.of(
                "source_name",
                "no-spec",
                "source_connector_name",
                NO_SPEC_CONNECTOR,
                "config",
                Map.of("api_key", REF, "mode", "m")));
    refusedNaming(answer, List.of("No spec is known", NO_SPEC_CONNECTOR, "api_key", "web app"));
  }

  @Test
  void withoutASpecAConfigUpdateRefusesEveryReference() {
    Answer answer =
        world.call(
            "update_cloud_source_config",
            Map.of("source_id", NO_SPEC_SOURCE, "config", Map.of("api_key", REF)));
    refusedNaming(answer, List.of("No spec is known", "api_key"));
    // literal values only: the update goes through, not validated
    Answer literal =
        world.call(
            "update_cloud_source_config",
            Map.of("source_id", NO_SPEC_SOURCE, "config", Map.of("mode", "m")));
    assertFalse(literal.isError(), literal.text());
    assertEquals(1, world.writesToAirbyte(), sentToAirbyte());
  }

  @Test
  void aWholeConfigSecretGoesToAirbyteInTheFieldsTheSpecMarksSecret() {
    Answer answer =
        world.call(
            "deploy_source_to_cloud",
            Map.of(
                "source_name",
                "whole",
                "source_connector_name",
                FakeConnector.NAME,
                "config",
                Map.of("mode", "m"),
                "config_secret_name",
                WHOLE_CONFIG));
    assertFalse(answer.isError(), answer.text());
    assertNull(answer.leak(), answer.text());
    assertEquals(1, world.writesToAirbyte(), sentToAirbyte());
  }

  /** A deploy of {@code connector} with the dotenv's whole-config secret as its config. */
  private static Answer deployWholeConfig(String connector) {
    return world.call(
        "deploy_source_to_cloud",
        Map.of(
            "source_name",
            "whole",
            "source_connector_name",
            connector,
            "config_secret_name",
            WHOLE_CONFIG));
  }

  /** A deploy of source-fake whose config is the file's. */
  private static Answer deployFakeFrom(Path file) {
    return world.call(
        "deploy_source_to_cloud",
        Map.of(
            "source_name",
            "from-file",
            "source_connector_name",
            FakeConnector.NAME,
            "config",
            file.toString()));
  }

  /** A config file of the user's whose fields hold {@code values}. */
  private static Path configFile(String name, Map<String, String> values) throws IOException {
    return Files.writeString(
        Files.createDirectories(dir.resolve("configs")).resolve(name), Json.write(values));
  }

  // Failed before the fix (red team e): a config file's literal values went to Airbyte as written.
  @Test
  void aConfigFileHoldingTheUsersSecretInAPlainFieldIsNotDeployed() throws IOException {
    Path file =
        configFile("plain.json", Map.of("api_key", REF, "mode", InjectedAgentWorld.DOTENV_KEY));
    Answer answer = deployFakeFrom(file);
    refusedNaming(answer, List.of("values of your secrets", "mode"));
  }

  @Test
  void theUsersSecretTypedIntoAPlainFieldIsNotDeployed() {
    Answer answer =
        world.call(
            "deploy_source_to_cloud",
            Map.of(
                "source_name",
                "typed",
                "source_connector_name",
                PLAIN_CONNECTOR,
                "config",
                Map.of("api_key", InjectedAgentWorld.DOTENV_KEY)));
    refusedNaming(
        answer, List.of("values of your secrets", "does not mark them secret", "api_key"));
  }

  @Test
  void aConfigFileWithItsSecretReferencedInTheSecretFieldStillDeploys() throws IOException {
    Path file = configFile("referenced.json", Map.of("api_key", REF, "mode", "fast"));
    Answer answer = deployFakeFrom(file);
    assertFalse(answer.isError(), answer.text());
    assertNull(answer.leak(), answer.text());
    assertEquals(1, world.writesToAirbyte(), sentToAirbyte());
  }

  @Test
  void aWholeConfigSecretIsNotDeployedIntoAFieldTheSpecDoesNotMarkSecret() {
    Answer answer = deployWholeConfig(PLAIN_CONNECTOR);
    refusedNaming(answer, List.of(WHOLE_CONFIG, "does not mark them secret", "api_key"));
  }

  @Test
  void withoutASpecAWholeConfigSecretIsNotDeployed() {
    Answer answer = deployWholeConfig(NO_SPEC_CONNECTOR);
    refusedNaming(answer, List.of(WHOLE_CONFIG, "no spec is known", "api_key"));
  }

  @Test
  void withoutASpecAConfigUpdateTakesNoWholeConfigSecret() {
    Answer answer =
        world.call(
            "update_cloud_source_config",
            Map.of(
                "source_id",
                NO_SPEC_SOURCE,
                "config",
                Map.of("mode", "m"),
                "config_secret_name",
                WHOLE_CONFIG));
    refusedNaming(answer, List.of(WHOLE_CONFIG, "api_key"));
  }
}
