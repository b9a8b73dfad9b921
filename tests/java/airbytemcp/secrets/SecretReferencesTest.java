package airbytemcp.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.config.SecretValues;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretReferencesTest {
  private final Masker masker = new Masker();
  private final SecretReferences references =
      new SecretReferences(
          new SecretValues(
              Map.of("API_KEY", "key-from-env-123"),
              Map.of("DB_PASS", "db-pass-456"),
              Map.of(),
              Set.of("API_KEY")),
          masker);

  @Test
  void hydratesReferencesAtAnyDepthIncludingLists() {
    JsonNode config =
        Json.parse(
            "{\"api_key\": \"secret_reference::API_KEY\", "
                + "\"db\": {\"hosts\": [\"h1\", \"secret_reference:: DB_PASS\"], \"port\": 5432}}");
    JsonNode hydrated = references.hydrate(config);
    assertEquals("key-from-env-123", hydrated.path("api_key").asText());
    assertEquals("db-pass-456", hydrated.path("db").path("hosts").get(1).asText());
    assertEquals(5432, hydrated.path("db").path("port").asInt());
    assertEquals(
        "secret_reference::API_KEY", config.path("api_key").asText(), "the input is not changed");
  }

  @Test
  void everyResolvedValueIsMaskedFromThenOn() {
    references.hydrate(Json.parse("{\"k\": \"secret_reference::API_KEY\"}"));
    assertEquals("key=****", masker.mask("key=key-from-env-123"));
  }

  @Test
  void missingSecretNamesItAndSaysWhereToPutIt() {
    SecretError e =
        assertThrows(
            SecretError.class,
            () -> references.hydrate(Json.parse("{\"k\": \"secret_reference::NOPE\"}")));
    assertTrue(e.getMessage().contains("NOPE"), "expected NOPE in: " + e.getMessage());
    assertTrue(
        e.hint().contains("AIRBYTE_MCP_ENV_FILE"), "expected AIRBYTE_MCP_ENV_FILE in: " + e.hint());
  }

  @Test
  void aMisspeltNameSuggestsTheDeclaredOneInsteadOfAddingIt() {
    SecretError e =
        assertThrows(
            SecretError.class,
            () -> references.hydrate(Json.parse("{\"k\": \"secret_reference::DB_PAS\"}")));

    assertTrue(e.getMessage().contains("did you mean DB_PASS"), e.getMessage());
    assertFalse(
        e.hint().contains("Add DB_PAS="), "the hint asks for the misspelt name: " + e.hint());
  }

  @Test
  void anEmptyNameIsCalledEmpty() {
    SecretError e =
        assertThrows(
            SecretError.class,
            () -> references.hydrate(Json.parse("{\"k\": \"secret_reference::\"}")));

    assertTrue(e.getMessage().contains("names no secret"), e.getMessage());
    assertTrue(e.hint().contains("secret_reference::NAME"), e.hint());
  }

  @Test
  void detectsReferencesAnywhere() {
    assertTrue(
        SecretReferences.containsReference(Json.parse("[{\"a\": [\"secret_reference::X\"]}]")));
    assertFalse(SecretReferences.containsReference(Json.parse("{\"a\": \"secret::X\"}")));
  }
}
