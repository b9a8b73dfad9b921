package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A page token the manifest puts into the body of a GET: the CDK sends such a body, this runtime's
 * HTTP client cannot, so the stream fails with that reason instead of reading page 1 again and
 * again.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GetBodyPageTokenTest {
  @RegisterExtension final FakeApi api = new FakeApi();

  private DeclarativeConnector connector(String strategy) {
    String yaml =
        TestManifests.source(
            "items",
            "",
            TestManifests.stream(
                "items",
                TestManifests.get("https://api.example.com", "/items", "[items]")
                    + "      paginator:\n"
                    + "        type: DefaultPaginator\n"
                    + "        page_token_option: {type: RequestOption, inject_into: body_json,"
                    + " field_name: page}\n"
                    + "        pagination_strategy: "
                    + strategy
                    + "\n",
                ""));
    return DeclarativeConnector.of(
        new ManifestLoader(null, Optional::empty).fromText("get-body", yaml), api.options());
  }

  @Test
  void aCursorForTheBodyOfAGetFailsTheStreamAfterTheFirstPage() {
    api.server.stubFor(
        get(urlPathEqualTo("/items"))
            .willReturn(okJson("{\"items\": [{\"id\": 1}], \"next\": \"abc\"}")));
    List<Object> emitted = new ArrayList<>();
    DeclarativeError e =
        assertThrows(
            DeclarativeError.class,
            () ->
                connector(
                        "{type: CursorPagination, cursor_value: '{{ response.next }}',"
                            + " stop_condition: '{{ not response.next }}'}")
                    .read(
                        Json.object(),
                        FakeApi.catalog("full_refresh", "items"),
                        Optional.empty(),
                        emitted::add));
    assertTrue(
        e.getMessage().contains("body of a GET request"),
        "the failure names what cannot be sent: " + e.getMessage());
    api.server.verify(1, getRequestedFor(urlPathEqualTo("/items")));
  }

  @Test
  void theFirstPagesTokenInTheBodyOfAGetIsNoObstacle() {
    api.server.stubFor(
        get(urlPathEqualTo("/items")).willReturn(okJson("{\"items\": [{\"id\": 1}]}")));
    FakeApi.Output out =
        FakeApi.read(
            connector(
                "{type: PageIncrement, page_size: 2, start_from_page: 1,"
                    + " inject_on_first_request: true}"),
            Json.object(),
            FakeApi.catalog("full_refresh", "items"),
            null);
    assertEquals(
        1, out.records("items").size(), "a short first page ends the read without a next token");
  }
}
