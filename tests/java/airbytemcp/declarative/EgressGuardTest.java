package airbytemcp.declarative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.network.EgressRules;
import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
  private ItemsApi api;
  private final List<Duration> sleeps = new ArrayList<>();

  @BeforeEach
  void start() {
    api = ItemsApi.atItemsPath();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private DeclarativeConnector connector(String registryAllowedHosts, String egressHosts) {
    Manifest manifest =
        ItemsApi.manifest(
            List.of("domain: {type: string}"), "http://localhost:" + api.port(), "/items", null);
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
    api.verifyNoRequest();
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
    api.verifyNoRequest();
  }

  @Test
  void aManifestWithoutRegistryHostsReachesListedHostsOnly() {
    assertEquals(
        "SUCCEEDED", connector(null, "localhost").check(config("x")).path("status").asText());
    assertEquals("FAILED", connector(null, "").check(config("x")).path("status").asText());
  }
}
