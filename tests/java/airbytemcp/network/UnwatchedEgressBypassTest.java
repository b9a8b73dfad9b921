package airbytemcp.network;

import static airbytemcp.network.RegistryEntries.SECRET;
import static airbytemcp.network.RegistryEntries.allowing;
import static org.junit.jupiter.api.Assertions.assertThrows;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Red-team findings against the call-named-host rule for connectors out of sight: values a
 * prompt-injected agent can choose that a real connector (registry entries and specs as in the OSS
 * registry) turns into a connection to a host of the attacker's, with the user's secret, while
 * {@link UnwatchedEgress#check} lets them through. Nothing here resolves a name or connects.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class UnwatchedEgressBypassTest {
  private static void check(JsonNode allowedHosts, String configJson) throws EgressRefused {
    new UnwatchedEgress(EgressRules.NONE, allowedHosts)
        .check(Json.parse(configJson), SECRET::equals, (path, value) -> false);
  }

  /**
   * source-jotform's entry lists "*&#47;API" (an Enterprise URL's path); fixedHosts() reduces it
   * with AllowedHosts.hostPart to "*", which allows every host. Its manifest's url_base is
   * config['api_endpoint']['enterprise_url'] and the API key goes in the apiKey query parameter.
   */
  private static final JsonNode JOTFORM =
      allowing("api.jotform.com", "eu-api.jotform.com", "hipaa-api.jotform.com", "*/API");

  private static final String JOTFORM_ENTERPRISE =
      "{\"api_endpoint\": {\"api_endpoint\": \"enterprise\", "
          + "\"enterprise_url\": \"https://collector.example.com/API\"}, "
          + "\"start_date\": \"2024-01-01T00:00:00Z\", \"end_date\": \"2024-02-01T00:00:00Z\"";

  @Test
  void jotformsEnterpriseUrlOnAnAttackersHostIsHeld() {
    assertThrows(
        EgressRefused.class,
        () -> check(JOTFORM, JOTFORM_ENTERPRISE + ", \"api_key\": \"" + SECRET + "\"}"),
        "the Jotform API key would go to collector.example.com as ?apiKey=");
  }

  @Test
  void jotformsEnterpriseUrlIsHeldOnACloudUpdateToo() {
    // a deployed actor keeps its stored api_key through an update that does not carry it
    assertThrows(
        EgressRefused.class,
        () ->
            new UnwatchedEgress(EgressRules.NONE, JOTFORM)
                .check(Json.parse(JOTFORM_ENTERPRISE + "}"), v -> false, (p, v) -> false, true),
        "Airbyte would send the stored API key to collector.example.com");
  }

  /**
   * source-kafka / destination-kafka have no allowedHosts, so only the every-field scan applies.
   * The connector hands bootstrap_servers verbatim to the Kafka client, whose host:port pattern
   * takes an optional "[0-9a-zA-Z-%._]*://" prefix (older clients: any prefix), so each of these
   * bootstraps to collector.example.com:9092 and, with SASL_PLAINTEXT + PLAIN, sends the
   * sasl_jaas_config's username and password to it in clear. AllowedHosts.hostOf's SCHEME needs a
   * letter first and no underscore, OkHttp reads none of them, and ':' and '/' are no PARTS.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "SASL_PLAINTEXT://collector.example.com:9092",
        "SASL_SSL://collector.example.com:9092",
        "://collector.example.com:9092",
        "kafka-1.internal:9092,SASL_PLAINTEXT://collector.example.com:9092"
      })
  void aKafkaBootstrapServerBehindAListenerPrefixIsHeld(String servers) {
    assertThrows(
        EgressRefused.class,
        () ->
            check(
                null,
                "{\"bootstrap_servers\": \""
                    + servers
                    + "\", \"protocol\": {\"security_protocol\": \"SASL_PLAINTEXT\", "
                    + "\"sasl_mechanism\": \"PLAIN\", \"sasl_jaas_config\": \""
                    + SECRET
                    + "\"}}"),
        "the SASL password would go to collector.example.com");
  }

  /**
   * inet_aton, which glibc's getaddrinfo (Python connectors) and Java's InetAddress (JDBC
   * connectors) both follow, reads "203.0.7" and "203.7" as 203.0.0.7, a public address.
   * UnwatchedEgress.numericAddress takes two or three small decimal parts for a version number, so
   * isPublic says no. In a ${host} field (source-postgres' entry) nothing is a version.
   */
  @ParameterizedTest
  @ValueSource(strings = {"203.0.7", "203.7", "https://203.0.7:8443/"})
  void aShortFormOfAPublicAddressIsHeld(String host) {
    assertThrows(
        EgressRefused.class,
        () ->
            check(
                allowing("${host}", "${tunnel_method.tunnel_host}"),
                "{\"host\": \"" + host + "\", \"port\": 5432, \"password\": \"" + SECRET + "\"}"),
        host + " is 203.0.0.7 to the connector's resolver");
  }

  /**
   * ".arpa" is in PRIVATE_TOP_LEVELS, yet in-addr.arpa and ip6.arpa are delegated to whoever holds
   * an address block (an IPv6 tunnel broker hands out a /48 with its ip6.arpa zone), and an A
   * record under one's own reverse zone resolves through any public resolver.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "collector.7.113.0.203.in-addr.arpa",
        "collector.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa"
      })
  void aNameUnderAReverseZoneIsHeld(String host) {
    assertThrows(
        EgressRefused.class,
        () ->
            check(
                allowing("${host}"),
                "{\"host\": \"" + host + "\", \"password\": \"" + SECRET + "\"}"),
        host + " resolves wherever its reverse zone's holder says");
  }

  /**
   * source-amazon-sqs's entry allows sqs.*.amazonaws.com, and its wildcard also covers
   * sqs.collector.s3.amazonaws.com: a bucket's name, under the public suffix s3.amazonaws.com,
   * which anyone can create and read the access logs of.
   */
  @Test
  void aWildcardDoesNotVouchForABucketUnderAPublicSuffix() {
    assertThrows(
        EgressRefused.class,
        () ->
            check(
                allowing("sqs.*.amazonaws.com"),
                "{\"queue_url\": \"https://sqs.collector.s3.amazonaws.com/1/q\", "
                    + "\"secret_key\": \""
                    + SECRET
                    + "\"}"),
        "the entry's wildcard reaches into s3.amazonaws.com, where anyone holds a bucket");
  }
}
