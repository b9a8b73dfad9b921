package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** RecordExpander: the items of a nested array become records of their own. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RecordExpanderTest {
  @RegisterExtension final FakeApi api = new FakeApi();

  private static final String INVOICES =
      """
      {"data": [
        {"id": "in_1", "lines": {"data": [{"sku": "a"}, {"sku": "b"}]}},
        {"id": "in_2", "lines": {"data": []}},
        {"id": "in_3", "lines": {"data": [{"sku": "c"}]}}
      ]}
      """;

  private static String manifest(String expander) {
    return String.format(
        Locale.ROOT,
        """
        version: 6.0.0
        type: DeclarativeSource
        check: {type: CheckStream, stream_names: [lines]}
        streams:
          - type: DeclarativeStream
            name: lines
            schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
            retriever:
              type: SimpleRetriever
              requester: {type: HttpRequester, url_base: https://api.example.com, path: /invoices, http_method: GET}
              record_selector:
                type: RecordSelector
                extractor:
                  type: DpathExtractor
                  field_path: [data]
                  record_expander: %s
        """,
        expander);
  }

  private List<JsonNode> read(String expander, String body) {
    api.server.stubFor(get(urlPathEqualTo("/invoices")).willReturn(okJson(body)));
    return FakeApi.read(
            DeclarativeConnector.of(
                SharedManifests.loaderValidatingWhereAvailable()
                    .fromText("expander", manifest(expander)),
                api.options()),
            Json.object(),
            FakeApi.catalog("full_refresh", "lines"),
            null)
        .records("lines");
  }

  private static List<String> field(List<JsonNode> records, String name) {
    return records.stream().map(r -> r.path(name).asText()).toList();
  }

  @Test
  void eachItemOfTheNestedArrayIsARecordAndEmptyParentsAreSkipped() {
    List<JsonNode> records =
        read("{type: RecordExpander, expand_records_from_field: [lines, data]}", INVOICES);

    assertEquals(List.of("a", "b", "c"), field(records, "sku"), "one record per line item");
    assertEquals(
        false, records.get(0).has("original_record"), "no parent unless asked: " + records);
  }

  @Test
  void theParentRidesAlongUnderOriginalRecordWhenAsked() {
    List<JsonNode> records =
        read(
            "{type: RecordExpander, expand_records_from_field: [lines, data],"
                + " remain_original_record: true}",
            INVOICES);

    assertEquals(
        List.of("in_1", "in_1", "in_3"),
        records.stream().map(r -> r.path("original_record").path("id").asText()).toList(),
        "each item carries its parent");
  }

  @Test
  void emitParentKeepsARecordWithNothingToExpand() {
    List<JsonNode> records =
        read(
            "{type: RecordExpander, expand_records_from_field: [lines, data],"
                + " on_no_records: emit_parent}",
            INVOICES);

    assertEquals(3 + 1, records.size(), "three items and the empty parent: " + records);
    assertEquals("in_2", records.get(2).path("id").asText(), "the parent is kept in its place");
  }

  @Test
  void aWildcardExpandsEveryMatchingArray() {
    List<JsonNode> records =
        read(
            "{type: RecordExpander, expand_records_from_field: [sections, '*', items]}",
            """
            {"data": [{"id": 1, "sections": {"x": {"items": [{"n": 1}, {"n": 2}]},
                                             "y": {"items": [{"n": 3}]}}}]}
            """);

    assertEquals(List.of("1", "2", "3"), field(records, "n"), "items of every section");
  }

  @Test
  void scalarItemsAreWrappedUnderValueWhenTheParentIsKept() {
    List<JsonNode> records =
        read(
            "{type: RecordExpander, expand_records_from_field: [tags],"
                + " remain_original_record: true}",
            "{\"data\": [{\"id\": 7, \"tags\": [\"red\", \"blue\"]}]}");

    assertEquals(List.of("red", "blue"), field(records, "value"), "scalars under value");
    assertEquals(7, records.get(1).path("original_record").path("id").asInt());
  }

  @Test
  void theManifestIsNotReportedUnsupported() {
    ManifestLoader loader = SharedManifests.loaderValidatingWhereAvailable();
    assertEquals(
        Set.of(),
        loader.unsupported(
            loader.fromText(
                "supported",
                manifest("{type: RecordExpander, expand_records_from_field: [lines, data]}"))),
        "RecordExpander is run, so --check-manifests must not list it");
  }
}
