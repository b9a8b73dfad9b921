package airbytemcp.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The guarded HTTP client refuses before any socket opens. Names resolve through a fake DNS (a
 * rebinding-style answer pointing a public-looking name at a metadata or private address), and the
 * socket step is replaced by a recorder, so nothing here ever connects anywhere.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GuardedHttpTest {
  private static final Map<String, String> ZONE =
      Map.of(
          "api.example.test", "169.254.169.254",
          "intranet.example.test", "10.0.0.5",
          "public.example.test", "93.184.216.34");
  private final List<InetSocketAddress> wouldConnect = new ArrayList<>();

  private static final Dns FAKE_DNS =
      host -> {
        String ip = ZONE.get(host);
        if (ip == null) {
          throw new UnknownHostException(host);
        }
        return List.of(InetAddress.getByName(ip));
      };

  private OkHttpClient client(EgressPolicy policy) {
    OkHttpClient base =
        new OkHttpClient.Builder().dns(FAKE_DNS).retryOnConnectionFailure(false).build();
    return GuardedHttp.guard(
        base,
        policy,
        new GuardedSocketFactory(
            policy,
            target -> {
              wouldConnect.add(target);
              throw new IOException("test stand-in: the policy allowed " + target);
            }));
  }

  private IOException call(OkHttpClient client, String url) {
    return assertThrows(
        IOException.class,
        () -> client.newCall(new Request.Builder().url(url).build()).execute().close());
  }

  @Test
  void aNameThatResolvesToTheMetadataAddressIsRefusedBeforeConnecting() {
    IOException e =
        call(
            client(EgressPolicy.of(EgressRules.parse("127.0.0.1,localhost"))),
            "http://api.example.test/latest");
    assertNotNull(EgressRefused.in(e), "refused by the rules, not by the network: " + e);
    assertEquals(List.of(), wouldConnect, "no socket may be attempted");
  }

  @Test
  void metadataAndPrivateAddressLiteralsAreRefusedAtTheSocket() {
    OkHttpClient client = client(EgressPolicy.of(EgressRules.NONE));
    for (String url :
        List.of(
            "http://169.254.169.254/latest/meta-data/",
            "http://[fd00:ec2::254]/",
            "http://10.0.0.5/",
            "http://127.0.0.1:9/",
            "http://100.100.100.200/")) {
      IOException e = call(client, url);
      assertNotNull(EgressRefused.in(e), url + " was not refused by the rules: " + e);
    }
    assertEquals(List.of(), wouldConnect, "no socket may be attempted");
  }

  @Test
  void aPrivateNameIsRefusedUnlessListedAndAllowedHostsAreEnforced() {
    IOException e =
        call(client(EgressPolicy.of(EgressRules.NONE)), "http://intranet.example.test/");
    assertNotNull(EgressRefused.in(e), e.toString());
    assertTrue(
        EgressRefused.in(e).getMessage().contains("AIRBYTE_MCP_EGRESS_HOSTS"), e.getMessage());

    AllowedHosts onlyPublic = new AllowedHosts(List.of("public.example.test"), List.of());
    IOException other =
        call(client(new EgressPolicy(EgressRules.NONE, onlyPublic)), "http://93.184.216.34/");
    assertNotNull(EgressRefused.in(other), "an address literal is not an allowed host: " + other);
    assertEquals(List.of(), wouldConnect, "no socket may be attempted");

    call(
        client(EgressPolicy.of(EgressRules.parse("intranet.example.test"))),
        "http://intranet.example.test/");
    call(client(new EgressPolicy(EgressRules.NONE, onlyPublic)), "http://public.example.test/");
    assertEquals(
        2, wouldConnect.size(), "listed and allowed hosts get through the rules: " + wouldConnect);
  }
}
