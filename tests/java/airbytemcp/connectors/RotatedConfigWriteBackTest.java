package airbytemcp.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.config.AgentFiles;
import airbytemcp.config.DotenvFile;
import airbytemcp.config.SecretValues;
import airbytemcp.protocol.AirbyteMessage;
import airbytemcp.protocol.MessageSink;
import airbytemcp.protocol.MessageType;
import airbytemcp.protocol.Messages;
import airbytemcp.secrets.ConfigInput;
import airbytemcp.secrets.ConnectorConfigResolver;
import airbytemcp.secrets.Masker;
import airbytemcp.secrets.RotatedConfigs;
import airbytemcp.secrets.SecretReferences;
import airbytemcp.testing.InProcessConnector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connector that rotates its OAuth refresh token during a read announces the new config in a
 * CONTROL message; the server stores it where the user's config came from, so that the next run (in
 * this process or after a restart) starts from the token that still works.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RotatedConfigWriteBackTest {
  @TempDir Path dir;
  private final Masker masker = new Masker();

  /** A source whose read emits one record and, as a rotating OAuth source does, its new config. */
  private static final class RotatingSource extends InProcessConnector {
    private final ObjectNode rotated;

    RotatingSource(ObjectNode rotated) {
      super("source-rotating");
      this.rotated = rotated;
    }

    @Override
    public void read(
        JsonNode config, JsonNode configuredCatalog, Optional<JsonNode> state, MessageSink sink) {
      sink.accept(Messages.log("INFO", "refreshing"));
      sink.accept(Messages.connectorConfig(rotated.deepCopy()));
    }
  }

  private Path dotenv(String text) throws IOException {
    return Files.writeString(dir.resolve("secrets.env"), text);
  }

  private SecretReferences secrets(Path dotenv) {
    DotenvFile file = DotenvFile.read(dotenv, "AIRBYTE_MCP_ENV_FILE");
    return new SecretReferences(
        new SecretValues(Map.of(), file.values(), Map.of(), Set.of()), masker, List.of(file));
  }

  private List<AirbyteMessage> read(
      SecretReferences secrets, ConfigInput input, ObjectNode rotated) {
    ConnectorConfigResolver resolver =
        new ConnectorConfigResolver(
            secrets, masker, true, new AgentFiles(List.of(), List.of(), List.of()));
    JsonNode hydrated = secrets.hydrate(resolver.resolve(input, Optional.empty()));
    Connector connector =
        SourceOperations.withWriteBack(
            new RotatingSource(rotated),
            input,
            hydrated,
            new RotatedConfigs(resolver, secrets, masker));
    List<AirbyteMessage> seen = new ArrayList<>();
    connector.read(hydrated, Json.object(), Optional.empty(), seen::add);
    return seen;
  }

  private static ObjectNode rotatedConfig() {
    return (ObjectNode)
        Json.parse(
            "{\"credentials\": {\"client_id\": \"cid\", \"refresh_token\": \"refresh-new-2\","
                + " \"access_token\": \"access-new-1\","
                + " \"token_expiry_date\": \"2030-01-01T00:00:00Z\"}}");
  }

  private static ConfigInput inline(String json) {
    return new ConfigInput(Optional.of(json), Optional.empty(), Optional.empty());
  }

  @Test
  void aRotatedTokenGivenAsASecretReferenceIsWrittenToItsDotenvLine() throws IOException {
    Path env = dotenv("# tokens\nOTHER=keep-me\nexport REFRESH='refresh-old-1' # rotated\n");
    SecretReferences secrets = secrets(env);

    read(
        secrets,
        inline(
            "{\"credentials\": {\"client_id\": \"cid\","
                + " \"refresh_token\": \"secret_reference::REFRESH\"}}"),
        rotatedConfig());

    Map<String, String> reread = DotenvFile.read(env, "AIRBYTE_MCP_ENV_FILE").values();
    assertEquals("refresh-new-2", reread.get("REFRESH"), "the dotenv file holds the new token");
    assertEquals("keep-me", reread.get("OTHER"), "other secrets are untouched");
    assertTrue(
        Files.readString(env).startsWith("# tokens\nOTHER=keep-me\n"),
        "the lines around it are kept as written:\n" + Files.readString(env));
    assertEquals(
        "refresh-new-2",
        secrets.lookup("REFRESH"),
        "the next call in this process resolves the new token without a restart");
  }

  @Test
  void aRotatedConfigFromAConfigFileIsWrittenBackToTheFile() throws IOException {
    Path config =
        Files.writeString(
            dir.resolve("config.json"),
            "{\"credentials\": {\"client_id\": \"cid\", \"refresh_token\": \"refresh-old-1\"}}");

    read(
        secrets(dotenv("")),
        new ConfigInput(Optional.empty(), Optional.of(config.toString()), Optional.empty()),
        rotatedConfig());

    JsonNode written = Json.parse(Files.readString(config)).path("credentials");
    assertEquals("refresh-new-2", written.path("refresh_token").asText(), "the rotated token");
    assertEquals(
        "access-new-1",
        written.path("access_token").asText(),
        "fields the connector added (the access token) are kept with it");
    assertEquals("cid", written.path("client_id").asText(), "unchanged fields stay");
  }

  @Test
  void aRotatedTokenIsWrittenToTheConfigFileBesideKnownSecretsAndInlineValues() throws IOException {
    Path config =
        Files.writeString(
            dir.resolve("config.yaml"),
            "credentials:\n  client_id: cid\n  refresh_token: refresh-old-1\n");
    masker.register("refresh-old-1"); // as the spec's secret fields are before a run

    read(
        secrets(dotenv("")),
        new ConfigInput(
            Optional.of("{\"start_date\": \"2024-01-01T00:00:00Z\"}"),
            Optional.of(config.toString()),
            Optional.empty()),
        rotatedConfig());

    JsonNode written = Json.parseJsonOrYaml(Files.readString(config)).path("credentials");
    assertEquals(
        "refresh-new-2",
        written.path("refresh_token").asText(),
        "a token the connector made up is new to the masker and goes back to the file: " + written);
    assertEquals(
        "access-new-1",
        written.path("access_token").asText(),
        "so does a field the connector added: " + written);
  }

  @Test
  void aRotatedTokenInsideAWholeConfigSecretUpdatesThatSecret() throws IOException {
    Path env =
        dotenv(
            "SOURCE_CONFIG='{\"credentials\": {\"client_id\": \"cid\","
                + " \"refresh_token\": \"refresh-old-1\"}}'\n");
    SecretReferences secrets = secrets(env);

    read(
        secrets,
        new ConfigInput(Optional.empty(), Optional.empty(), Optional.of("SOURCE_CONFIG")),
        rotatedConfig());

    JsonNode stored =
        Json.parse(DotenvFile.read(env, "AIRBYTE_MCP_ENV_FILE").values().get("SOURCE_CONFIG"));
    assertEquals(
        "refresh-new-2",
        stored.path("credentials").path("refresh_token").asText(),
        "the whole-config secret carries the new token: " + Files.readString(env));
  }

  @Test
  void theReaderNeverSeesTheControlMessageAndItsSecrets() throws IOException {
    List<AirbyteMessage> seen =
        read(
            secrets(dotenv("REFRESH=refresh-old-1\n")),
            inline("{\"credentials\": {\"refresh_token\": \"secret_reference::REFRESH\"}}"),
            rotatedConfig());

    assertEquals(1, seen.size(), "only the log line reaches the reader: " + seen);
    assertFalse(
        seen.stream().anyMatch(m -> m.type() == MessageType.CONTROL),
        "the config update is consumed by the server");
    assertFalse(
        masker.mask("got refresh-new-2").contains("refresh-new-2"),
        "the rotated token is masked wherever it might be shown");
  }

  @Test
  void aLiteralFieldGivenInlineIsNamedAsNotStoredWithoutItsValue() throws IOException {
    ConnectorConfigResolver resolver =
        new ConnectorConfigResolver(
            secrets(dotenv("")), masker, true, new AgentFiles(List.of(), List.of(), List.of()));
    RotatedConfigs store = new RotatedConfigs(resolver, secrets(dotenv("")), masker);
    ConfigInput input = inline("{\"credentials\": {\"refresh_token\": \"refresh-old-1\"}}");

    RotatedConfigs.Outcome outcome =
        store.store(input, resolver.resolve(input, Optional.empty()), rotatedConfig());

    assertTrue(
        outcome.notStored().contains("credentials.refresh_token"),
        "the inline token has nowhere to go and is reported: " + outcome);
    assertFalse(
        outcome.toString().contains("refresh-new-2"), "only paths are reported: " + outcome);
  }

  @Test
  void aValueBuiltFromTheCallsOwnConfigNeverGoesIntoTheUsersSecrets() throws IOException {
    Path env =
        dotenv(
            "SOURCE_CONFIG='{\"credentials\": {\"client_id\": \"cid\","
                + " \"refresh_token\": \"refresh-old-1\"}}'\nREFRESH=refresh-old-1\n");
    SecretReferences secrets = secrets(env);
    ObjectNode migrated = rotatedConfig();
    // a migration copies the call's value into a new field and into a referenced one
    migrated.put("groups_list", "agent.example:8080");
    migrated.put("backup_token", "https://agent.example:8080/x");

    List<AirbyteMessage> ignored =
        read(
            secrets,
            new ConfigInput(
                Optional.of(
                    "{\"groups\": \"agent.example:8080\","
                        + " \"backup_token\": \"secret_reference::REFRESH\"}"),
                Optional.empty(),
                Optional.of("SOURCE_CONFIG")),
            migrated);

    Map<String, String> reread = DotenvFile.read(env, "AIRBYTE_MCP_ENV_FILE").values();
    JsonNode stored = Json.parse(reread.get("SOURCE_CONFIG"));
    assertFalse(
        stored.has("groups_list"),
        "the call's value went into the user's whole-config secret: " + stored);
    assertEquals(
        "refresh-old-1", reread.get("REFRESH"), "the call's value replaced the user's secret");
    assertFalse(
        masker.isUserValue("agent.example:8080"), "the call's value became one of the user's");
    assertEquals(
        "refresh-new-2",
        stored.path("credentials").path("refresh_token").asText(),
        "a rotated token is still stored");
  }
}
