package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import airbytemcp.common.Json;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code headers} a CursorPagination's templates read are the CDK's: the raw header under its
 * name ({@code headers.get('Link')}), the parsed links under {@code link}, any header in its usual
 * spelling.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CursorPaginationHeadersTest {
  @RegisterExtension final FakeApi api = new FakeApi();

  private List<Integer> readIds(String tokenOption, String cursor, String stop) {
    String yaml =
        TestManifests.source(
            "items",
            "",
            TestManifests.stream(
                "items",
                TestManifests.get("https://api.example.com", "/items", "[]")
                    + "      paginator:\n"
                    + "        type: DefaultPaginator\n"
                    + "        page_token_option: "
                    + tokenOption
                    + "\n"
                    + "        pagination_strategy:\n"
                    + "          type: CursorPagination\n"
                    + "          cursor_value: '"
                    + cursor
                    + "'\n"
                    + (stop.isEmpty() ? "" : "          stop_condition: '" + stop + "'\n"),
                ""));
    DeclarativeConnector connector =
        DeclarativeConnector.of(
            new ManifestLoader(null, Optional::empty).fromText("headers", yaml), api.options());
    return FakeApi.read(connector, Json.object(), FakeApi.catalog("full_refresh", "items"), null)
        .records("items")
        .stream()
        .map(r -> r.path("id").asInt())
        .toList();
  }

  private void serveTwoPages(String header, String value) {
    api.server.stubFor(
        get(urlPathEqualTo("/items"))
            .withQueryParam("page", absent())
            .willReturn(okJson("[{\"id\": 1}]").withHeader(header, value)));
    api.server.stubFor(
        get(urlPathEqualTo("/items"))
            .withQueryParam("page", equalTo("2"))
            .willReturn(okJson("[{\"id\": 2}]")));
  }

  @Test
  void theRawLinkHeaderIsReadUnderItsName() {
    serveTwoPages("Link", "<https://api.example.com/items?page=2>; rel=\"next\"");
    assertEquals(
        List.of(1, 2),
        readIds(
            "{type: RequestPath}",
            "{{ headers.get(\"Link\", {}).split(\";\")[0][1:-1] }}",
            "{{ not headers.get(\"Link\", {}) or ''rel=\"next\"'' not in headers.get(\"Link\", {}) }}"),
        "the URL cut out of the raw Link header leads to page 2, whose missing Link stops");
  }

  @Test
  void theParsedLinksAreReadUnderLink() {
    serveTwoPages("Link", "<https://api.example.com/items?page=2>; rel=\"next\"");
    assertEquals(
        List.of(1, 2),
        readIds(
            "{type: RequestPath}",
            "{{ headers[\"link\"][\"next\"][\"url\"] }}",
            "{{ \"next\" not in headers[\"link\"] }}"),
        "headers.link is requests' response.links, keyed by rel");
  }

  @Test
  void aHeaderIsFoundInItsUsualSpellingWhateverCaseTheClientKept() {
    serveTwoPages("x-next-page", "2");
    assertEquals(
        List.of(1, 2),
        readIds(
            "{type: RequestOption, inject_into: request_parameter, field_name: page}",
            "{{ headers[\"X-Next-Page\"] }}",
            ""),
        "X-Next-Page names the header the server sent as x-next-page");
  }
}
