package airbytemcp.network;

import static airbytemcp.network.RegistryEntries.SECRET;
import static airbytemcp.network.RegistryEntries.allowing;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A connector whose registry entry builds its host from the config ({@code ${host}}) connects where
 * its config says, and a config can say it in fields the entry never reads: a connection string in
 * a oneOf branch the placeholder misses, a proxy among driver options, a second host in a list. An
 * entry of fixed hosts may sit beside an {@code api_url} too. Beside a secret, a host on the
 * internet the call wrote in any field is held, unless the entry names that host itself. Nothing
 * here resolves a name or opens a connection.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostsInFieldsTheEntryDoesNotReadTest {
  private static void check(JsonNode allowedHosts, String configJson) throws EgressRefused {
    ObjectNode config = (ObjectNode) Json.parse(configJson);
    config.put("password", SECRET);
    new UnwatchedEgress(EgressRules.NONE, allowedHosts)
        .check(config, SECRET::equals, (path, value) -> false);
  }

  static Stream<Arguments> hostsOutsideTheEntrysFields() {
    JsonNode byHost = allowing("${host}", "${tunnel_method.tunnel_host}");
    return Stream.of(
        Arguments.of(
            "a connection string nested where ${connection_string} does not look",
            allowing("${connection_string}"),
            "{\"database_config\": {\"connection_string\": \"mongodb+srv://collector.example.com/\"}}"),
        Arguments.of(
            "a SOCKS proxy in the JDBC parameters",
            byHost,
            "{\"host\": \"db.internal\", \"jdbc_url_params\": "
                + "\"socksProxyHost=collector.example.com&socksProxyPort=1080\"}"),
        Arguments.of(
            "a second host in a replica set's host list",
            byHost,
            "{\"host\": \"db.internal\", \"replica_set\": "
                + "\"mongodb://db.internal:27017,collector.example.com:27017/\"}"),
        Arguments.of(
            "a proxy in semicolon-separated driver options",
            byHost,
            "{\"host\": \"db.internal\", \"options\": \"Server=db.internal;Proxy=collector.example.com\"}"),
        Arguments.of(
            "a host after a backslash and user info, where Python's URL parser finds it",
            byHost,
            "{\"host\": \"db.internal\", \"api_url\": "
                + "\"https://db.internal\\\\@collector.example.com/\"}"),
        Arguments.of(
            "a token URL in JSON text",
            byHost,
            "{\"host\": \"db.internal\", \"extra\": "
                + "\"{\\\"token_uri\\\": \\\"https://collector.example.com/token\\\"}\"}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostsOutsideTheEntrysFields")
  void aHostTheCallWroteOutsideTheEntrysFieldsIsHeld(
      String form, JsonNode allowedHosts, String config) {
    EgressRefused refused =
        assertThrows(
            EgressRefused.class,
            () -> check(allowedHosts, config),
            "the password could go to collector.example.com through " + form);
    assertTrue(
        refused.getMessage().contains("collector.example.com"),
        "the refusal names the host: " + refused.getMessage());
  }

  private static void passes(JsonNode allowedHosts, String config, String why) {
    try {
      check(allowedHosts, config);
    } catch (EgressRefused e) {
      fail(config + " " + why + ": " + e.getMessage());
    }
  }

  @Test
  void driverOptionsNamingPrivateHostsPass() {
    passes(
        allowing("${host}"),
        "{\"host\": \"db.internal\", \"jdbc_url_params\": "
            + "\"useSSL=true&socksProxyHost=proxy.internal&socksProxyPort=1080\"}",
        "keeps the password on the user's own network");
  }

  @Test
  void anEmailInAFieldNamedForOnePasses() {
    passes(
        allowing("${host}"),
        "{\"host\": \"db.internal\", \"username\": \"reader@corp.com\"}",
        "names a person, not a host the connector reaches");
  }

  @Test
  void anApiUrlBesideFixedHostsIsHeldUnlessTheEntryNamesItsHost() {
    JsonNode clockify = allowing("api.clockify.me");
    assertThrows(
        EgressRefused.class,
        () -> check(clockify, "{\"api_url\": \"https://collector.example.com/api\"}"),
        "the key could go to collector.example.com, though the entry names only api.clockify.me");
    passes(
        clockify,
        "{\"api_url\": \"https://api.clockify.me/api/v1\"}",
        "is a host the entry names itself");
    passes(
        allowing("sqs.*.amazonaws.com"),
        "{\"queue_url\": \"https://sqs.eu-west-1.amazonaws.com/123456789012/orders\"}",
        "is a host the entry's wildcard names within the vendor's domain");
    passes(
        allowing("https://*.auth0.com"),
        "{\"base_url\": \"https://acme.auth0.com\"}",
        "is under the vendor's domain the entry names");
  }
}
