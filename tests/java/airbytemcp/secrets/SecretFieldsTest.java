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

  private static final JsonNode CLOUD_SPEC =
      Json.parse(
          """
      {"type": "object", "definitions": {"key": {"type": "string", "airbyte_secret": true}},
       "properties": {
        "api_key": {"type": "string", "airbyte_secret": true},
        "signing_key": {"$ref": "#/definitions/key"},
        "ref_key": {"type": "object", "properties": {"k": {"$ref": "#/definitions/key"}}},
        "host": {"type": "string"},
        "password": {"type": "string", "format": "password"},
        "token": {"type": "string", "writeOnly": true},
        "tunnel": {"type": "object", "oneOf": [
          {"properties": {"method": {"const": "NO_TUNNEL"}}},
          {"properties": {"method": {"const": "SSH_KEY"}, "ssh_key": {"type": "string", "airbyte_secret": true}}}]},
        "headers": {"type": "array", "items": {"type": "object", "properties": {
          "name": {"type": "string"}, "value": {"type": "string", "airbyte_secret": true}}}},
        "blob": {"type": "object", "airbyte_secret": true}}}
      """);

  @Test
  void referencesAreAtHomeOnlyAtPathsTheSpecMarksAirbyteSecret() {
    JsonNode config =
        Json.parse(
            """
        {"api_key": "secret_reference::A",
         "tunnel": {"method": "SSH_KEY", "ssh_key": "secret_reference::C"},
         "headers": [{"name": "n", "value": "secret_reference::D"}],
         "blob": {"inner": ["secret_reference::E"]}, "host": "h"}""");
    assertEquals(List.of(), SecretFields.of(CLOUD_SPEC).referencesOutsideAirbyteSecrets(config));
  }

  @Test
  void referencesElsewhereAreNamedByPathNeverByValue() {
    JsonNode config =
        Json.parse(
            """
        {"host": "secret_reference::A", "extra": {"api_key": "secret_reference::B"},
         "ssh_key": "secret_reference::C", "tunnel": {"method": "secret_reference::D"},
         "headers": [{"name": "ok"}, {"name": "secret_reference::E"}],
         "password": "secret_reference::F", "token": "secret_reference::G",
         "list": ["secret_reference::H"], "api_key": "literal",
         "signing_key": "secret_reference::I", "ref_key": {"k": "secret_reference::J"}}""");
    // a name that is secret elsewhere (api_key, ssh_key) is not secret here; writeOnly and format
    // password are not what Airbyte stores as a secret; a $ref is not followed
    assertEquals(
        List.of(
            "host",
            "extra.api_key",
            "ssh_key",
            "tunnel.method",
            "headers[1].name",
            "password",
            "token",
            "list[0]",
            "signing_key",
            "ref_key.k"),
        SecretFields.of(CLOUD_SPEC).referencesOutsideAirbyteSecrets(config));
  }

  @Test
  void aSelfReferringSpecEndsAsRefsAreNotFollowed() {
    JsonNode spec =
        Json.parse(
            "{\"$ref\": \"#\", \"oneOf\": [{\"$ref\": \"#\"}], \"properties\": {\"a\": {\"type\": \"string\"}}}");
    assertEquals(
        List.of("a"),
        SecretFields.of(spec)
            .referencesOutsideAirbyteSecrets(Json.parse("{\"a\": \"secret_reference::X\"}")));
  }
}
