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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red team l1. A secret that is not plain ASCII (a password with an umlaut), put by the agent into
 * a config field a manifest uses as a host label ({@code https://{{ config['subdomain']
 * }}.zendesk.com}, 30-odd corpus manifests), becomes a Punycode label ({@code xn--...}) once OkHttp
 * parses the URL. The masker knows no Punycode form, and the URL every error names shows the host
 * as is (ShownUrl withholds a path or query that holds a secret, never the host): the password
 * comes back to the agent, decodable by any IDN converter. (The same host goes into
 * CredentialSites' refusal message.) The secret is the user's (set in the server's environment,
 * listed in AIRBYTE_MCP_SECRET_ENV_NAMES, which secret_reference:: reads as it reads the dotenv
 * file), so the host is not a call-named one.
 *
 * <p>Name resolution: the server's JVM reads a hosts file mapping the Punycode name to 127.0.0.1.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SecretAsInternationalHostNameTest {
  private static final String PASSWORD = "Grün-Schlüssel-4471";

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
              url_base: "http://{{ config['subdomain'] }}.vendor.test:PORT/api/"
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
          required: [api_key, subdomain]
          properties:
            api_key: {type: string, airbyte_secret: true}
            subdomain: {type: string}
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
  void aPasswordUsedAsAHostLabelDoesNotComeBackAsPunycode() throws Exception {
    String label = IDN.toASCII(PASSWORD.toLowerCase(Locale.ROOT));
    assertTrue(label.startsWith("xn--"), label);
    world = new RegistryManifestWorld(dir.resolve("world"));
    Path hosts =
        Files.writeString(
            dir.resolve("hosts"), "127.0.0.1 localhost\n127.0.0.1 " + label + ".vendor.test\n");
    world.env.put("JAVA_TOOL_OPTIONS", "-Djdk.net.hosts.file=" + hosts);
    world.env.put("VENDOR_PASSWORD", PASSWORD);
    world.env.put("AIRBYTE_MCP_SECRET_ENV_NAMES", "VENDOR_PASSWORD");
    // an honest API that turns the request down, naming nothing of it; the error names the URL
    world.vendor.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(400).withBody("{}")));
    world.start(
        "source-tenant-api", MANIFEST.replace("PORT", Integer.toString(world.vendor.port())), null);

    RegistryManifestWorld.Answer answer =
        world.call(
            "read_source_stream_records",
            Map.of(
                "source_connector_name", "source-tenant-api",
                "override_execution_mode", "native",
                "stream_name", "tickets",
                "config",
                    Map.of(
                        "api_key", "secret_reference::VENDOR_API_KEY",
                        "subdomain", "secret_reference::VENDOR_PASSWORD")));

    assertFalse(answer.text().contains(PASSWORD), "control: the plain form is masked");
    assertFalse(
        answer.text().contains(label),
        "the password came back as a Punycode host label: " + answer.text());
    assertFalse(
        world.stderr().contains(label), "the password went to the log as a Punycode host label");
  }
}
