package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ResponseToFileExtractor as an AsyncRetriever's download extractor: the downloaded CSV file's rows
 * are the records, values as text, "not available" words as null as pandas reads them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ResponseToFileExtractorTest {
  @RegisterExtension final FakeApi api = new FakeApi();

  private static String manifest(String extractor) {
    return TestManifests.source(
        "report",
        "",
        """
          - type: DeclarativeStream
            name: report
            schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
            retriever:
              type: AsyncRetriever
              creation_requester: {type: HttpRequester, url_base: https://api.example.com, path: /jobs, http_method: POST}
              polling_requester: {type: HttpRequester, url_base: https://api.example.com, path: "/jobs/{{ creation_response['id'] }}", http_method: GET}
              download_requester: {type: HttpRequester, url_base: https://api.example.com, path: "/jobs/{{ creation_response['id'] }}/results", http_method: GET}
              status_extractor: {type: DpathExtractor, field_path: [state]}
              status_mapping: {type: AsyncJobStatusMap, running: [InProgress], completed: [JobComplete], failed: [Failed], timeout: [Aborted]}
              download_target_extractor: {type: DpathExtractor, field_path: [id]}
              download_extractor: %s
              record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [not_used]}}
        """
            .formatted(extractor));
  }

  private List<JsonNode> read(String extractor, byte[] csv, String contentType) {
    api.server.stubFor(post(urlPathEqualTo("/jobs")).willReturn(okJson("{\"id\": \"j1\"}")));
    api.server.stubFor(
        get(urlPathEqualTo("/jobs/j1"))
            .willReturn(okJson("{\"id\": \"j1\", \"state\": \"JobComplete\"}")));
    api.server.stubFor(
        get(urlPathEqualTo("/jobs/j1/results"))
            .willReturn(aResponse().withHeader("Content-Type", contentType).withBody(csv)));
    return FakeApi.read(
            DeclarativeConnector.of(
                SharedManifests.loaderValidatingWhereAvailable()
                    .fromText("csv", manifest(extractor)),
                api.options()),
            Json.object(),
            FakeApi.catalog("full_refresh", "report"),
            null)
        .records("report");
  }

  private static final String CSV =
      "Id,Name,Note\n1,\"Smith, Ann\",NA\n2,\"two\nlines\",\n3,Bob,null\n";

  @Test
  void csvRowsAreRecordsWithNotAvailableWordsAsNull() {
    List<JsonNode> records =
        read("{type: ResponseToFileExtractor}", CSV.getBytes(StandardCharsets.UTF_8), "text/csv");

    assertEquals(
        "[{\"Id\":\"1\",\"Name\":\"Smith, Ann\",\"Note\":null}, "
            + "{\"Id\":\"2\",\"Name\":\"two\\nlines\",\"Note\":null}, "
            + "{\"Id\":\"3\",\"Name\":\"Bob\",\"Note\":null}]",
        records.toString(),
        "text values, quoted commas and line breaks kept, NA/empty/null as null");
  }

  @Test
  void preserveNaValuesKeepsTheWordsAndOnlyEmptyCellsAreNull() {
    List<JsonNode> records =
        read(
            "{type: ResponseToFileExtractor, preserve_na_values: true}",
            CSV.getBytes(StandardCharsets.UTF_8),
            "text/csv");

    assertEquals(
        "NA,null,null",
        String.join(
            ",", records.stream().map(r -> String.valueOf(r.get("Note").textValue())).toList()));
  }

  @Test
  void aGzippedBodyInTheNamedCharsetIsDecompressedAndDecoded() throws IOException {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
      gz.write("City\nZürich\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    List<JsonNode> records =
        read(
            "{type: ResponseToFileExtractor}",
            zipped.toByteArray(),
            "text/csv; charset=ISO-8859-1");

    assertEquals("Zürich", records.get(0).path("City").asText());
  }

  @Test
  void theManifestIsNotReportedUnsupported() {
    ManifestLoader loader = SharedManifests.loaderValidatingWhereAvailable();
    Set<String> unsupported =
        loader.unsupported(
            loader.fromText("supported", manifest("{type: ResponseToFileExtractor}")));
    assertTrue(
        !unsupported.contains("ResponseToFileExtractor"),
        "ResponseToFileExtractor is run, so --check-manifests must not list it: " + unsupported);
  }
}
