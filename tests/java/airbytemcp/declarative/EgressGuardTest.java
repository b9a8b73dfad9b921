package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.network.EgressRules;
import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A registry connector in the JVM runtime calls only the hosts of its registry {@code allowedHosts}
 * (filled from the config) and hosts the user listed; a refused request fails at once, without
 * retries, and never reaches the API. The API here is a loopback fake reached by the name {@code
 * localhost}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EgressGuardTest {
  @RegisterExtension final FakeApi api = new FakeApi();

  @BeforeEach
  void answer() {
    ItemsApi.answer(api.server, get(urlPathEqualTo("/items")));
  }

  private DeclarativeConnector connector(String registryAllowedHosts, String egressHosts) {
    Manifest manifest =
        ItemsApi.manifest(
            List.of("domain: {type: string}"),
            "http://localhost:" + api.server.port(),
            "/items",
            null);
    RuntimeOptions options =
        new RuntimeOptions(new OkHttpClient(), new Masker(), u -> u, api.sleeps::add);
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
    assertEquals(List.of(), api.sleeps, "a refusal is not retried");
    api.server.verify(0, anyRequestedFor(anyUrl()));
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
    api.server.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void aManifestWithoutRegistryHostsReachesListedHostsOnly() {
    assertEquals(
        "SUCCEEDED", connector(null, "localhost").check(config("x")).path("status").asText());
    assertEquals("FAILED", connector(null, "").check(config("x")).path("status").asText());
  }
}
