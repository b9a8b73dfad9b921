package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CoingeckoTest {
  @RegisterExtension final FakeApi api = new FakeApi();

  private static String history(String date, double usd) {
    return "{\"id\": \"bitcoin\", \"symbol\": \"btc\", \"name\": \"Bitcoin\", \"market_data\": {\"current_price\": {\"usd\": "
        + usd
        + "}, \"market_cap\": {\"usd\": 8.1E11}, \"total_volume\": {\"usd\": 1.2E10}}, \"_date\": \""
        + date
        + "\"}";
  }

  @Test
  void historyAsksForEachDayAndStampsRecordsWithTheSliceDate() {
    api.server.stubFor(
        get(urlPathEqualTo("/api/v3/coins/bitcoin/history"))
            .withQueryParam("date", equalTo("01-03-2024"))
            .willReturn(okJson(history("01-03-2024", 61000.5))));
    api.server.stubFor(
        get(urlPathEqualTo("/api/v3/coins/bitcoin/history"))
            .withQueryParam("date", equalTo("02-03-2024"))
            .willReturn(okJson(history("02-03-2024", 62000.25))));
    JsonNode config =
        Json.parse(
            "{\"coin_id\": \"bitcoin\", \"vs_currency\": \"usd\", \"days\": \"7\","
                + " \"start_date\": \"01-03-2024\", \"end_date\": \"02-03-2024\"}");
    FakeApi.Output out =
        FakeApi.read(
            api.connector("source-coingecko-coins"),
            config,
            FakeApi.catalog("incremental", "history"),
            null);
    List<JsonNode> records = out.records("history");
    assertEquals(
        List.of("01-03-2024", "02-03-2024"),
        records.stream().map(r -> r.path("date").asText()).toList());
    assertEquals(62000.25, records.get(1).at("/market_data/current_price/usd").asDouble());
    assertEquals("02-03-2024", out.lastStreamState().path("date").asText());
    api.server.verify(
        getRequestedFor(urlPathEqualTo("/api/v3/coins/bitcoin/history"))
            .withQueryParam("vs_currency", equalTo("usd"))
            .withQueryParam("x_cg_pro_api_key", absent()));
  }

  @Test
  void marketChartReadsTheChartAsOneRecord() {
    api.server.stubFor(
        get(urlPathEqualTo("/api/v3/coins/bitcoin/market_chart"))
            .withQueryParam("days", equalTo("7"))
            .willReturn(
                okJson(
                    "{\"prices\": [[1709251200000, 61000.5], [1709337600000, 62000.25]],"
                        + " \"market_caps\": [[1709251200000, 8.1E11]], \"total_volumes\": [[1709251200000, 1.2E10]]}")));
    JsonNode config =
        Json.parse(
            "{\"coin_id\": \"bitcoin\", \"vs_currency\": \"usd\", \"days\": \"7\", \"start_date\": \"01-03-2024\"}");
    FakeApi.Output out =
        FakeApi.read(
            api.connector("source-coingecko-coins"),
            config,
            FakeApi.catalog("full_refresh", "market_chart"),
            null);
    assertEquals(2, out.records("market_chart").get(0).path("prices").size());
  }
}
