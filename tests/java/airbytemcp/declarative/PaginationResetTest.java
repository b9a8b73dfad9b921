package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import airbytemcp.common.Json;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PaginationReset with SPLIT_USING_CURSOR: when the API refuses a deeper page (an error handler
 * says RESET_PAGINATION), paging starts again from page 1 with the slice narrowed to the newest
 * record read.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PaginationResetTest {
  @RegisterExtension final FakeApi api = new FakeApi();

  private DeclarativeConnector connector(boolean withReset) {
    return connector(
        withReset
            ? "      pagination_reset: {type: PaginationReset, action: SPLIT_USING_CURSOR}\n"
            : "");
  }

  private DeclarativeConnector connector(String reset) {
    String yaml =
        TestManifests.source(
            "tickets",
            "",
            TestManifests.stream(
                "tickets",
                """
              requester:
                type: HttpRequester
                url_base: https://api.example.com
                path: /tickets
                http_method: GET
                error_handler:
                  type: DefaultErrorHandler
                  response_filters:
                    - {type: HttpResponseFilter, action: RESET_PAGINATION, http_codes: [400], error_message_contains: beyond the 2nd page}
              record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: []}}
              paginator:
                type: DefaultPaginator
                page_token_option: {type: RequestOption, inject_into: request_parameter, field_name: page}
                pagination_strategy: {type: PageIncrement, page_size: 2, start_from_page: 1}
        """
                    + reset,
                """
            incremental_sync:
              type: DatetimeBasedCursor
              cursor_field: updated_at
              datetime_format: "%Y-%m-%d"
              start_datetime: "2024-01-01"
              end_datetime: "2024-12-31"
              step: P1Y
              cursor_granularity: P1D
              start_time_option: {type: RequestOption, inject_into: request_parameter, field_name: since}
        """));
    return DeclarativeConnector.of(
        new ManifestLoader(null, Optional::empty).fromText("reset", yaml), api.options());
  }

  private void serve() {
    api.server.stubFor(
        get(urlPathEqualTo("/tickets"))
            .withQueryParam("since", equalTo("2024-01-01"))
            .willReturn(
                okJson(
                    "[{\"id\": 1, \"updated_at\": \"2024-02-01\"}, {\"id\": 2, \"updated_at\": \"2024-03-01\"}]")));
    api.server.stubFor(
        get(urlPathEqualTo("/tickets"))
            .withQueryParam("since", equalTo("2024-01-01"))
            .withQueryParam("page", equalTo("2"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody("{\"message\": \"You cannot access tickets beyond the 2nd page\"}")));
    api.server.stubFor(
        get(urlPathEqualTo("/tickets"))
            .withQueryParam("since", equalTo("2024-03-01"))
            .willReturn(okJson("[{\"id\": 3, \"updated_at\": \"2024-04-01\"}]")));
  }

  @Test
  void pagingContinuesFromTheNewestRecordWhenTheApiRefusesToGoDeeper() {
    serve();
    FakeApi.Output out =
        FakeApi.read(
            connector(true), Json.object(), FakeApi.catalog("incremental", "tickets"), null);
    assertEquals(
        List.of(1, 2, 3),
        out.records("tickets").stream().map(r -> r.path("id").asInt()).toList(),
        "the records before the refusal, then those after the newest one read");
    assertEquals("2024-04-01", out.lastStreamState().path("updated_at").asText());
  }

  @Test
  void withoutAPaginationResetTheRefusalFailsTheStream() {
    serve();
    assertThrows(
        DeclarativeError.class,
        () ->
            connector(false)
                .read(
                    Json.object(),
                    FakeApi.catalog("incremental", "tickets"),
                    Optional.empty(),
                    m -> {}));
  }

  @Test
  void aRecordLimitRestartsTheSliceFromTheNewestRecordBeforeTheApiRefuses() {
    serve();
    FakeApi.Output out =
        FakeApi.read(
            connector(
                "      pagination_reset: {type: PaginationReset, action: SPLIT_USING_CURSOR,"
                    + " limits: {type: PaginationResetLimits, number_of_records: 2}}\n"),
            Json.object(),
            FakeApi.catalog("incremental", "tickets"),
            null);
    assertEquals(
        List.of(1, 2, 3),
        out.records("tickets").stream().map(r -> r.path("id").asInt()).toList(),
        "two records, then the slice again from the newest one");
    api.server.verify(
        0,
        WireMock.getRequestedFor(urlPathEqualTo("/tickets")).withQueryParam("page", equalTo("2")));
  }
}
