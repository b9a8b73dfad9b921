package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** QueryProperties, PropertyChunking, GroupByKeyMergeStrategy and PropertiesFromEndpoint. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QueryPropertiesTest {
  @RegisterExtension final FakeApi api = new FakeApi();

  private static String manifest(String requesterExtra, String paginator) {
    return String.format(
        Locale.ROOT,
        """
        version: 6.0.0
        type: DeclarativeSource
        check: {type: CheckStream, stream_names: [deals]}
        streams:
          - type: DeclarativeStream
            name: deals
            schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
            retriever:
              type: SimpleRetriever
              requester:
                type: HttpRequester
                url_base: https://api.example.com
                path: /deals
                http_method: GET
        %s
              record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [results]}}
              paginator: %s
        """,
        requesterExtra,
        paginator);
  }

  private FakeApi.Output read(String manifest) {
    Manifest m =
        SharedManifests.loaderValidatingWhereAvailable().fromText("query-properties", manifest);
    return FakeApi.read(
        DeclarativeConnector.of(m, api.options()),
        Json.object(),
        FakeApi.catalog("full_refresh", "deals"),
        null);
  }

  /** A read whose configured stream has a JSON schema of {@code properties}, as a catalog gives. */
  private void readConfigured(String manifest, String... properties) {
    Manifest m =
        SharedManifests.loaderValidatingWhereAvailable().fromText("query-properties", manifest);
    ObjectNode catalog = (ObjectNode) FakeApi.catalog("full_refresh", "deals");
    ObjectNode schema =
        ((ObjectNode) catalog.path("streams").get(0).path("stream")).putObject("json_schema");
    ObjectNode props = schema.put("type", "object").putObject("properties");
    for (String p : properties) {
      props.putObject(p).put("type", "string");
    }
    FakeApi.read(DeclarativeConnector.of(m, api.options()), Json.object(), catalog, null);
  }

  private static final String SELECTED =
      """
              request_parameters:
                properties:
                  type: QueryProperties
                  property_list: [a, b, c, d]
                  property_selector:
                    type: JsonSchemaPropertySelector
      """;

  /** {@link #SELECTED} with a selector that lower-cases the schema's keys. */
  private static final String SELECTED_LOWER =
      SELECTED + "              transformations: [{type: KeysToLower}]\n";

  @Test
  void aPropertySelectorAsksOnlyForThePropertiesOfTheConfiguredSchema() {
    api.server.stubFor(get(urlPathEqualTo("/deals")).willReturn(okJson("{\"results\": []}")));

    readConfigured(manifest(SELECTED, "{type: NoPagination}"), "d", "b", "zz");

    assertEquals(
        List.of("b,d"),
        sent("/deals", "properties"),
        "the list's order, narrowed to the configured schema's properties");
  }

  @Test
  void aPropertySelectorsTransformationsRenameTheSchemasPropertiesBeforeTheyAreCompared() {
    api.server.stubFor(get(urlPathEqualTo("/deals")).willReturn(okJson("{\"results\": []}")));

    readConfigured(manifest(SELECTED_LOWER, "{type: NoPagination}"), "A", "C");

    assertEquals(List.of("a,c"), sent("/deals", "properties"), "schema keys lower-cased first");
  }

  @Test
  void withoutAConfiguredSchemaAPropertySelectorAsksForEveryProperty() {
    api.server.stubFor(get(urlPathEqualTo("/deals")).willReturn(okJson("{\"results\": []}")));

    read(manifest(SELECTED, "{type: NoPagination}"));

    assertEquals(List.of("a,b,c,d"), sent("/deals", "properties"), "nothing to narrow to");
  }

  private List<String> sent(String path, String parameter) {
    return api.server.findAll(getRequestedFor(urlPathEqualTo(path))).stream()
        .map((LoggedRequest r) -> r.queryParameter(parameter).firstValue())
        .toList();
  }

  @Test
  void aChunkedParameterIsSentOncePerChunkAndTheRecordsAreMergedByKey() {
    api.server.stubFor(
        get(urlPathEqualTo("/deals"))
            .withQueryParam("properties", equalTo("a,b"))
            .willReturn(
                okJson("{\"results\": [{\"id\": 1, \"a\": 1, \"b\": 1}, {\"id\": 2, \"a\": 2}]}")));
    api.server.stubFor(
        get(urlPathEqualTo("/deals"))
            .withQueryParam("properties", equalTo("c,d"))
            .willReturn(
                okJson("{\"results\": [{\"id\": 1, \"c\": 1, \"d\": 1}, {\"id\": 2, \"c\": 2}]}")));
    api.server.stubFor(
        get(urlPathEqualTo("/deals"))
            .withQueryParam("properties", equalTo("e"))
            .willReturn(okJson("{\"results\": [{\"id\": 1, \"e\": 1}, {\"id\": 2, \"e\": 2}]}")));

    FakeApi.Output out =
        read(
            manifest(
                """
                        request_parameters:
                          archived: "false"
                          properties:
                            type: QueryProperties
                            property_list: [a, b, c, d, e]
                            property_chunking:
                              type: PropertyChunking
                              property_limit_type: property_count
                              property_limit: 2
                              record_merge_strategy: {type: GroupByKeyMergeStrategy, key: id}
                """,
                "{type: NoPagination}"));

    assertEquals(List.of("a,b", "c,d", "e"), sent("/deals", "properties"), "one request per chunk");
    assertEquals(
        List.of("false", "false", "false"),
        sent("/deals", "archived"),
        "the other parameters go with every chunk");
    assertEquals(
        List.of(
            Json.parse("{\"id\": 1, \"a\": 1, \"b\": 1, \"c\": 1, \"d\": 1, \"e\": 1}"),
            Json.parse("{\"id\": 2, \"a\": 2, \"c\": 2, \"e\": 2}")),
        out.records("deals"),
        "one record per id, holding what every chunk returned");
  }

  @Test
  void aCharacterLimitCountsEachPropertyWithItsEncodedComma() {
    api.server.stubFor(get(urlPathEqualTo("/deals")).willReturn(okJson("{\"results\": []}")));

    read(
        manifest(
            """
                    request_parameters:
                      properties:
                        type: QueryProperties
                        property_list: [aaaa, bbbb, cc]
                        property_chunking: {type: PropertyChunking, property_limit_type: characters, property_limit: 12}
            """,
            "{type: NoPagination}"));

    assertEquals(
        List.of("aaaa", "bbbb,cc"),
        sent("/deals", "properties"),
        "aaaa costs 7 and bbbb 7 (over 12), cc 5 (exactly 12 with bbbb)");
  }

  @Test
  void propertiesFromAnEndpointAreFetchedOnceAndReachTemplatesThroughThePartition() {
    api.server.stubFor(
        get(urlPathEqualTo("/properties"))
            .willReturn(okJson("[{\"name\": \"x\"}, {\"name\": \"y\"}]")));
    api.server.stubFor(
        get(urlPathEqualTo("/deals")).willReturn(okJson("{\"results\": [{\"id\": 1, \"x\": 1}]}")));
    api.server.stubFor(
        get(urlPathEqualTo("/deals"))
            .withQueryParam("page", equalTo("2"))
            .willReturn(okJson("{\"results\": []}")));

    FakeApi.Output out =
        read(
            manifest(
                """
                        request_parameters:
                          fields: "{{ stream_partition.extra_fields['query_properties'] | join(',') }}"
                        query_properties:
                          type: QueryProperties
                          always_include_properties: [id]
                          property_list:
                            type: PropertiesFromEndpoint
                            property_field_path: [name]
                            retriever:
                              type: SimpleRetriever
                              requester: {type: HttpRequester, url_base: https://api.example.com, path: /properties, http_method: GET}
                              record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: []}}
                """,
                """
                {type: DefaultPaginator, pagination_strategy: {type: PageIncrement, page_size: 1, start_from_page: 1}, page_token_option: {type: RequestOption, inject_into: request_parameter, field_name: page}}
                """
                    .strip()));

    assertEquals(1, out.records("deals").size());
    assertEquals(
        List.of("id,x,y", "id,x,y"),
        sent("/deals", "fields"),
        "always-included properties first, then the endpoint's, on every page");
    api.server.verify(1, getRequestedFor(urlPathEqualTo("/properties")));
  }
}
