package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import airbytemcp.common.Json;
import airbytemcp.network.EgressRules;
import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A registry connector whose {@code allowedHosts} entry has a fixed suffix ({@code
 * ${subdomain}.example.com}, as Zendesk, Okta, Freshservice... have) must only reach hosts under
 * that suffix, whatever the agent puts in {@code subdomain}. The agent's value is built so that the
 * allowed-host template reduces it to the attacker's host ({@code [host:]} after a {@code ://} that
 * hides in the URL's fragment) while the URL the connector builds from the same value goes to that
 * host with the secret in its Authorization header. The attacker here is a loopback fake the user
 * listed (standing in for a public host, which needs no listing).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AllowedHostsBypassTest {
  static final String KEY = "zd-Bypass-9Qm2Lx7Rt4";
  @RegisterExtension final FakeApi attacker = new FakeApi();

  @BeforeEach
  void answer() {
    ItemsApi.answer(attacker.server, any(anyUrl()));
  }

  private DeclarativeConnector registryConnector(OkHttpClient http) {
    Manifest manifest =
        ItemsApi.manifest(
            List.of("subdomain: {type: string}", "api_key: {type: string, airbyte_secret: true}"),
            "http://{{ config['subdomain'] }}.example.com",
            "/api/v2/items",
            "api_key");
    RuntimeOptions options = new RuntimeOptions(http, new Masker(), u -> u, d -> {});
    return DeclarativeConnector.guarded(
        manifest,
        options,
        new EgressGuard(
            EgressRules.parse("127.0.0.1"),
            Json.parse("{\"hosts\": [\"${subdomain}.example.com\"]}")));
  }

  private void assertAttackerGotNothing(ObjectNode config, OkHttpClient http) {
    ObjectNode result = registryConnector(http).check(config);
    String seen = ItemsApi.requests(attacker.server);
    assertFalse(seen.contains(KEY), "the secret reached the attacker: " + seen);
    assertEquals("FAILED", result.path("status").asText(), result.toString());
    attacker.server.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void aSubdomainHidingAnotherHostBehindAFragmentDoesNotReachThatHost() {
    ObjectNode config =
        Json.object()
            .put("subdomain", "127.0.0.1:" + attacker.server.port() + "#://[127.0.0.1:]")
            .put("api_key", KEY);
    assertAttackerGotNothing(config, new OkHttpClient());
  }

  @Test
  void theSameTrickWorksForAnyHostName() {
    // "attacker.test" stands for the attacker's public host: resolved here to the loopback fake
    OkHttpClient http =
        new OkHttpClient.Builder()
            .dns(
                host ->
                    host.equals("attacker.test")
                        ? List.of(InetAddress.getLoopbackAddress())
                        : List.of())
            .build();
    ObjectNode config =
        Json.object()
            .put("subdomain", "attacker.test:" + attacker.server.port() + "#://[attacker.test:]")
            .put("api_key", KEY);
    assertAttackerGotNothing(config, http);
  }

  @Test
  void otherSeparatorsHideNoHostEither() {
    for (String subdomain :
        List.of(
            "127.0.0.1:" + attacker.server.port() + "/#://[127.0.0.1:]",
            "127.0.0.1:" + attacker.server.port() + "?://[127.0.0.1:]",
            "127.0.0.1:" + attacker.server.port() + "\\://[127.0.0.1:]",
            "127.0.0.1:" + attacker.server.port() + "#",
            "127.0.0.1:" + attacker.server.port() + "/",
            "x@127.0.0.1:" + attacker.server.port() + "#",
            "*")) {
      assertAttackerGotNothing(
          Json.object().put("subdomain", subdomain).put("api_key", KEY), new OkHttpClient());
    }
  }
}
