package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A paginator that puts its page token into the body of a GET: the CDK sends that body, and so does
 * this runtime, so page 2 is asked for with the token and the read goes on to its end. The fake API
 * answers page 2 only to a GET whose body holds the token.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GetBodyPageTokenTest {
  @RegisterExtension final FakeApi api = new FakeApi();

  private DeclarativeConnector connector(String injectInto, String strategy) {
    String yaml =
        TestManifests.source(
            "items",
            "",
            TestManifests.stream(
                "items",
                TestManifests.get("https://api.example.com", "/items", "[items]")
                    + "      paginator:\n"
                    + "        type: DefaultPaginator\n"
                    + "        page_token_option: {type: RequestOption, inject_into: "
                    + injectInto
                    + ", field_name: page}\n"
                    + "        pagination_strategy: "
                    + strategy
                    + "\n",
                ""));
    return DeclarativeConnector.of(
        new ManifestLoader(null, Optional::empty).fromText("get-body", yaml), api.options());
  }

  private List<Integer> ids(DeclarativeConnector c) {
    return FakeApi.read(c, Json.object(), FakeApi.catalog("full_refresh", "items"), null)
        .records("items")
        .stream()
        .map(r -> r.path("id").asInt())
        .toList();
  }

  @Test
  void aCursorInTheJsonBodyOfAGetAsksForPageTwoWithIt() {
    api.server.stubFor(
        get(urlPathEqualTo("/items"))
            .atPriority(2)
            .willReturn(okJson("{\"items\": [{\"id\": 1}], \"next\": \"abc\"}")));
    api.server.stubFor(
        get(urlPathEqualTo("/items"))
            .atPriority(1)
            .withRequestBody(equalToJson("{\"page\": \"abc\"}"))
            .willReturn(okJson("{\"items\": [{\"id\": 2}]}")));
    List<Integer> ids =
        ids(
            connector(
                "body_json",
                "{type: CursorPagination, cursor_value: '{{ response.next }}',"
                    + " stop_condition: '{{ not response.next }}'}"));
    assertEquals(List.of(1, 2), ids, "page 2 is answered only to a GET carrying the cursor");
    api.server.verify(
        1,
        getRequestedFor(urlPathEqualTo("/items"))
            .withHeader("Content-Type", containing("application/json"))
            .withRequestBody(equalToJson("{\"page\": \"abc\"}")));
  }

  @Test
  void aPageNumberInTheFormBodyOfAGetAsksForPageTwoWithIt() {
    api.server.stubFor(
        get(urlPathEqualTo("/items"))
            .atPriority(2)
            .willReturn(okJson("{\"items\": [{\"id\": 1}, {\"id\": 2}]}")));
    api.server.stubFor(
        get(urlPathEqualTo("/items"))
            .atPriority(1)
            .withRequestBody(equalTo("page=2"))
            .willReturn(okJson("{\"items\": [{\"id\": 3}]}")));
    List<Integer> ids =
        ids(connector("body_data", "{type: PageIncrement, page_size: 2, start_from_page: 1}"));
    assertEquals(List.of(1, 2, 3), ids, "page 2 is answered only to a GET with page=2 as its form");
    api.server.verify(
        1,
        getRequestedFor(urlPathEqualTo("/items"))
            .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
            .withRequestBody(equalTo("page=2")));
  }

  @Test
  void theFirstPagesTokenGoesIntoTheBodyOfTheFirstGet() {
    api.server.stubFor(
        get(urlPathEqualTo("/items")).willReturn(okJson("{\"items\": [{\"id\": 1}]}")));
    List<Integer> ids =
        ids(
            connector(
                "body_json",
                "{type: PageIncrement, page_size: 2, start_from_page: 1,"
                    + " inject_on_first_request: true}"));
    assertEquals(List.of(1), ids, "a short first page ends the read without a next token");
    JsonNode sent =
        Json.parse(api.server.getAllServeEvents().get(0).getRequest().getBodyAsString());
    assertEquals(1, sent.path("page").asInt(), "the first GET carries the start page: " + sent);
  }
}
