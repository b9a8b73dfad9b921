package airbytemcp.hardening;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.IDN;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A user's secret that the agent puts in a config field a manifest uses as a host ({@code
 * https://{{ config['subdomain'] }}.zendesk.com}, or the whole host, {@code https://{{
 * config['domain_name'] }}/api/v2}): the URL library turns it into another form, which every error
 * naming the URL showed. A password with an umlaut becomes a Punycode label ({@code xn--...}); an
 * all-digit secret is read as an IPv4 address in integer form (2130706434 is 127.0.0.2), which the
 * egress refusal names.
 *
 * <p>The secrets are the user's (set in the server's environment and listed in
 * AIRBYTE_MCP_SECRET_ENV_NAMES, which secret_reference:: reads as it reads the dotenv file), so the
 * host is not one the call named. The server's JVM reads a hosts file that maps the Punycode name
 * to 127.0.0.1, and 127.0.0.2 is refused before any socket opens (AIRBYTE_MCP_EGRESS_HOSTS lists
 * only 127.0.0.1): nothing leaves loopback.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SecretAsHostNameTest {
  private static final String PASSWORD = "Grün-Schlüssel-4471";
  private static final String PIN = "2130706434";

  private static final String MANIFEST =
      """
      version: 6.0.0
      type: DeclarativeSource
      check: {type: CheckStream, stream_names: [tickets]}
      definitions:
        auth:
          type: ApiKeyAuthenticator
          api_token: "{{ config['api_key'] }}"
          inject_into: {type: RequestOption, field_name: X-Api-Key, inject_into: header}
        selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [tickets]}}
      streams:
        - type: DeclarativeStream
          name: tickets
          primary_key: [id]
          schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
          retriever:
            type: SimpleRetriever
            requester:
              type: HttpRequester
              url_base: "http://{{ config['subdomain'] }}.vendor.test:PORT/api/"
              path: tickets
              authenticator: {$ref: "#/definitions/auth"}
            record_selector: {$ref: "#/definitions/selector"}
        - type: DeclarativeStream
          name: agents
          primary_key: [id]
          schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
          retriever:
            type: SimpleRetriever
            requester:
              type: HttpRequester
              url_base: "http://{{ config['domain_name'] }}/api/v2"
              path: agents
              authenticator: {$ref: "#/definitions/auth"}
            record_selector: {$ref: "#/definitions/selector"}
      spec:
        type: Spec
        connection_specification:
          type: object
          required: [api_key]
          properties:
            api_key: {type: string, airbyte_secret: true}
            subdomain: {type: string}
            domain_name: {type: string}
      """;

  @RegisterExtension final RegistryManifestWorlds worlds = new RegistryManifestWorlds();
  private RegistryManifestWorld world;

  /** Reads {@code stream} with the user's secret {@code secret} in config field {@code field}. */
  private RegistryManifestWorld.Answer read(
      String stream, String field, String secret, String hostsFile) throws Exception {
    world = worlds.open();
    Path hosts = Files.writeString(worlds.dir().resolve("hosts"), hostsFile);
    world.env.put("JAVA_TOOL_OPTIONS", "-Djdk.net.hosts.file=" + hosts);
    world.env.put("VENDOR_HOST_SECRET", secret);
    world.env.put("AIRBYTE_MCP_SECRET_ENV_NAMES", "VENDOR_HOST_SECRET");
    // an honest API that turns the request down, naming nothing of it; the error names the URL
    world.vendor.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(400).withBody("{}")));
    world.start(
        "source-host-api", MANIFEST.replace("PORT", Integer.toString(world.vendor.port())), null);
    return world.readNatively(
        "source-host-api",
        stream,
        Map.of(
            "api_key",
            "secret_reference::VENDOR_API_KEY",
            field,
            "secret_reference::VENDOR_HOST_SECRET"));
  }

  @Test
  void aPasswordUsedAsAHostLabelDoesNotComeBackAsPunycode() throws Exception {
    String label = IDN.toASCII(PASSWORD.toLowerCase(Locale.ROOT));
    assertTrue(label.startsWith("xn--"), label);

    RegistryManifestWorld.Answer answer =
        read(
            "tickets",
            "subdomain",
            PASSWORD,
            "127.0.0.1 localhost\n127.0.0.1 " + label + ".vendor.test\n");

    assertFalse(answer.text().contains(PASSWORD), "control: the plain form is masked");
    assertFalse(
        answer.text().contains(label),
        "the password came back as a Punycode host label: " + answer.text());
    assertFalse(
        world.stderr().contains(label), "the password went to the log as a Punycode host label");
  }

  @Test
  void anAllDigitSecretUsedAsTheHostDoesNotComeBackAsAnAddress() throws Exception {
    RegistryManifestWorld.Answer answer =
        read("agents", "domain_name", PIN, "127.0.0.1 localhost\n");

    assertFalse(answer.text().contains(PIN), "control: the plain form is masked");
    assertFalse(
        answer.text().contains("127.0.0.2"),
        "the secret came back as the IPv4 address it reads as: " + answer.text());
    assertFalse(world.stderr().contains("127.0.0.2"), "the secret went to the log as an address");
  }
}
