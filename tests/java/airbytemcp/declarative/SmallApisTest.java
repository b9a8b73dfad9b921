package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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

/**
 * newsdata-io, openweather, yahoo-finance-price and hugging-face-datasets against fakes of their
 * APIs.
 */
class SmallApisTest {
  @RegisterExtension final FakeApi api = new FakeApi();

  private static String news(String id, String date, String nextPage) {
    return "{\"status\": \"success\", \"totalResults\": 3, \"results\": [{\"article_id\": \""
        + id
        + "\", \"title\": \"T "
        + id
        + "\", \"link\": \"https://n.example/"
        + id
        + "\", \"pubDate\": \""
        + date
        + "\", \"language\": \"english\"}],"
        + " \"nextPage\": "
        + (nextPage == null ? "null" : "\"" + nextPage + "\"")
        + "}";
  }

  @Test
  void newsdataFollowsNextPageWithTheKeyAndJoinedFilters() {
    api.server.stubFor(
        get(urlPathEqualTo("/api/1/latest"))
            .withQueryParam("page", absent())
            .willReturn(okJson(news("a1", "2024-05-01 10:00:00", "17146"))));
    api.server.stubFor(
        get(urlPathEqualTo("/api/1/latest"))
            .withQueryParam("page", equalTo("17146"))
            .willReturn(okJson(news("a2", "2024-05-01 09:00:00", null))));
    JsonNode config =
        Json.parse(
            "{\"api_key\": \"pub_newsdata_key_123\", \"countries\": [\"us\", \"gb\"], \"start_date\": \"2024-05-01T00:00:00Z\"}");
    FakeApi.Output out =
        FakeApi.read(
            api.connector("source-newsdata-io"),
            config,
            FakeApi.catalog("full_refresh", "latest_news"),
            null);
    assertEquals(
        List.of("a1", "a2"),
        out.records("latest_news").stream().map(r -> r.path("article_id").asText()).toList());
    api.server.verify(
        2,
        getRequestedFor(urlPathEqualTo("/api/1/latest"))
            .withQueryParam("apikey", equalTo("pub_newsdata_key_123"))
            .withQueryParam("country", equalTo("us,gb"))
            .withQueryParam("domain", absent()));
  }

  @Test
  void newsdataHistoryIsIncrementalOnPubDate() {
    api.server.stubFor(
        get(urlPathEqualTo("/api/1/archive"))
            .willReturn(okJson(news("h1", "2024-05-02 08:15:00", null))));
    JsonNode config =
        Json.parse(
            "{\"api_key\": \"pub_newsdata_key_123\", \"start_date\": \"2024-05-01T00:00:00Z\", \"end_date\": \"2024-05-03\"}");
    FakeApi.Output out =
        FakeApi.read(
            api.connector("source-newsdata-io"),
            config,
            FakeApi.catalog("incremental", "historical_news"),
            null);
    assertEquals(1, out.records("historical_news").size());
    assertEquals("2024-05-02", out.lastStreamState().path("pubDate").asText());
    api.server.verify(
        getRequestedFor(urlPathEqualTo("/api/1/archive"))
            .withQueryParam("from_date", equalTo("2024-05-01"))
            .withQueryParam("to_date", equalTo("2024-05-03")));
  }

  @Test
  void openweatherSendsCheckedCoordinatesAndRetriesServerErrors() {
    api.server.stubFor(
        get(urlPathEqualTo("/data/3.0/onecall"))
            .inScenario("w")
            .whenScenarioStateIs("Started")
            .willReturn(aResponse().withStatus(500))
            .willSetStateTo("ok"));
    api.server.stubFor(
        get(urlPathEqualTo("/data/3.0/onecall"))
            .inScenario("w")
            .whenScenarioStateIs("ok")
            .willReturn(
                okJson(
                    "{\"lat\": 33.44, \"lon\": -94.04, \"timezone\": \"America/Chicago\", \"timezone_offset\": -18000,"
                        + " \"current\": {\"dt\": 1684929490, \"temp\": 292.55}}")));
    JsonNode config =
        Json.parse(
            "{\"appid\": \"ow-app-id-777\", \"lat\": \"33.44\", \"lon\": \"-94.04\", \"units\": \"metric\"}");
    FakeApi.Output out =
        FakeApi.read(
            api.connector("source-openweather"),
            config,
            FakeApi.catalog("full_refresh", "onecall"),
            null);
    assertEquals("America/Chicago", out.records("onecall").get(0).path("timezone").asText());
    api.server.verify(
        getRequestedFor(urlPathEqualTo("/data/3.0/onecall"))
            .withQueryParam("lat", equalTo("33.44"))
            .withQueryParam("lon", equalTo("-94.04"))
            .withQueryParam("units", equalTo("metric"))
            .withQueryParam("lang", absent()));
    assertEquals(1, api.sleeps.size());
  }

  private static String chart(String symbol) {
    return "{\"chart\": {\"result\": [{\"meta\": {\"currency\": \"USD\", \"symbol\": \""
        + symbol
        + "\"},"
        + " \"timestamp\": [1714570200], \"indicators\": {\"quote\": [{\"close\": [170.33]}]}}], \"error\": null}}";
  }

  @Test
  void yahooWalksTheTickersOnePagePerSymbol() {
    api.server.stubFor(
        get(urlPathEqualTo("/v8/finance/chart/AAPL"))
            .withQueryParam("symbol", equalTo("AAPL"))
            .willReturn(okJson(chart("AAPL"))));
    api.server.stubFor(
        get(urlPathEqualTo("/v8/finance/chart/MSFT"))
            .withQueryParam("symbol", equalTo("MSFT"))
            .willReturn(okJson(chart("MSFT"))));
    api.server.stubFor(
        get(urlPathEqualTo("/"))
            .willReturn(aResponse().withStatus(200).withBody("<html>Yahoo</html>")));
    JsonNode config =
        Json.parse("{\"tickers\": \"AAPL, MSFT\", \"interval\": \"1d\", \"range\": \"5d\"}");
    FakeApi.Output out =
        FakeApi.read(
            api.connector("source-yahoo-finance-price"),
            config,
            FakeApi.catalog("full_refresh", "price"),
            null);
    assertEquals(
        List.of("AAPL", "MSFT"),
        out.records("price").stream()
            .map(r -> r.at("/chart/result/0/meta/symbol").asText())
            .toList());
    api.server.verify(
        getRequestedFor(urlPathEqualTo("/v8/finance/chart/AAPL"))
            .withQueryParam("range", equalTo("5d"))
            .withQueryParam("interval", equalTo("1d")));
  }

  @Test
  void huggingFaceReadsRowsOfEverySelectedSplitWithOffsets() {
    api.server.stubFor(
        get(urlPathEqualTo("/splits"))
            .withQueryParam("dataset", equalTo("imdb"))
            .willReturn(
                okJson(
                    "{\"splits\": [{\"dataset\": \"imdb\", \"config\": \"plain_text\", \"split\": \"train\"},"
                        + " {\"dataset\": \"imdb\", \"config\": \"plain_text\", \"split\": \"test\"},"
                        + " {\"dataset\": \"imdb\", \"config\": \"plain_text\", \"split\": \"unsupervised\"}], \"pending\": [], \"failed\": []}")));
    StringBuilder full = new StringBuilder("{\"features\": [], \"rows\": [");
    for (int i = 0; i < 100; i++) {
      full.append(i > 0 ? "," : "")
          .append("{\"row_idx\": ")
          .append(i)
          .append(", \"row\": {\"text\": \"r")
          .append(i)
          .append("\", \"label\": 0}, \"truncated_cells\": []}");
    }
    full.append("], \"num_rows_total\": 101}");
    api.server.stubFor(
        get(urlPathEqualTo("/rows"))
            .withQueryParam("split", equalTo("train"))
            .withQueryParam("offset", equalTo("0"))
            .willReturn(okJson(full.toString())));
    api.server.stubFor(
        get(urlPathEqualTo("/rows"))
            .withQueryParam("split", equalTo("train"))
            .withQueryParam("offset", equalTo("100"))
            .willReturn(
                okJson(
                    "{\"rows\": [{\"row_idx\": 100, \"row\": {\"text\": \"last\", \"label\": 1}, \"truncated_cells\": []}]}")));
    api.server.stubFor(
        get(urlPathEqualTo("/rows"))
            .withQueryParam("split", equalTo("test"))
            .willReturn(
                okJson(
                    "{\"rows\": [{\"row_idx\": 0, \"row\": {\"text\": \"t\", \"label\": 1}, \"truncated_cells\": []}]}")));
    JsonNode config =
        Json.parse("{\"dataset_name\": \"imdb\", \"dataset_splits\": [\"train\", \"test\"]}");
    FakeApi.Output out =
        FakeApi.read(
            api.connector("source-hugging-face-datasets"),
            config,
            FakeApi.catalog("full_refresh", "rows", "splits"),
            null);
    List<JsonNode> rows = out.records("rows");
    assertEquals(102, rows.size());
    assertEquals("imdb::plain_text::train", rows.get(0).path("config").asText());
    assertEquals("imdb::plain_text::test", rows.get(101).path("config").asText());
    assertEquals(
        List.of("train", "test"),
        out.records("splits").stream().map(r -> r.path("split").asText()).toList());
    api.server.verify(
        getRequestedFor(urlPathEqualTo("/rows"))
            .withQueryParam("dataset", equalTo("imdb"))
            .withQueryParam("config", equalTo("plain_text"))
            .withQueryParam("length", equalTo("100")));
  }
}
