package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** JsonItemsDecoder: each element of the array at an ijson dotted path is a record. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JsonItemsDecoderTest {
  @RegisterExtension final FakeApi api = new FakeApi();

  private static String manifest(String decoder) {
    return String.format(
        Locale.ROOT,
        """
        version: 6.0.0
        type: DeclarativeSource
        check: {type: CheckStream, stream_names: [report]}
        streams:
          - type: DeclarativeStream
            name: report
            schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
            retriever:
              type: SimpleRetriever
              requester: {type: HttpRequester, url_base: https://api.example.com, path: /report, http_method: GET}
              decoder: %s
              record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: []}}
        """,
        decoder);
  }

  private List<JsonNode> read(String decoder) {
    return FakeApi.read(
            DeclarativeConnector.of(
                SharedManifests.loaderValidatingWhereAvailable()
                    .fromText("items", manifest(decoder)),
                api.options()),
            Json.object(),
            FakeApi.catalog("full_refresh", "report"),
            null)
        .records("report");
  }

  @Test
  void theElementsOfTheNestedArrayAreTheRecordsAndTheRestIsIgnored() {
    api.server.stubFor(
        get(urlPathEqualTo("/report"))
            .willReturn(
                okJson(
                    """
                    {"meta": {"users": [{"id": "not-me"}]},
                     "data": {"total": 3, "users": [{"id": 1}, {"id": 2, "tags": [{"id": "x"}]}, {"id": 3}]},
                     "tail": [1, 2]}
                    """)));

    List<JsonNode> records = read("{type: JsonItemsDecoder, items_path: data.users}");

    assertEquals(
        List.of("1", "2", "3"),
        records.stream().map(r -> r.path("id").asText()).toList(),
        "only data.users' elements, whole: " + records);
    assertEquals("x", records.get(1).path("tags").get(0).path("id").asText());
  }

  @Test
  void itemInThePathStandsForEveryElementOfAnOuterArray() {
    api.server.stubFor(
        get(urlPathEqualTo("/report"))
            .willReturn(
                okJson(
                    "{\"pages\": [{\"rows\": [{\"n\": 1}]}, {\"rows\": [{\"n\": 2}, {\"n\": 3}]}]}")));

    List<JsonNode> records = read("{type: JsonItemsDecoder, items_path: pages.item.rows}");

    assertEquals(List.of(1, 2, 3), records.stream().map(r -> r.path("n").asInt()).toList());
  }

  @Test
  void theConfiguredEncodingIsHonoured() {
    api.server.stubFor(
        get(urlPathEqualTo("/report"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"rows\": [{\"city\": \"Zürich\"}]}"
                            .getBytes(StandardCharsets.ISO_8859_1))));

    List<JsonNode> records =
        read("{type: JsonItemsDecoder, items_path: rows, encoding: iso-8859-1}");

    assertEquals("Zürich", records.get(0).path("city").asText());
  }

  @Test
  void aBrokenDocumentFailsTheStreamWithTheDecodersReason() {
    api.server.stubFor(
        get(urlPathEqualTo("/report")).willReturn(okJson("{\"rows\": [{\"n\": 1}, {\"n\": ")));

    RuntimeException e =
        assertThrows(
            RuntimeException.class, () -> read("{type: JsonItemsDecoder, items_path: rows}"));

    assertTrue(
        String.valueOf(e.getMessage()).contains("JsonItemsDecoder"),
        "the failure names the decoder: " + e.getMessage());
  }

  @Test
  void theManifestIsNotReportedUnsupported() {
    ManifestLoader loader = SharedManifests.loaderValidatingWhereAvailable();
    assertEquals(
        Set.of(),
        loader.unsupported(
            loader.fromText(
                "supported", manifest("{type: JsonItemsDecoder, items_path: data.users}"))),
        "JsonItemsDecoder is run, so --check-manifests must not list it");
  }
}
