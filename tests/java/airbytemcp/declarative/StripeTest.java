package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * source-stripe customers: a StateDelegatingStream (list endpoint in full, events endpoint
 * incrementally).
 */
class StripeTest {
  @RegisterExtension final FakeApi api = new FakeApi();
  private static final String SECRET = "sk_test_51Hx9Zq2eZvKYlo2C";
  private final long fiveDaysAgo = Instant.now().minus(5, ChronoUnit.DAYS).getEpochSecond();
  private JsonNode config;

  private String customer(String id, long created) {
    return "{\"id\": \""
        + id
        + "\", \"object\": \"customer\", \"created\": "
        + created
        + ", \"email\": \""
        + id
        + "@example.com\", \"livemode\": false, \"metadata\": {}}";
  }

  @BeforeEach
  void fakeStripe() {
    config =
        Json.parse(
            "{\"client_secret\": \""
                + SECRET
                + "\", \"account_id\": \"acct_1Hx9Zq\", \"start_date\": \""
                + Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)
                + "\"}");
    api.server.stubFor(
        get(urlPathEqualTo("/v1/customers"))
            .withQueryParam("starting_after", absent())
            .withHeader("Authorization", equalTo("Bearer " + SECRET))
            .withHeader("Stripe-Version", equalTo("2022-11-15"))
            .withHeader("Stripe-Account", equalTo("acct_1Hx9Zq"))
            .willReturn(
                okJson(
                    "{\"object\": \"list\", \"url\": \"/v1/customers\", \"has_more\": true, \"data\": ["
                        + customer("cus_1", fiveDaysAgo)
                        + ","
                        + customer("cus_2", fiveDaysAgo + 60)
                        + "]}")));
    api.server.stubFor(
        get(urlPathEqualTo("/v1/customers"))
            .withQueryParam("starting_after", equalTo("cus_2"))
            .willReturn(
                okJson(
                    "{\"object\": \"list\", \"url\": \"/v1/customers\", \"has_more\": false, \"data\": ["
                        + customer("cus_3", fiveDaysAgo + 120)
                        + "]}")));
    api.server.stubFor(
        get(urlPathEqualTo("/v1/events"))
            .willReturn(
                okJson(
                    "{\"object\": \"list\", \"has_more\": false, \"data\": ["
                        + "{\"id\": \"evt_1\", \"object\": \"event\", \"type\": \"customer.deleted\", \"created\": "
                        + (fiveDaysAgo + 300)
                        + ", \"data\": {\"object\": "
                        + customer("cus_2", fiveDaysAgo + 60)
                        + "}}]}")));
  }

  @Test
  void withoutStateCustomersAreListedPageByPage() {
    FakeApi.Output out =
        FakeApi.read(
            api.connector("source-stripe"),
            config,
            FakeApi.catalog("incremental", "customers"),
            null);
    List<JsonNode> records = out.records("customers");
    assertEquals(
        List.of("cus_1", "cus_2", "cus_3"),
        records.stream().map(r -> r.path("id").asText()).toList());
    assertEquals(fiveDaysAgo + 120, records.get(2).path("updated").asLong());
    assertEquals(Long.toString(fiveDaysAgo + 120), out.lastStreamState().path("updated").asText());
    api.server.verify(
        getRequestedFor(urlPathEqualTo("/v1/customers"))
            .withQueryParam("limit", equalTo("100"))
            .withQueryParam(
                "created[gte]",
                equalTo(
                    Long.toString(
                        config.path("start_date").asText().isEmpty()
                            ? 0
                            : Instant.parse(config.path("start_date").asText())
                                .getEpochSecond()))));
  }

  @Test
  void withStateCustomersComeFromEventsAndDeletionsAreMarked() {
    FakeApi.Output first =
        FakeApi.read(
            api.connector("source-stripe"),
            config,
            FakeApi.catalog("incremental", "customers"),
            null);
    FakeApi.Output second =
        FakeApi.read(
            api.connector("source-stripe"),
            config,
            FakeApi.catalog("incremental", "customers"),
            first.resumeState());
    List<JsonNode> records = second.records("customers");
    assertEquals(1, records.size());
    assertEquals("cus_2", records.get(0).path("id").asText());
    assertTrue(records.get(0).path("is_deleted").asBoolean(), records.toString());
    api.server.verify(
        getRequestedFor(urlPathEqualTo("/v1/events"))
            .withQueryParam("types[]", equalTo("customer.deleted"))
            .withQueryParam("created[gte]", equalTo(Long.toString(fiveDaysAgo + 120))));
  }

  @Test
  void stateOlderThanTheRetentionPeriodReadsInFullAgain() {
    long old = Instant.now().minus(45, ChronoUnit.DAYS).getEpochSecond();
    JsonNode state =
        Json.parse(
            "[{\"type\": \"STREAM\", \"stream\": {\"stream_descriptor\": {\"name\": \"customers\"},"
                + " \"stream_state\": {\"updated\": \""
                + old
                + "\"}}}]");
    FakeApi.Output out =
        FakeApi.read(
            api.connector("source-stripe"),
            config,
            FakeApi.catalog("incremental", "customers"),
            state);
    assertEquals(3, out.records("customers").size());
    api.server.verify(0, getRequestedFor(urlPathEqualTo("/v1/events")));
  }
}
