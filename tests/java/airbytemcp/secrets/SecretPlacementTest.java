package airbytemcp.secrets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretPlacementTest {
  private static final JsonNode SPEC =
      Json.parse(
          """
      {"type": "object", "properties": {
        "api_key": {"type": "string", "airbyte_secret": true}, "host": {"type": "string"}}}""");

  @Test
  void aReferenceInASecretFieldAndLiteralsElsewherePass() {
    SecretPlacement.requireReferencesOnlyInSecretFields(
        Json.parse("{\"api_key\": \"secret_reference::K\", \"host\": \"db.example.com\"}"),
        Optional.of(SPEC),
        "source-x");
  }

  @Test
  void aReferenceInAPlainFieldIsRefusedNamingTheFieldAndWhatToDo() {
    SecretError error =
        assertThrows(
            SecretError.class,
            () ->
                SecretPlacement.requireReferencesOnlyInSecretFields(
                    Json.parse(
                        "{\"api_key\": \"secret_reference::K\", \"host\": \"secret_reference::HOST_NAME_KEY\"}"),
                    Optional.of(SPEC),
                    "source-x"));
    assertTrue(error.getMessage().contains("source-x"), error.getMessage());
    assertTrue(error.getMessage().contains(": host."), error.getMessage());
    assertFalse(error.getMessage().contains("HOST_NAME_KEY"), error.getMessage());
    assertTrue(error.hint().contains("literal, non-secret value"), error.hint());
  }

  @Test
  void withoutASpecEveryReferenceIsRefusedAndLiteralsPass() {
    SecretPlacement.requireReferencesOnlyInSecretFields(
        Json.parse("{\"host\": \"db.example.com\", \"port\": 5432}"), Optional.empty(), "source-x");
    SecretError error =
        assertThrows(
            SecretError.class,
            () ->
                SecretPlacement.requireReferencesOnlyInSecretFields(
                    Json.parse("{\"api_key\": \"secret_reference::K\"}"),
                    Optional.empty(),
                    "source-x"));
    assertTrue(error.getMessage().contains("No spec is known for source-x"), error.getMessage());
    assertTrue(error.getMessage().contains("api_key"), error.getMessage());
    assertTrue(error.hint().contains("web app"), error.hint());
  }

  @Test
  void manyPathsAreCut() {
    StringBuilder config = new StringBuilder("{");
    for (int i = 0; i < 15; i++) {
      config
          .append(i == 0 ? "" : ",")
          .append("\"f")
          .append(i)
          .append("\": \"secret_reference::K\"");
    }
    SecretError error =
        assertThrows(
            SecretError.class,
            () ->
                SecretPlacement.requireReferencesOnlyInSecretFields(
                    Json.parse(config.append('}').toString()), Optional.of(SPEC), "source-x"));
    assertTrue(error.getMessage().contains("f9 and 5 more"), error.getMessage());
  }
}
