package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.protocol.AirbyteMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WikipediaNytimesTest {
  @RegisterExtension final FakeApi api = new FakeApi();

  private static String views(String day, int views) {
    return "{\"items\": [{\"project\": \"en.wikipedia\", \"article\": \"Airbyte\", \"granularity\": \"daily\","
        + " \"timestamp\": \""
        + day
        + "00\", \"access\": \"all-access\", \"agent\": \"user\", \"views\": "
        + views
        + "}]}";
  }

  private static final String PER_ARTICLE =
      "/api/rest_v1/metrics/pageviews/per-article/en.wikipedia/all-access/user/Airbyte/daily/";

  @Test
  void wikipediaReadsOneDailySliceAtATimeAndResumesFromTheLastDay() {
    for (String day : List.of("20240101", "20240102", "20240103", "20240104")) {
      api.server.stubFor(
          get(PER_ARTICLE + day + "/" + day).willReturn(okJson(views(day, 100 + day.charAt(7)))));
    }
    JsonNode config =
        Json.parse(
            "{\"project\": \"en.wikipedia\", \"access\": \"all-access\", \"agent\": \"user\","
                + " \"article\": \"Airbyte\", \"start\": \"20240101\", \"end\": \"20240103\", \"country\": \"FR\"}");
    DeclarativeConnector c = api.connector("source-wikipedia-pageviews");
    FakeApi.Output first =
        FakeApi.read(c, config, FakeApi.catalog("incremental", "per-article"), null);
    assertEquals(3, first.records("per-article").size());
    assertEquals(
        List.of("20240101", "20240102", "20240103"),
        first.states().stream().map(s -> s.at("/stream/stream_state/timestamp").asText()).toList());
    api.server.verify(
        1,
        getRequestedFor(urlPathEqualTo(PER_ARTICLE + "20240102/20240102"))
            .withHeader("User-Agent", equalTo("AirbyteWikipediaPageviewsConnector/1.0")));

    JsonNode later = ((ObjectNode) config.deepCopy()).put("end", "20240104");
    FakeApi.Output second =
        FakeApi.read(c, later, FakeApi.catalog("incremental", "per-article"), first.resumeState());
    assertEquals(
        List.of("2024010300", "2024010400"),
        second.records("per-article").stream().map(r -> r.path("timestamp").asText()).toList());
    assertEquals("20240104", second.lastStreamState().path("timestamp").asText());
  }

  @Test
  void wikipediaTopBuildsItsPathFromStringSlices() {
    api.server.stubFor(
        get("/api/rest_v1/metrics/pageviews/top/en.wikipedia/all-access/2024/01/01")
            .willReturn(
                okJson(
                    "{\"items\": [{\"project\": \"en.wikipedia\", \"access\": \"all-access\", \"year\": \"2024\", \"month\": \"01\","
                        + " \"day\": \"01\", \"articles\": [{\"article\": \"Main_Page\", \"views\": 5000000, \"rank\": 1}]}]}")));
    JsonNode config =
        Json.parse(
            "{\"project\": \"en.wikipedia\", \"access\": \"all-access\", \"agent\": \"user\","
                + " \"article\": \"Airbyte\", \"start\": \"20240101\", \"end\": \"20240103\", \"country\": \"FR\"}");
    FakeApi.Output out =
        FakeApi.read(
            api.connector("source-wikipedia-pageviews"),
            config,
            FakeApi.catalog("full_refresh", "top"),
            null);
    assertEquals("Main_Page", out.records("top").get(0).at("/articles/0/article").asText());
  }

  private static final String NYT_KEY = "nyt-key-0c0ffee5";

  private static String archive(String... dates) {
    StringBuilder b =
        new StringBuilder(
            "{\"status\": \"OK\", \"response\": {\"meta\": {\"hits\": "
                + dates.length
                + "}, \"docs\": [");
    for (int i = 0; i < dates.length; i++) {
      b.append(i > 0 ? "," : "")
          .append("{\"_id\": \"nyt://article/")
          .append(dates[i])
          .append("\", \"web_url\": \"https://www.nytimes.com/x\",")
          .append(" \"pub_date\": \"")
          .append(dates[i])
          .append("\", \"headline\": {\"main\": \"Story\"}}");
    }
    return b.append("]}}").toString();
  }

  @Test
  void nytimesArchiveReadsMonthBySliceWithTheKeyInTheQuery() {
    api.server.stubFor(
        get(urlPathEqualTo("/svc/archive/v1/2024/1.json"))
            .withQueryParam("api-key", equalTo(NYT_KEY))
            .willReturn(okJson(archive("2024-01-03T05:00:00+0000", "2024-01-28T12:00:00+0000"))));
    api.server.stubFor(
        get(urlPathEqualTo("/svc/archive/v1/2024/2.json"))
            .withQueryParam("api-key", equalTo(NYT_KEY))
            .willReturn(okJson(archive("2024-02-10T09:30:00+0000"))));
    JsonNode config =
        Json.parse(
            "{\"api_key\": \""
                + NYT_KEY
                + "\", \"start_date\": \"2024-01\", \"end_date\": \"2024-02\", \"period\": 7}");
    FakeApi.Output out =
        FakeApi.read(
            api.connector("source-nytimes"),
            config,
            FakeApi.catalog("incremental", "archive"),
            null);
    assertEquals(3, out.records("archive").size());
    assertEquals("2024-02-10T09:30:00+0000", out.lastStreamState().path("pub_date").asText());
  }

  @Test
  void nytimesMostPopularSharedAddsTheShareTypeOnlyWhenConfigured() {
    api.server.stubFor(
        get(urlPathEqualTo("/svc/mostpopular/v2/shared/7/facebook.json"))
            .willReturn(
                okJson(
                    "{\"status\": \"OK\", \"num_results\": 1, \"results\": [{\"id\": 100000009, \"title\": \"Shared\"}]}")));
    JsonNode config =
        Json.parse(
            "{\"api_key\": \""
                + NYT_KEY
                + "\", \"start_date\": \"2024-01\", \"period\": 7, \"share_type\": \"facebook\"}");
    FakeApi.Output out =
        FakeApi.read(
            api.connector("source-nytimes"),
            config,
            FakeApi.catalog("full_refresh", "most_popular_shared"),
            null);
    assertEquals(100000009L, out.records("most_popular_shared").get(0).path("id").asLong());
  }

  @Test
  void aFailingRequestNamesTheUrlWithItsKeyedQueryWithheld() {
    api.server.stubFor(
        get(urlPathMatching("/svc/mostpopular/.*"))
            .willReturn(aResponse().withStatus(403).withBody("forbidden")));
    JsonNode config =
        Json.parse(
            "{\"api_key\": \"" + NYT_KEY + "\", \"start_date\": \"2024-01\", \"period\": 7}");
    List<AirbyteMessage> messages = new ArrayList<>();
    DeclarativeConnector c = api.connector("source-nytimes");
    assertThrows(
        DeclarativeError.class,
        () ->
            c.read(
                config,
                FakeApi.catalog("full_refresh", "most_popular_emailed"),
                Optional.empty(),
                messages::add));
    String all = messages.toString() + c.check(config);
    assertTrue(
        all.contains("/svc/mostpopular/v2/emailed/7.json?… (query withheld: it holds a secret)"),
        "the error should name the path and withhold the query that holds the key: " + all);
    assertFalse(all.contains(NYT_KEY), all);
  }
}
