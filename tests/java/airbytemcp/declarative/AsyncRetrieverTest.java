package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.protocol.MessageType;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * AsyncRetriever: create a report job, poll it until done, download its file, and fail on a failed
 * job.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AsyncRetrieverTest {
  @RegisterExtension final FakeApi api = new FakeApi();

  private static final String MANIFEST =
      TestManifests.source(
          "report",
          "",
          """
        - type: DeclarativeStream
          name: report
          primary_key: [id]
          schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
          retriever:
            type: AsyncRetriever
            creation_requester:
              type: HttpRequester
              url_base: https://api.example.com
              path: /reports
              http_method: POST
              request_body_json: {kind: sales}
            polling_requester:
              type: HttpRequester
              url_base: https://api.example.com
              path: "/reports/{{ creation_response['reportId'] }}"
              http_method: GET
            download_requester:
              type: HttpRequester
              url_base: "{{ download_target }}"
              path: ""
              http_method: GET
            status_extractor: {type: DpathExtractor, field_path: [status]}
            download_target_extractor: {type: DpathExtractor, field_path: [files]}
            status_mapping: {type: AsyncJobStatusMap, running: [PENDING], completed: [DONE], failed: [FAILED], timeout: [EXPIRED]}
            download_decoder: {type: JsonlDecoder}
            abort_requester: {type: HttpRequester, url_base: https://api.example.com, path: "/reports/{{ creation_response['reportId'] }}/cancel", http_method: POST}
            delete_requester: {type: HttpRequester, url_base: https://api.example.com, path: "/reports/{{ creation_response['reportId'] }}", http_method: DELETE}
            record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: []}}
      """);

  private DeclarativeConnector connector() {
    return DeclarativeConnector.of(
        new ManifestLoader(null, Optional::empty).fromText("async", MANIFEST), api.options());
  }

  private void created() {
    api.server.stubFor(
        post(urlPathEqualTo("/reports")).willReturn(okJson("{\"reportId\": \"r1\"}")));
    api.server.stubFor(WireMock.delete(urlPathEqualTo("/reports/r1")).willReturn(okJson("{}")));
    api.server.stubFor(post(urlPathEqualTo("/reports/r1/cancel")).willReturn(okJson("{}")));
  }

  @Test
  void aJobIsCreatedPolledUntilDoneAndEveryFileDownloaded() {
    created();
    api.server.stubFor(
        get(urlPathEqualTo("/reports/r1"))
            .inScenario("job")
            .whenScenarioStateIs("Started")
            .willReturn(okJson("{\"status\": \"PENDING\"}"))
            .willSetStateTo("done"));
    api.server.stubFor(
        get(urlPathEqualTo("/reports/r1"))
            .inScenario("job")
            .whenScenarioStateIs("done")
            .willReturn(
                okJson(
                    "{\"status\": \"DONE\", \"files\": [\"https://files.example.com/a.jsonl\","
                        + " \"https://files.example.com/b.jsonl\"]}")));
    api.server.stubFor(
        get(urlPathEqualTo("/a.jsonl")).willReturn(ok("{\"id\": 1}\n{\"id\": 2}\n")));
    api.server.stubFor(get(urlPathEqualTo("/b.jsonl")).willReturn(ok("{\"id\": 3}\n")));
    FakeApi.Output out =
        FakeApi.read(connector(), Json.object(), FakeApi.catalog("full_refresh", "report"), null);
    assertEquals(
        List.of(1, 2, 3),
        out.records("report").stream().map(r -> r.path("id").asInt()).toList(),
        "the records of both files, in order");
    assertEquals(1, api.sleeps.size(), "one wait while the job was pending");
    api.server.verify(
        1,
        postRequestedFor(urlPathEqualTo("/reports"))
            .withRequestBody(equalToJson("{\"kind\": \"sales\"}")));
    api.server.verify(1, WireMock.deleteRequestedFor(urlPathEqualTo("/reports/r1")));
    api.server.verify(0, postRequestedFor(urlPathEqualTo("/reports/r1/cancel")));
  }

  @Test
  void aJobThatTimesOutIsAbortedAndNotDeleted() {
    created();
    api.server.stubFor(
        get(urlPathEqualTo("/reports/r1")).willReturn(okJson("{\"status\": \"EXPIRED\"}")));

    assertThrows(
        DeclarativeError.class,
        () ->
            FakeApi.read(
                connector(), Json.object(), FakeApi.catalog("full_refresh", "report"), null));

    api.server.verify(1, postRequestedFor(urlPathEqualTo("/reports/r1/cancel")));
    api.server.verify(0, WireMock.deleteRequestedFor(urlPathEqualTo("/reports/r1")));
  }

  @Test
  void aFailedJobFailsTheStream() {
    created();
    api.server.stubFor(
        get(urlPathEqualTo("/reports/r1")).willReturn(okJson("{\"status\": \"FAILED\"}")));
    FakeApi.Output out = new FakeApi.Output();
    assertThrows(
        DeclarativeError.class,
        () ->
            connector()
                .read(
                    Json.object(),
                    FakeApi.catalog("full_refresh", "report"),
                    Optional.empty(),
                    out.messages::add));
    assertTrue(
        out.ofType(MessageType.TRACE).toString().contains("export job ended with status 'FAILED'"),
        out.ofType(MessageType.TRACE).toString());
    api.server.verify(0, postRequestedFor(urlPathEqualTo("/reports/r1/cancel")));
  }
}
