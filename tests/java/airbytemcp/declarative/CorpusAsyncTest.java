package airbytemcp.declarative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.common.Redactor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The corpus fake runs an AsyncRetriever's job end to end: the job id lands where the polling reads
 * it, the status words are the manifest's, and the download is encoded as its decoder reads it.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CorpusAsyncTest {
  private static final ExecutorService POOL = Executors.newCachedThreadPool();

  @AfterAll
  static void stop() {
    POOL.shutdownNow();
  }

  private static CorpusRead.StreamResult read(String retrieverExtras, String downloadDecoder) {
    return read(retrieverExtras, downloadDecoder, "completed: [READY]");
  }

  private static CorpusRead.StreamResult read(
      String retrieverExtras, String downloadDecoder, String completed) {
    String manifest =
        TestManifests.source(
            "report",
            "",
            """
        - type: DeclarativeStream
          name: report
          primary_key: [id]
          schema_loader: {type: InlineSchemaLoader, schema: {type: object, properties: {id: {type: string}, amount: {type: integer}}}}
          retriever:
            type: AsyncRetriever
            creation_requester:
              type: HttpRequester
              url_base: https://api.example.com
              path: /jobs
              http_method: POST
            polling_requester:
              type: HttpRequester
              url_base: https://api.example.com
              path: "/jobs/{{ creation_response['job']['id'] }}"
              http_method: GET
            download_requester:
              type: HttpRequester
              url_base: "{{ download_target }}"
              path: ""
              http_method: GET
            status_extractor: {type: DpathExtractor, field_path: [state]}
            status_mapping: {type: AsyncJobStatusMap, running: [QUEUED], %s, failed: [BROKEN], timeout: [LATE]}
            record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: []}}
            download_decoder: %s
        %s
        """
                .formatted(completed, downloadDecoder, retrieverExtras));
    Manifest m = new ManifestLoader(null, Optional::empty).fromText("async", manifest);
    JsonNode def = m.definition().path("streams").path(0);
    return CorpusRead.readStream(m, def, Json.object(), POOL);
  }

  private static final String TARGET_ON_POLL =
      "    download_target_extractor: {type: DpathExtractor, field_path: [result, url]}";

  @Test
  void aGzippedJsonLinesDownloadReadsEndToEnd() {
    CorpusRead.StreamResult r =
        read(
            TARGET_ON_POLL,
            "{type: CompositeRawDecoder, parser: {type: GzipParser, inner_parser: {type: JsonLineParser}}}");

    assertTrue(r.ok(), "verdict: " + r);
  }

  @Test
  void aCsvDownloadFoundThroughTheUrlRequesterReadsEndToEnd() {
    CorpusRead.StreamResult r =
        read(
            """
                    download_target_extractor: {type: DpathExtractor, field_path: [files, "*"]}
                    url_requester:
                      type: HttpRequester
                      url_base: https://api.example.com
                      path: "/jobs/{{ stream_slice.extra_fields['creation_response']['job']['id'] }}/files"
                      http_method: GET
                """,
            "{type: CsvDecoder}");

    assertTrue(r.ok(), "verdict: " + r);
  }

  @Test
  void aJobThatNeverCompletesIsAFailureNotARead() {
    CorpusRead.StreamResult r = read(TARGET_ON_POLL, "{type: JsonDecoder}", "completed: []");

    assertFalse(r.ok(), "a job without a completed status cannot read end to end: " + r);
  }

  @Test
  void encodedDownloadsDecodeBackToTheRecords() {
    CorpusAsync fake =
        new CorpusAsync(
            new CorpusStream(
                Json.object()
                    .put("name", "s")
                    .set("retriever", Json.object().put("type", "AsyncRetriever")),
                Json.object()),
            Json.object(),
            new LinkedHashSet<>());
    List<ObjectNode> records =
        List.of(Json.object().put("id", "a").put("n", 1), Json.object().put("id", "b").put("n", 2));
    for (String decoder :
        List.of(
            "{type: GzipDecoder, decoder: {type: GzipDecoder, decoder: {type: JsonDecoder}}}",
            "{type: JsonlDecoder}",
            "{type: CsvDecoder}",
            "{type: ZipfileDecoder, decoder: {type: JsonlDecoder}}",
            "{type: CompositeRawDecoder, parser: {type: GzipParser, inner_parser: {type: CsvParser}}}")) {
      JsonNode d = yaml(decoder);
      byte[] body = fake.encode(d, records, List.of());
      List<JsonNode> back = Decoders.decode(d, body, Redactor.NONE);
      List<String> ids = new ArrayList<>();
      for (JsonNode n : back) {
        if (n.isArray()) {
          n.forEach(x -> ids.add(x.path("id").asText()));
        } else {
          ids.add(n.path("id").asText());
        }
      }
      assertEquals(List.of("a", "b"), ids, decoder + " read back");
    }
  }

  private static JsonNode yaml(String text) {
    try {
      return Json.YAML.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
