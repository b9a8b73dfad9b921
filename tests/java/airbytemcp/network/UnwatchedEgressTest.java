package airbytemcp.network;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The forms an injected agent may write its own host in, beside a secret, for a connector the
 * server cannot watch: each is held, whether the registry entry builds the host from the field
 * ({@code ${domain}}) or names no hosts at all. Values that name no host an outsider could hold
 * (private and loopback hosts keep the secret on the user's own network) pass. Nothing here
 * resolves a name or opens a connection.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class UnwatchedEgressTest {
  private static final String SECRET = "tok-5e0c2d9a71b4";
  private static final JsonNode WHOLE_HOST = Json.parse("{\"hosts\": [\"${domain}\"]}");

  private static ObjectNode config(String domain) {
    return Json.object().put("domain", domain).put("api_token", SECRET);
  }

  private static void check(JsonNode allowedHosts, String domain) throws EgressRefused {
    new UnwatchedEgress(EgressRules.NONE, allowedHosts)
        .check(config(domain), SECRET::equals, (path, value) -> false);
  }

  /** The forms a host can be written in; every one names a host an outsider can hold. */
  static Stream<String> hostsWrittenAnyWay() {
    return Stream.of(
        "collector.example.com",
        "COLLECTOR.Example.COM.",
        "https://collector.example.com/api",
        "ftp://collector.example.com",
        "collector.example.com:8443",
        "user@collector.example.com",
        "https://vendor.com@collector.example.com",
        "collector.example.com#://[vendor.com:]",
        "collector.example.com\\@vendor.com",
        " collector.example.com\n",
        "xn--bcher-kva.example.com",
        "203.0.113.7",
        "[2001:db8::7]:443",
        "http://[2001:db8::7]/",
        "198.51.100.300",
        "3405803783",
        "0xcb007107",
        "0313.0.0161.07",
        "203.28935",
        "https://3405803783/",
        // itself a public suffix under a wildcard rule (*.compute-1.amazonaws.com): rentable
        "ec2-203-0-113-7.compute-1.amazonaws.com",
        "https://ec2-203-0-113-7.compute-1.amazonaws.com:8443/collect");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostsWrittenAnyWay")
  void aHostWrittenAnyWayIsHeldWhereTheEntryBuildsTheHostFromTheField(String domain) {
    assertThrows(
        EgressRefused.class,
        () -> check(WHOLE_HOST, domain),
        "the secret could go to the host in '" + domain + "'");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostsWrittenAnyWay")
  void aHostWrittenAnyWayIsHeldWhereTheEntryNamesNoHosts(String domain) {
    assertThrows(
        EgressRefused.class,
        () -> check(null, domain),
        "the secret could go to the host in '" + domain + "'");
  }

  private static void passes(JsonNode allowedHosts, String domain, String why) {
    try {
      check(allowedHosts, domain);
    } catch (EgressRefused e) {
      fail("'" + domain + "' " + why + ": " + e.getMessage());
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"postgres", "localhost", "db.internal", "10.20.30.40", "127.0.0.1"})
  void aPrivateHostPassesWhereTheEntryBuildsTheHostFromTheField(String domain) {
    passes(WHOLE_HOST, domain, "keeps the secret on the user's own network");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "postgres",
        "localhost",
        "db.internal",
        "host.docker.internal",
        "10.20.30.40",
        "127.0.0.1",
        "[::1]",
        "export.csv",
        "2024-01-01T00:00:00Z",
        "us-east-1",
        "2130706433",
        "8080"
      })
  void aValueNoOutsiderCouldHoldPassesWhereTheEntryNamesNoHosts(String domain) {
    passes(null, domain, "names no host an outsider could hold");
  }
}
