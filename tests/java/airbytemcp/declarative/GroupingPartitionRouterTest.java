package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import airbytemcp.common.Json;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GroupingPartitionRouter: batches of partitions, one request each. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GroupingPartitionRouterTest {
  @RegisterExtension final FakeApi api = new FakeApi();

  private static String manifest(String router) {
    return String.format(
        Locale.ROOT,
        """
        version: 6.0.0
        type: DeclarativeSource
        check: {type: CheckStream, stream_names: [boards]}
        definitions:
          parents:
            type: DeclarativeStream
            name: parents
            schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
            retriever:
              type: SimpleRetriever
              requester: {type: HttpRequester, url_base: https://api.example.com, path: /parents, http_method: GET}
              record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [data]}}
              paginator:
                type: DefaultPaginator
                pagination_strategy: {type: PageIncrement, page_size: 2, start_from_page: 1}
                page_token_option: {type: RequestOption, inject_into: request_parameter, field_name: page}
        streams:
          - type: DeclarativeStream
            name: boards
            schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
            retriever:
              type: SimpleRetriever
              requester:
                type: HttpRequester
                url_base: https://api.example.com
                path: /boards
                http_method: GET
                request_parameters:
                  ids: "{{ stream_partition.board_id | join(',') }}"
              record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [data]}}
              partition_router: %s
        """,
        router);
  }

  private List<String> idsSent() {
    return api.server.findAll(getRequestedFor(urlPathEqualTo("/boards"))).stream()
        .map(r -> r.queryParameter("ids").firstValue())
        .toList();
  }

  private FakeApi.Output read(String router) {
    api.server.stubFor(
        get(urlPathEqualTo("/boards")).willReturn(okJson("{\"data\": [{\"id\": 1}]}")));
    return FakeApi.read(
        DeclarativeConnector.of(
            SharedManifests.loaderValidatingWhereAvailable().fromText("grouping", manifest(router)),
            api.options()),
        Json.object(),
        FakeApi.catalog("full_refresh", "boards"),
        null);
  }

  @Test
  void partitionsAreSentInGroupsAndRepeatedKeysAreDropped() {
    read(
        """
        {type: GroupingPartitionRouter, group_size: 2, underlying_partition_router: {type: ListPartitionRouter, cursor_field: board_id, values: [a, b, a, c, d]}}
        """
            .strip());

    assertEquals(List.of("a,b", "c,d"), idsSent(), "the second 'a' is dropped, then pairs");
  }

  @Test
  void withoutDeduplicationEveryPartitionIsGroupedAndTheLastGroupMayBeShort() {
    read(
        """
        {type: GroupingPartitionRouter, group_size: 2, deduplicate: false, underlying_partition_router: {type: ListPartitionRouter, cursor_field: board_id, values: [a, b, a, c, d]}}
        """
            .strip());

    assertEquals(List.of("a,b", "a,c", "d"), idsSent());
  }

  @Test
  void theUnderlyingRoutersOwnRequestOptionIsNotSent() {
    read(
        """
        {type: GroupingPartitionRouter, group_size: 3, underlying_partition_router: {type: ListPartitionRouter, cursor_field: board_id, values: [a, b], request_option: {type: RequestOption, inject_into: request_parameter, field_name: board}}}
        """
            .strip());

    api.server.verify(
        1, getRequestedFor(urlPathEqualTo("/boards")).withQueryParam("ids", equalTo("a,b")));
    assertEquals(
        0,
        api.server
            .findAll(
                getRequestedFor(urlPathEqualTo("/boards")).withQueryParam("board", equalTo("a")))
            .size(),
        "a group injects no single partition's option");
  }

  @Test
  void aGroupOfParentRecordsCostsOnlyTheParentPagesItNeeds() {
    api.server.stubFor(
        get(urlPathEqualTo("/parents"))
            .willReturn(okJson("{\"data\": [{\"id\": \"p1\"}, {\"id\": \"p2\"}]}")));
    api.server.stubFor(
        get(urlPathEqualTo("/boards")).willReturn(okJson("{\"data\": [{\"id\": 1}]}")));
    DeclarativeConnector c =
        DeclarativeConnector.of(
            SharedManifests.loaderValidatingWhereAvailable()
                .fromText(
                    "grouping",
                    manifest(
                        """
                        {type: GroupingPartitionRouter, group_size: 2, underlying_partition_router: {type: SubstreamPartitionRouter, parent_stream_configs: [{type: ParentStreamConfig, stream: {$ref: "#/definitions/parents"}, parent_key: id, partition_field: board_id}]}}
                        """
                            .strip())),
            api.options());

    assertEquals("SUCCEEDED", c.check(Json.object()).path("status").asText());

    assertEquals(List.of("p1,p2"), idsSent(), "the first group holds the first parent page");
    api.server.verify(1, getRequestedFor(urlPathEqualTo("/parents")));
  }
}
