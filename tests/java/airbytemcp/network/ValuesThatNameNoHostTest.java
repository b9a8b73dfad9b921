package airbytemcp.network;

import static airbytemcp.network.RegistryEntries.SECRET;
import static airbytemcp.network.RegistryEntries.allowing;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values real connectors' specs give as examples, none naming a host: beside a secret they pass for
 * a connector out of sight, whether its entry fixes its hosts or lists none, so the rule on
 * call-named hosts costs a user nothing where no host is named. Nothing here resolves a name.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ValuesThatNameNoHostTest {
  private static final JsonNode FIXED = allowing("api.vendor.com");

  private static void check(JsonNode allowedHosts, String field, String value, JsonNode spec)
      throws EgressRefused {
    ObjectNode config = Json.object().put(field, value).put("api_key", SECRET);
    new UnwatchedEgress(EgressRules.NONE, allowedHosts)
        .check(
            config,
            SECRET::equals,
            (path, v) -> spec != null && CallNamedHosts.specOffers(spec, path, v));
  }

  private static void passes(JsonNode allowedHosts, String field, String value, JsonNode spec) {
    try {
      check(allowedHosts, field, value, spec);
    } catch (EgressRefused e) {
      fail(field + "='" + value + "' names no host, yet: " + e.getMessage());
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "2021-01-01T00:00:00.000Z",
        "2021-06-11T23:59:59.244Z",
        "oauth2.0",
        "OAuth2.0",
        "Default OAuth2.0 authorization",
        "v2.0",
        "3.11",
        "1.2.3",
        "123456789",
        "1651363200",
        "45.7603",
        "arn:aws:iam::123456789:role/ExternalIdIsYourWorkspaceId",
        "urn:li:sponsoredAccount:123456789",
        "ga4:123456789",
        "public.users",
        "my-project.dataset.table",
        "$.data.items",
        "data.items[*].id",
        "com.example.Class",
        "en_US.UTF-8",
        "offline_access Files.Read.All Sites.Read.All",
        "^.*\\.csv$"
      })
  void aValueNamingNoHostPasses(String value) {
    passes(FIXED, "start_date", value, null);
    passes(null, "start_date", value, null);
  }

  @Test
  void numbersInAFieldNamedForAHostAreAnAddress() {
    for (String value : new String[] {"3405803783", "203.28935", "203.0.7"}) {
      assertThrows(
          EgressRefused.class,
          () -> check(null, "server", value, null),
          value + " in a server field is 203.0.x.x to a resolver");
    }
  }

  @Test
  void aHostTheSpecOffersInAOneOfBranchPasses() {
    JsonNode spec =
        Json.parse(
            """
            {"type": "object", "properties": {"region": {"type": "object", "oneOf": [
              {"properties": {"api_url": {"const": "https://eu.vendor-api.com"}}},
              {"properties": {"api_url": {"const": "https://us.vendor-api.com"}}}]}}}
            """);
    ObjectNode config = Json.object();
    config.putObject("region").put("api_url", "https://us.vendor-api.com");
    config.put("api_key", SECRET);
    try {
      new UnwatchedEgress(EgressRules.NONE, null)
          .check(config, SECRET::equals, (path, v) -> CallNamedHosts.specOffers(spec, path, v));
    } catch (EgressRefused e) {
      fail("a host the connector's own spec offers is its author's choice: " + e.getMessage());
    }
  }
}
