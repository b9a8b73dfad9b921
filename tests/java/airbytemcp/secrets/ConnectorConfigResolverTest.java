package airbytemcp.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.common.UserError;
import airbytemcp.config.AgentFiles;
import airbytemcp.config.SecretValues;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorConfigResolverTest {
  private static final JsonNode SPEC =
      Json.parse(
          "{\"properties\": {\"api_key\": {\"type\": \"string\", \"airbyte_secret\": true}, \"start\": {\"type\": \"string\"}}}");

  @TempDir Path dir;
  private final Masker masker = new Masker();
  private final SecretValues secrets =
      new SecretValues(
          Map.of(),
          Map.of(
              "WHOLE_CONFIG",
              "{\"api_key\": \"whole-config-key-789\", \"nested\": {\"b\": 2}}",
              "NOT_AN_OBJECT",
              "[1,2]"),
          Map.of(),
          Set.of());

  private ConnectorConfigResolver resolver(boolean trusted) {
    return new ConnectorConfigResolver(
        new SecretReferences(secrets, masker),
        masker,
        trusted,
        new AgentFiles(List.of(), List.of(), List.of()));
  }

  private static ConfigInput config(Object value) {
    return new ConfigInput(Optional.of(value), Optional.empty(), Optional.empty());
  }

  @Test
  void acceptsAnObject() {
    ObjectNode c = resolver(true).resolve(config(Map.of("start", "2024-01-01")), Optional.of(SPEC));
    assertEquals("2024-01-01", c.path("start").asText());
  }

  @Test
  void acceptsAJsonString() {
    ObjectNode c = resolver(true).resolve(config("{\"start\": \"x\"}"), Optional.empty());
    assertEquals("x", c.path("start").asText());
  }

  @Test
  void acceptsAnAbsolutePathToAYamlFile() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("c.yaml"), "start: from-yaml\napi_key: secret_reference::K\n");
    ObjectNode c = resolver(true).resolve(config(file.toString()), Optional.of(SPEC));
    assertEquals("from-yaml", c.path("start").asText());
  }

  @Test
  void configFileIsReadAndConfigIsLaidOverIt() throws IOException {
    Path file = Files.writeString(dir.resolve("c.json"), "{\"start\": \"file\", \"other\": 1}");
    ObjectNode c =
        resolver(true)
            .resolve(
                new ConfigInput(
                    Optional.of(Map.of("start", "arg")),
                    Optional.of(file.toString()),
                    Optional.empty()),
                Optional.empty());
    assertEquals("arg", c.path("start").asText());
    assertEquals(1, c.path("other").asInt());
  }

  @Test
  void relativeConfigFileIsRefused() {
    UserError e =
        assertThrows(
            UserError.class,
            () ->
                resolver(true)
                    .resolve(
                        new ConfigInput(
                            Optional.empty(), Optional.of("configs/c.json"), Optional.empty()),
                        Optional.empty()));
    assertTrue(e.getMessage().contains("absolute"), "expected absolute in: " + e.getMessage());
  }

  @Test
  void literalValueInASecretFieldIsRefusedNamingTheField() {
    SecretError e =
        assertThrows(
            SecretError.class,
            () ->
                resolver(true)
                    .resolve(config(Map.of("api_key", "literal-key-abc")), Optional.of(SPEC)));
    assertTrue(e.getMessage().contains("api_key"), "expected api_key in: " + e.getMessage());
    assertFalse(
        e.getMessage().contains("literal-key-abc"),
        "did not expect literal-key-abc in: " + e.getMessage());
    assertTrue(
        e.hint().contains("secret_reference::"), "expected secret_reference:: in: " + e.hint());
    assertEquals(
        "****", masker.mask("literal-key-abc"), "the refused literal is masked from then on");
  }

  @Test
  void secretConfigIsDeepMergedOnTopAndMasked() {
    ConnectorConfigResolver r = resolver(true);
    ObjectNode c =
        r.resolve(
            new ConfigInput(
                Optional.of(Map.of("start", "s", "nested", Map.of("a", 1))),
                Optional.empty(),
                Optional.of("WHOLE_CONFIG")),
            Optional.of(SPEC));
    assertEquals("whole-config-key-789", c.path("api_key").asText());
    assertEquals(1, c.path("nested").path("a").asInt());
    assertEquals(2, c.path("nested").path("b").asInt());
    assertEquals("****", masker.mask("whole-config-key-789"));
  }

  @Test
  void secretConfigMustBeAnObject() {
    SecretError e =
        assertThrows(
            SecretError.class,
            () ->
                resolver(true)
                    .resolve(
                        new ConfigInput(
                            Optional.empty(), Optional.empty(), Optional.of("NOT_AN_OBJECT")),
                        Optional.empty()));
    assertTrue(
        e.getMessage().contains("NOT_AN_OBJECT"), "expected NOT_AN_OBJECT in: " + e.getMessage());
  }

  @Test
  void untrustedCallersCannotUseFilesSecretsOrReferences() throws IOException {
    Path file = Files.writeString(dir.resolve("c.json"), "{}");
    ConnectorConfigResolver r = resolver(false);
    assertThrows(SecretError.class, () -> r.resolve(config(file.toString()), Optional.empty()));
    assertThrows(
        SecretError.class,
        () -> r.resolve(config(Map.of("api_key", "secret_reference::K")), Optional.empty()));
    SecretError e =
        assertThrows(
            SecretError.class,
            () ->
                r.resolve(
                    new ConfigInput(
                        Optional.empty(), Optional.empty(), Optional.of("WHOLE_CONFIG")),
                    Optional.empty()));
    assertTrue(
        e.hint().contains("AIRBYTE_MCP_TRUSTED_EXECUTION"),
        "expected AIRBYTE_MCP_TRUSTED_EXECUTION in: " + e.hint());
  }

  @Test
  void noInputGivesAnEmptyConfig() {
    assertEquals(0, resolver(true).resolve(ConfigInput.none(), Optional.of(SPEC)).size());
  }
}
