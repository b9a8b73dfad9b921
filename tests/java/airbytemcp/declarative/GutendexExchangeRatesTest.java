package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.protocol.AirbyteMessage;
import airbytemcp.protocol.MessageType;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GutendexExchangeRatesTest {
  @RegisterExtension final FakeApi api = new FakeApi();

  private static String books(int from, int count, boolean more) {
    StringBuilder b =
        new StringBuilder("{\"count\": 37, \"next\": ")
            .append(more ? "\"https://gutendex.com/books/?page=2\"" : "null")
            .append(", \"previous\": null, \"results\": [");
    for (int i = 0; i < count; i++) {
      int id = from + i;
      b.append(i > 0 ? "," : "")
          .append("{\"id\": ")
          .append(id)
          .append(", \"title\": \"Book ")
          .append(id)
          .append("\", \"authors\": [{\"name\": \"Author ")
          .append(id)
          .append("\", \"birth_year\": 1800, \"death_year\": 1870}],")
          .append(
              " \"translators\": [], \"subjects\": [], \"bookshelves\": [], \"languages\": [\"en\"],")
          .append(
              " \"copyright\": false, \"media_type\": \"Text\", \"formats\": {}, \"download_count\": ")
          .append(100 + id)
          .append("}");
    }
    return b.append("]}").toString();
  }

  @Test
  void gutendexPagesFromPageZeroLikeTheCdkUntilAShortPage() {
    // PageIncrement starts from page 0 (the schema default) and does not inject it, so the CDK asks
    // for the
    // unnumbered page, then pages 1 and 2; Gutendex serves page 1 for both of the first two.
    api.server.stubFor(
        get(urlPathEqualTo("/books"))
            .withQueryParam("page", absent())
            .willReturn(okJson(books(1, 32, true))));
    api.server.stubFor(
        get(urlPathEqualTo("/books"))
            .withQueryParam("page", equalTo("1"))
            .willReturn(okJson(books(1, 32, true))));
    api.server.stubFor(
        get(urlPathEqualTo("/books"))
            .withQueryParam("page", equalTo("2"))
            .willReturn(okJson(books(33, 5, false))));
    JsonNode config = Json.parse("{\"languages\": \"en\", \"topic\": \"children\"}");
    FakeApi.Output out =
        FakeApi.read(
            api.connector("source-gutendex"),
            config,
            FakeApi.catalog("full_refresh", "books"),
            null);
    List<JsonNode> records = out.records("books");
    assertEquals(69, records.size());
    assertEquals(37, records.get(68).path("id").asInt());
    api.server.verify(
        3,
        getRequestedFor(urlPathEqualTo("/books"))
            .withQueryParam("languages", equalTo("en"))
            .withQueryParam("topic", equalTo("children"))
            .withQueryParam("search", absent()));
    api.server.verify(
        1, getRequestedFor(urlPathEqualTo("/books")).withQueryParam("page", equalTo("2")));
  }

  private static String rates(String date) {
    return "{\"success\": true, \"timestamp\": 1704153600, \"base\": \"EUR\", \"date\": \""
        + date
        + "\","
        + " \"rates\": {\"USD\": 1.09, \"GBP\": 0.86, \"JPY\": 155.2}}";
  }

  private static final String KEY = "xr-secret-key-8f2a91";

  @Test
  void exchangeRatesSendsTheKeyHeaderAndTheStartDateAndKeepsState() {
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    api.server.stubFor(
        get(urlPathEqualTo("/exchangerates_data/latest"))
            .withHeader("apikey", equalTo(KEY))
            .willReturn(okJson(rates(today))));
    JsonNode config =
        Json.parse(
            "{\"access_key\": \"" + KEY + "\", \"start_date\": \"2024-01-02\", \"base\": \"EUR\"}");
    DeclarativeConnector c = api.connector("source-exchange-rates");
    FakeApi.Output first =
        FakeApi.read(c, config, FakeApi.catalog("incremental", "exchange_rates"), null);
    assertEquals(1, first.records("exchange_rates").size());
    assertEquals(today, first.lastStreamState().path("date").asText());
    api.server.verify(
        getRequestedFor(urlPathEqualTo("/exchangerates_data/latest"))
            .withQueryParam("date", equalTo("2024-01-02")));

    FakeApi.Output second =
        FakeApi.read(
            c, config, FakeApi.catalog("incremental", "exchange_rates"), first.resumeState());
    api.server.verify(
        getRequestedFor(urlPathEqualTo("/exchangerates_data/latest"))
            .withQueryParam("date", equalTo(today)));
    assertEquals(today, second.lastStreamState().path("date").asText());
  }

  @Test
  void rateLimitedRequestsWaitForRetryAfter() {
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    api.server.stubFor(
        get(urlPathEqualTo("/exchangerates_data/latest"))
            .inScenario("limit")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3"))
            .willSetStateTo("ok"));
    api.server.stubFor(
        get(urlPathEqualTo("/exchangerates_data/latest"))
            .inScenario("limit")
            .whenScenarioStateIs("ok")
            .willReturn(okJson(rates(today))));
    JsonNode config =
        Json.parse("{\"access_key\": \"" + KEY + "\", \"start_date\": \"2024-01-02\"}");
    FakeApi.Output out =
        FakeApi.read(
            api.connector("source-exchange-rates"),
            config,
            FakeApi.catalog("full_refresh", "exchange_rates"),
            null);
    assertEquals(1, out.records("exchange_rates").size());
    assertEquals(List.of(Duration.ofSeconds(3)), api.sleeps);
  }

  @Test
  void aRefusedKeyFailsTheStreamWithATraceThatNeverShowsTheKey() {
    api.server.stubFor(
        get(urlPathEqualTo("/exchangerates_data/latest"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withBody(
                        "{\"message\": \"Invalid authentication credentials: " + KEY + "\"}")));
    JsonNode config =
        Json.parse("{\"access_key\": \"" + KEY + "\", \"start_date\": \"2024-01-02\"}");
    List<AirbyteMessage> messages = new ArrayList<>();
    DeclarativeError e =
        assertThrows(
            DeclarativeError.class,
            () ->
                api.connector("source-exchange-rates")
                    .read(
                        config,
                        FakeApi.catalog("full_refresh", "exchange_rates"),
                        Optional.empty(),
                        messages::add));
    JsonNode trace =
        messages.stream()
            .filter(
                m ->
                    m.type() == MessageType.TRACE
                        && m.payload().path("type").asText().equals("ERROR"))
            .findFirst()
            .orElseThrow()
            .payload();
    assertTrue(trace.at("/error/message").asText().contains("401"), trace.toString());
    assertEquals("config_error", trace.at("/error/failure_type").asText());
    for (AirbyteMessage m : messages) {
      assertFalse(m.json().toString().contains(KEY), m.json().toString());
    }
    assertFalse(e.getMessage().contains(KEY), "did not expect " + KEY + " in: " + e.getMessage());
  }
}
