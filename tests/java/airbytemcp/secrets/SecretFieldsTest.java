package airbytemcp.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.testing.SharedData;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretFieldsTest {
  private static final JsonNode SPEC =
      Json.parse(
          """
      {"type": "object", "properties": {
        "api_key": {"type": "string", "airbyte_secret": true},
        "host": {"type": "string"},
        "credentials": {"oneOf": [
          {"properties": {"password": {"type": "string", "format": "password"}, "user": {"type": "string"}}},
          {"properties": {"token": {"type": "string", "writeOnly": true}}}]}}}
      """);

  @Test
  void collectsFieldsMarkedSecretInAnyOfTheThreeWays() {
    assertEquals(Set.of("api_key", "password", "token"), SecretFields.of(SPEC).names());
  }

  @Test
  void reportsLiteralSecretsByDottedPath() {
    JsonNode config =
        Json.parse(
            """
        {"api_key": "literal", "host": "h", "credentials": {"user": "u", "password": "p4ss"}}""");
    assertEquals(
        List.of("api_key", "credentials.password"), SecretFields.of(SPEC).hardCoded(config));
  }

  @Test
  void referencesInSecretFieldsAreFine() {
    JsonNode config =
        Json.parse(
            "{\"api_key\": \"secret_reference::KEY\", \"credentials\": {\"token\": \"secret_reference::T\"}}");
    assertTrue(SecretFields.of(SPEC).hardCoded(config).isEmpty());
  }

  @Test
  void findsTheSecretFieldOfARealConnectorSpec() throws IOException {
    JsonNode registry = Json.MAPPER.readTree(SharedData.registrySnapshot().toFile());
    JsonNode stripe = null;
    for (JsonNode source : registry.path("sources")) {
      if ("airbyte/source-stripe".equals(source.path("dockerRepository").asText())) {
        stripe = source.path("spec").path("connectionSpecification");
      }
    }
    assertTrue(
        SecretFields.of(stripe).names().contains("client_secret"),
        "expected client_secret in SecretFields.of(stripe).names()");
  }
}
