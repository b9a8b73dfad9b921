package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.network.EgressRules;
import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A registry connector in the JVM runtime calls only the hosts of its registry {@code allowedHosts}
 * (filled from the config) and hosts the user listed; a refused request fails at once, without
 * retries, and never reaches the API. The API here is a loopback fake reached by the name {@code
 * localhost}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EgressGuardTest {
  private WireMockServer api;
  private final List<Duration> sleeps = new ArrayList<>();

  @BeforeEach
  void start() {
    api = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    api.start();
    api.stubFor(
        get(urlPathEqualTo("/items"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"items\": [{\"id\": 1}]}")));
  }

  @AfterEach
  void stop() {
    api.stop();
  }

  private DeclarativeConnector connector(String registryAllowedHosts, String egressHosts) {
    Manifest manifest =
        new ManifestLoader(null, Optional::empty)
            .fromText(
                "source-items",
                """
        version: 6.0.0
        type: DeclarativeSource
        check: {type: CheckStream, stream_names: [items]}
        spec:
          type: Spec
          connection_specification: {type: object, properties: {domain: {type: string}}}
        streams:
          - type: DeclarativeStream
            name: items
            schema_loader: {type: InlineSchemaLoader, schema: {type: object, properties: {id: {type: integer}}}}
            retriever:
              type: SimpleRetriever
              requester: {type: HttpRequester, url_base: "http://localhost:%d", path: /items, http_method: GET}
              record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [items]}}
        """
                    .formatted(api.port()));
    RuntimeOptions options =
        new RuntimeOptions(new OkHttpClient(), new Masker(), u -> u, sleeps::add);
    JsonNode allowed = registryAllowedHosts == null ? null : Json.parse(registryAllowedHosts);
    return DeclarativeConnector.guarded(
        manifest, options, new EgressGuard(EgressRules.parse(egressHosts), allowed));
  }

  private static ObjectNode config(String domain) {
    return Json.object().put("domain", domain);
  }

  @Test
  void aHostOutsideTheRegistryAllowedHostsIsRefusedWithoutRetriesOrTraffic() {
    ObjectNode result =
        connector("{\"hosts\": [\"${domain}\"]}", "127.0.0.1").check(config("api.example.com"));
    assertEquals("FAILED", result.path("status").asText(), result.toString());
    assertTrue(result.path("message").asText().contains("allowedHosts"), result.toString());
    assertEquals(List.of(), sleeps, "a refusal is not retried");
    api.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void theConfigFillsTheAllowedHostAndTheUserListsTheLoopbackAddress() {
    ObjectNode result =
        connector("{\"hosts\": [\"${domain}\"]}", "127.0.0.1").check(config("http://localhost/"));
    assertEquals("SUCCEEDED", result.path("status").asText(), result.toString());
  }

  @Test
  void anAllowedLoopbackHostTheUserDidNotListIsStillRefused() {
    ObjectNode result = connector("{\"hosts\": [\"localhost\"]}", "").check(config("x"));
    assertEquals("FAILED", result.path("status").asText(), result.toString());
    assertTrue(
        result.path("message").asText().contains("AIRBYTE_MCP_EGRESS_HOSTS"), result.toString());
    api.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void aManifestWithoutRegistryHostsReachesListedHostsOnly() {
    assertEquals(
        "SUCCEEDED", connector(null, "localhost").check(config("x")).path("status").asText());
    assertEquals("FAILED", connector(null, "").check(config("x")).path("status").asText());
  }
}
