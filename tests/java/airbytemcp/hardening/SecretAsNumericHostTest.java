package airbytemcp.hardening;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red team l1. An all-digit secret (an account number, a PIN) that the agent puts in a config field
 * a manifest uses as the whole host ({@code https://{{ config['domain_name'] }}/api/v2}, about 70
 * corpus lines) is read by Java's resolver as an IPv4 address in integer form: 2130706434 is
 * 127.0.0.2. The host shows masked, but the egress refusal (or, for a public address, the
 * connection error) names the address, a dotted form of the secret the masker does not know.
 *
 * <p>127.0.0.2 is refused before any socket opens (AIRBYTE_MCP_EGRESS_HOSTS lists only 127.0.0.1),
 * and the server's JVM reads a hosts file, so nothing leaves loopback even if the name were looked
 * up.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SecretAsNumericHostTest {
  private static final String PIN = "2130706434";

  private static final String MANIFEST =
      """
      version: 6.0.0
      type: DeclarativeSource
      check: {type: CheckStream, stream_names: [tickets]}
      streams:
        - type: DeclarativeStream
          name: tickets
          primary_key: [id]
          schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
          retriever:
            type: SimpleRetriever
            requester:
              type: HttpRequester
              url_base: "http://{{ config['domain_name'] }}/api/v2"
              path: tickets
              authenticator:
                type: ApiKeyAuthenticator
                api_token: "{{ config['api_key'] }}"
                inject_into: {type: RequestOption, field_name: X-Api-Key, inject_into: header}
            record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [tickets]}}
      spec:
        type: Spec
        connection_specification:
          type: object
          required: [api_key, domain_name]
          properties:
            api_key: {type: string, airbyte_secret: true}
            domain_name: {type: string}
      """;

  @TempDir Path dir;
  private RegistryManifestWorld world;

  @AfterEach
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void anAllDigitSecretUsedAsTheHostDoesNotComeBackAsAnAddress() throws Exception {
    world = new RegistryManifestWorld(dir.resolve("world"));
    Path hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.1 localhost\n");
    world.env.put("JAVA_TOOL_OPTIONS", "-Djdk.net.hosts.file=" + hosts);
    world.env.put("VENDOR_PIN", PIN);
    world.env.put("AIRBYTE_MCP_SECRET_ENV_NAMES", "VENDOR_PIN");
    world.start("source-numeric-host-api", MANIFEST, null);

    RegistryManifestWorld.Answer answer =
        world.call(
            "read_source_stream_records",
            Map.of(
                "source_connector_name", "source-numeric-host-api",
                "override_execution_mode", "native",
                "stream_name", "tickets",
                "config",
                    Map.of(
                        "api_key", "secret_reference::VENDOR_API_KEY",
                        "domain_name", "secret_reference::VENDOR_PIN")));

    assertFalse(answer.text().contains(PIN), "control: the plain form is masked");
    assertFalse(
        answer.text().contains("127.0.0.2"),
        "the secret came back as the IPv4 address it reads as: " + answer.text());
    assertFalse(world.stderr().contains("127.0.0.2"), "the secret went to the log as an address");
  }
}
