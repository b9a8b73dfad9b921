package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.protocol.MessageType;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Components the shared manifests use little or not at all, each through a small manifest against
 * WireMock.
 */
class ComponentsTest {
  @RegisterExtension final FakeApi api = new FakeApi();

  /** A manifest whose streams are given as YAML (indented as items of {@code streams:}). */
  private DeclarativeConnector connector(String streams) {
    String yaml =
        TestManifests.source(
            "s",
            "  requester: {type: HttpRequester, url_base: \"https://api.example.com\", http_method: GET}\n",
            streams);
    return DeclarativeConnector.of(
        SharedManifests.loaderValidatingWhereAvailable().fromText("t", yaml), api.options());
  }

  private static String stream(String name, String path, String fieldPath, String extra) {
    return TestManifests.stream(
        name,
        "      requester: {$ref: \"#/definitions/requester\", path: \""
            + path
            + "\"}\n"
            + "      record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: "
            + fieldPath
            + "}}\n",
        extra);
  }

  private List<JsonNode> records(DeclarativeConnector c, String stream, String config) {
    return FakeApi.read(c, Json.parse(config), FakeApi.catalog("full_refresh", stream), null)
        .records(stream);
  }

  @Test
  void jsonlCsvAndXmlBodiesDecode() {
    api.server.stubFor(
        get("/lines").willReturn(aResponse().withBody("{\"id\": 1}\n{\"id\": 2}\n")));
    api.server.stubFor(
        get("/table").willReturn(aResponse().withBody("id,name\n1,\"Smith, J\"\n2,Doe\n")));
    api.server.stubFor(
        get("/doc")
            .willReturn(
                aResponse()
                    .withBody(
                        "<feed><item id=\"1\"><title>A</title></item><item id=\"2\"><title>B</title></item></feed>")));
    DeclarativeConnector c =
        connector(
            stream("l", "/lines", "[]", "      decoder: {type: JsonlDecoder}\n")
                + stream("c", "/table", "[]", "      decoder: {type: CsvDecoder}\n")
                + stream("x", "/doc", "[feed, item]", "      decoder: {type: XmlDecoder}\n"));
    assertEquals(2, records(c, "l", "{}").size());
    assertEquals("Smith, J", records(c, "c", "{}").get(0).path("name").asText());
    List<JsonNode> xml = records(c, "x", "{}");
    assertEquals("2", xml.get(1).path("@id").asText());
    assertEquals("B", xml.get(1).path("title").asText());
  }

  @Test
  void gzippedBodiesAreUnpacked() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write("{\"data\": [{\"id\": 7}]}".getBytes(StandardCharsets.UTF_8));
    }
    api.server.stubFor(get("/gz").willReturn(aResponse().withBody(bytes.toByteArray())));
    DeclarativeConnector c =
        connector(
            stream(
                "s",
                "/gz",
                "[data]",
                "      decoder: {type: GzipDecoder, decoder: {type: JsonDecoder}}\n"));
    assertEquals(7, records(c, "s", "{}").get(0).path("id").asInt());
  }

  @Test
  void wildcardPathsCollectFromEveryKey() {
    api.server.stubFor(
        get("/groups")
            .willReturn(
                okJson(
                    "{\"groups\": {\"a\": {\"users\": [{\"id\": 1}]}, \"b\": {\"users\": [{\"id\": 2}, {\"id\": 3}]}}}")));
    DeclarativeConnector c = connector(stream("s", "/groups", "[groups, \"*\", users]", ""));
    assertEquals(
        List.of(1, 2, 3), records(c, "s", "{}").stream().map(r -> r.path("id").asInt()).toList());
  }

  @Test
  void transformationsAddRemoveRenameAndFlatten() {
    api.server.stubFor(
        get("/t")
            .willReturn(
                okJson(
                    "{\"data\": [{\"Id\": 1, \"firstName\": \"Ada\", \"secret\": {\"a\": 1, \"b\": 2},"
                        + " \"Meta\": {\"Score\": 9}}]}")));
    DeclarativeConnector c =
        connector(
            stream("s", "/t", "[data]", "")
                + "    transformations:\n"
                + "      - {type: RemoveFields, field_pointers: [[secret, \"*\"]]}\n"
                + "      - {type: AddFields, fields: [{path: [source], value: \"{{ parameters.tag }}\"}, {path: [n], value: \"{{ record.Id + 1 }}\", value_type: integer}]}\n"
                + "      - {type: DpathFlattenFields, field_path: [Meta], delete_origin_value: true}\n"
                + "      - {type: KeysToSnakeCase}\n"
                + "    $parameters: {tag: api}\n");
    JsonNode r = records(c, "s", "{}").get(0);
    assertEquals(
        "{\"id\":1,\"first_name\":\"Ada\",\"secret\":{},\"source\":\"api\",\"n\":2,\"score\":9}",
        r.toString());
  }

  @Test
  void anAddedFieldThatDoesNotReadAsItsValueTypeKeepsTheTemplatesText() {
    api.server.stubFor(get("/v").willReturn(okJson("{\"data\": [{\"updated\": \"p1r0\"}]}")));
    DeclarativeConnector c =
        connector(
            stream("s", "/v", "[data]", "")
                + "    transformations:\n"
                + "      - {type: AddFields, fields: [{path: [u], value: \"{{ record.updated }}\", value_type: integer}, {path: [b], value: \"maybe\", value_type: boolean}]}\n");
    JsonNode r = records(c, "s", "{}").get(0);
    assertEquals(
        "{\"updated\":\"p1r0\",\"u\":\"p1r0\",\"b\":\"maybe\"}",
        r.toString(),
        "the CDK keeps a value that does not parse as its value_type; it must not fail the stream");
  }

  @Test
  void keysToLowerLowersEveryKey() {
    api.server.stubFor(get("/k").willReturn(okJson("[{\"ID\": 1, \"Name\": \"x\"}]")));
    DeclarativeConnector c =
        connector(stream("s", "/k", "[]", "    transformations: [{type: KeysToLower}]\n"));
    assertEquals("{\"id\":1,\"name\":\"x\"}", records(c, "s", "{}").get(0).toString());
  }

  @Test
  void listPartitionsCrossedWithAnotherListMakeEveryCombination() {
    DeclarativeConnector c =
        connector(
            stream(
                "s",
                "/p/{{ stream_partition.region }}",
                "[data]",
                "      partition_router:\n"
                    + "        - {type: ListPartitionRouter, cursor_field: region, values: [eu, us]}\n"
                    + "        - {type: ListPartitionRouter, cursor_field: kind, values: \"{{ config.kinds }}\","
                    + " request_option: {type: RequestOption, inject_into: header, field_name: X-Kind}}\n"));
    api.server.stubFor(
        get(urlPathEqualTo("/p/eu")).willReturn(okJson("{\"data\": [{\"id\": 1}]}")));
    api.server.stubFor(
        get(urlPathEqualTo("/p/us")).willReturn(okJson("{\"data\": [{\"id\": 2}]}")));
    assertEquals(4, records(c, "s", "{\"kinds\": [\"a\", \"b\"]}").size());
    api.server.verify(
        1, getRequestedFor(urlPathEqualTo("/p/us")).withHeader("X-Kind", equalTo("b")));
  }

  @Test
  void postBodiesCarryTemplatesAndPaginationTokens() {
    api.server.stubFor(
        post("/search")
            .withRequestBody(equalToJson("{\"query\": {\"term\": \"cats\"}, \"size\": 2}"))
            .willReturn(okJson("{\"hits\": [{\"id\": 1}, {\"id\": 2}], \"next\": \"c2\"}")));
    api.server.stubFor(
        post("/search")
            .withRequestBody(
                equalToJson("{\"query\": {\"term\": \"cats\"}, \"size\": 2, \"cursor\": \"c2\"}"))
            .willReturn(okJson("{\"hits\": [{\"id\": 3}]}")));
    DeclarativeConnector c =
        connector(
            TestManifests.stream(
                "s",
                "      requester: {type: HttpRequester, url_base: \"https://api.example.com\", path: /search, http_method: POST,"
                    + " request_body_json: {query: {term: \"{{ config.term }}\"}}}\n"
                    + "      record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [hits]}}\n"
                    + "      paginator: {type: DefaultPaginator,"
                    + " page_token_option: {type: RequestOption, inject_into: body_json, field_name: cursor},"
                    + " page_size_option: {type: RequestOption, inject_into: body_json, field_name: size},"
                    + " pagination_strategy: {type: CursorPagination, page_size: 2, cursor_value: \"{{ response.next }}\","
                    + " stop_condition: \"{{ 'next' not in response }}\"}}\n",
                ""));
    assertEquals(3, records(c, "s", "{\"term\": \"cats\"}").size());
    api.server.verify(2, postRequestedFor(urlPathEqualTo("/search")));
  }

  @Test
  void waitTimeFromHeaderAndIgnoredNotFound() {
    api.server.stubFor(
        get("/w")
            .inScenario("w")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("X-Wait", "wait=1.5s"))
            .willSetStateTo("ok"));
    api.server.stubFor(
        get("/w").inScenario("w").whenScenarioStateIs("ok").willReturn(okJson("[{\"id\": 1}]")));
    api.server.stubFor(get("/gone").willReturn(aResponse().withStatus(404)));
    String handler =
        "      requester: {$ref: \"#/definitions/requester\", path: \"%s\", error_handler: {type: DefaultErrorHandler,"
            + " backoff_strategies: [{type: WaitTimeFromHeader, header: X-Wait, regex: \"([0-9.]+)\"}],"
            + " response_filters: [{type: HttpResponseFilter, action: IGNORE, http_codes: [404]}]}}\n";
    DeclarativeConnector c =
        connector(
            stream("w", "/w", "[]", String.format(Locale.ROOT, handler, "/w"))
                + stream("g", "/gone", "[]", String.format(Locale.ROOT, handler, "/gone")));
    assertEquals(1, records(c, "w", "{}").size());
    assertEquals(List.of(Duration.ofMillis(1500)), api.sleeps);
    assertEquals(0, records(c, "g", "{}").size());
  }

  @Test
  void failFiltersReportTheirOwnMessage() {
    api.server.stubFor(
        get("/f")
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody("{\"error\": {\"message\": \"bad filter\"}}")));
    DeclarativeConnector c =
        connector(
            stream(
                "s",
                "/f",
                "[]",
                "      requester: {$ref: \"#/definitions/requester\", path: /f, error_handler: {type: DefaultErrorHandler,"
                    + " response_filters: [{type: HttpResponseFilter, action: FAIL, http_codes: [400],"
                    + " error_message: \"API said: {{ response.error.message }}\"}]}}\n"));
    DeclarativeError e =
        assertThrows(
            DeclarativeError.class,
            () ->
                c.read(
                    Json.parse("{}"),
                    FakeApi.catalog("full_refresh", "s"),
                    Optional.empty(),
                    m -> {}));
    assertTrue(e.getMessage().contains("failed"), e.getMessage());
    FakeApi.Output out = new FakeApi.Output();
    assertThrows(
        DeclarativeError.class,
        () ->
            c.read(
                Json.parse("{}"),
                FakeApi.catalog("full_refresh", "s"),
                Optional.empty(),
                out.messages::add));
    assertTrue(
        out.ofType(MessageType.TRACE).toString().contains("API said: bad filter"),
        "expected API said: bad filter in out.ofType(airbytemcp.protocol.MessageType.TRACE).toString()");
  }

  @Test
  void substreamsWithIncrementalDependencyKeepTheParentState() {
    api.server.stubFor(
        get(urlPathEqualTo("/parents"))
            .willReturn(
                okJson(
                    "{\"data\": [{\"id\": \"p1\", \"updated\": \"2024-02-01T00:00:00Z\"}, {\"id\": \"p2\", \"updated\": \"2024-03-01T00:00:00Z\"}]}")));
    api.server.stubFor(
        get(urlPathEqualTo("/parents/p1/kids"))
            .willReturn(okJson("{\"data\": [{\"id\": \"k1\"}]}")));
    api.server.stubFor(
        get(urlPathEqualTo("/parents/p2/kids"))
            .willReturn(okJson("{\"data\": [{\"id\": \"k2\"}, {\"id\": \"k3\"}]}")));
    String parent =
        "{type: DeclarativeStream, name: parents, schema_loader: {type: InlineSchemaLoader, schema: {type: object}},"
            + " retriever: {type: SimpleRetriever, requester: {$ref: \"#/definitions/requester\", path: /parents},"
            + " record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [data]}}},"
            + " incremental_sync: {type: DatetimeBasedCursor, cursor_field: updated, datetime_format: \"%Y-%m-%dT%H:%M:%SZ\","
            + " start_datetime: \"2024-01-01T00:00:00Z\", start_time_option: {type: RequestOption, inject_into: request_parameter, field_name: since}}}";
    DeclarativeConnector c =
        connector(
            stream(
                "kids",
                "/parents/{{ stream_partition.parent_id }}/kids",
                "[data]",
                "      partition_router: {type: SubstreamPartitionRouter, parent_stream_configs: [{type: ParentStreamConfig,"
                    + " parent_key: id, partition_field: parent_id, incremental_dependency: true, stream: "
                    + parent
                    + "}]}\n"));
    FakeApi.Output first =
        FakeApi.read(c, Json.parse("{}"), FakeApi.catalog("incremental", "kids"), null);
    assertEquals(3, first.records("kids").size());
    JsonNode state = first.lastStreamState();
    assertEquals(
        "2024-03-01T00:00:00Z",
        state.at("/parent_state/parents/updated").asText(),
        state.toString());
    FakeApi.read(c, Json.parse("{}"), FakeApi.catalog("incremental", "kids"), first.resumeState());
    api.server.verify(
        getRequestedFor(urlPathEqualTo("/parents"))
            .withQueryParam("since", equalTo("2024-03-01T00:00:00Z")));
  }

  @Test
  void aDataFeedStopsPagingOnceItReachesTheState() {
    api.server.stubFor(
        get(urlPathEqualTo("/feed"))
            .withQueryParam("cursor", WireMock.absent())
            .willReturn(
                okJson(
                    "{\"data\": [{\"id\": 3, \"at\": \"2024-03-03\"}, {\"id\": 2, \"at\": \"2024-02-20\"}], \"next\": \"p2\"}")));
    api.server.stubFor(
        get(urlPathEqualTo("/feed"))
            .withQueryParam("cursor", equalTo("p2"))
            .willReturn(okJson("{\"data\": [{\"id\": 1, \"at\": \"2024-01-01\"}]}")));
    DeclarativeConnector c =
        connector(
            stream(
                "s",
                "/feed",
                "[data]",
                "      paginator: {type: DefaultPaginator, page_token_option: {type: RequestOption, inject_into: request_parameter,"
                    + " field_name: cursor}, pagination_strategy: {type: CursorPagination, cursor_value: \"{{ response.next }}\"}}\n"
                    + "    incremental_sync: {type: DatetimeBasedCursor, cursor_field: at, datetime_format: \"%Y-%m-%d\","
                    + " start_datetime: \"2024-01-01\", is_data_feed: true}\n"));
    JsonNode state = Json.parse("{\"s\": {\"at\": \"2024-03-01\"}}");
    FakeApi.Output out = FakeApi.read(c, Json.object(), FakeApi.catalog("incremental", "s"), state);
    assertEquals(2, out.records("s").size());
    api.server.verify(
        0, getRequestedFor(urlPathEqualTo("/feed")).withQueryParam("cursor", equalTo("p2")));
    assertEquals("2024-03-03", out.lastStreamState().path("at").asText());
  }

  @Test
  void defaultSchemaNormalizationConvertsValuesToTheDeclaredTypes() {
    api.server.stubFor(
        get("/n")
            .willReturn(
                okJson(
                    "[{\"id\": \"5\", \"code\": 7, \"ok\": \"true\", \"amount\": {\"value\": \"1.5\"}, \"tags\": [1, 2], \"note\": \"x\"}]")));
    String yaml =
        TestManifests.source(
            "s",
            "",
            "  - type: DeclarativeStream\n    name: s\n"
                + "    schema_loader: {type: InlineSchemaLoader, schema: {type: object, properties: {id: {type: integer},"
                + " code: {type: [\"null\", string]}, ok: {type: boolean}, amount: {type: object, properties: {value: {type: number}}},"
                + " tags: {type: array, items: {type: string}}, note: {type: integer}}}}\n"
                + "    retriever:\n      type: SimpleRetriever\n"
                + "      requester: {type: HttpRequester, url_base: \"https://api.example.com\", path: /n, http_method: GET}\n"
                + "      record_selector: {type: RecordSelector, schema_normalization: Default,"
                + " extractor: {type: DpathExtractor, field_path: []}}\n");
    DeclarativeConnector c =
        DeclarativeConnector.of(
            SharedManifests.loaderValidatingWhereAvailable().fromText("t", yaml), api.options());
    assertEquals(
        "{\"id\":5,\"code\":\"7\",\"ok\":true,\"amount\":{\"value\":1.5},\"tags\":[\"1\",\"2\"],\"note\":\"x\"}",
        records(c, "s", "{}").get(0).toString());
  }

  @Test
  void countingCursorsResumeAfterTheLargestValue() {
    api.server.stubFor(
        get(urlPathEqualTo("/events"))
            .willReturn(okJson("{\"data\": [{\"id\": 41}, {\"id\": 45}, {\"id\": 43}]}")));
    DeclarativeConnector c =
        connector(
            stream(
                "s",
                "/events",
                "[data]",
                "    incremental_sync: {type: IncrementingCountCursor, cursor_field: id, start_value: 40,"
                    + " start_value_option: {type: RequestOption, inject_into: request_parameter, field_name: after}}\n"));
    FakeApi.Output first =
        FakeApi.read(c, Json.object(), FakeApi.catalog("incremental", "s"), null);
    assertEquals(45, first.lastStreamState().path("id").asInt());
    api.server.verify(
        getRequestedFor(urlPathEqualTo("/events")).withQueryParam("after", equalTo("40")));
    FakeApi.read(c, Json.object(), FakeApi.catalog("incremental", "s"), first.resumeState());
    api.server.verify(
        getRequestedFor(urlPathEqualTo("/events")).withQueryParam("after", equalTo("45")));
  }

  @Test
  void aGlobalSubstreamCursorKeepsOneStateForAllPartitions() {
    api.server.stubFor(
        get(urlPathEqualTo("/a/notes"))
            .willReturn(okJson("{\"data\": [{\"id\": 1, \"at\": \"2024-02-01\"}]}")));
    api.server.stubFor(
        get(urlPathEqualTo("/b/notes"))
            .willReturn(okJson("{\"data\": [{\"id\": 2, \"at\": \"2024-02-09\"}]}")));
    DeclarativeConnector c =
        connector(
            stream(
                "s",
                "/{{ stream_partition.owner }}/notes",
                "[data]",
                "      partition_router: {type: ListPartitionRouter, cursor_field: owner, values: [a, b]}\n"
                    + "    incremental_sync: {type: DatetimeBasedCursor, cursor_field: at, datetime_format: \"%Y-%m-%d\","
                    + " start_datetime: \"2024-01-01\", global_substream_cursor: true,"
                    + " start_time_option: {type: RequestOption, inject_into: request_parameter, field_name: since}}\n"));
    FakeApi.Output first =
        FakeApi.read(c, Json.object(), FakeApi.catalog("incremental", "s"), null);
    JsonNode state = first.lastStreamState();
    assertEquals("2024-02-09", state.at("/state/at").asText(), state.toString());
    assertTrue(state.path("use_global_cursor").asBoolean());
    FakeApi.read(c, Json.object(), FakeApi.catalog("incremental", "s"), first.resumeState());
    api.server.verify(
        getRequestedFor(urlPathEqualTo("/a/notes")).withQueryParam("since", equalTo("2024-02-09")));
  }
}
