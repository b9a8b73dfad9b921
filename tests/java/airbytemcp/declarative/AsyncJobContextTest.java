package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import airbytemcp.common.Json;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An AsyncRetriever's later requests see the job's responses as the CDK shows them: in {@code
 * stream_slice.extra_fields} too, with the response headers and the request that got them
 * (amazon-ads polls with a header its creation request sent).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AsyncJobContextTest {
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
              request_headers: {X-Scope: "{{ config['scope'] }}"}
            polling_requester:
              type: HttpRequester
              url_base: https://api.example.com
              path: "/reports/{{ stream_slice.extra_fields['creation_response']['reportId'] }}"
              http_method: GET
              request_headers:
                X-Scope: "{{ stream_slice.extra_fields['creation_response'].request.headers['X-Scope'] }}"
                X-Trace: "{{ stream_slice.extra_fields['creation_response'].headers['x-trace'] }}"
            download_requester:
              type: HttpRequester
              url_base: https://files.example.com
              path: "/{{ stream_slice.extra_fields['download_target'] }}"
              http_method: GET
              request_headers:
                X-Report: "{{ stream_slice.extra_fields['polling_response']['reportId'] }}"
            status_extractor: {type: DpathExtractor, field_path: [status]}
            download_target_extractor: {type: DpathExtractor, field_path: [file]}
            status_mapping: {type: AsyncJobStatusMap, running: [PENDING], completed: [DONE], failed: [FAILED], timeout: [EXPIRED]}
            download_decoder: {type: JsonlDecoder}
            record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: []}}
      """);

  @Test
  void laterRequestsReadTheJobFromTheSliceAsTheCdkPassesIt() {
    api.server.stubFor(
        post(urlPathEqualTo("/reports"))
            .willReturn(okJson("{\"reportId\": \"r1\"}").withHeader("X-Trace", "t-9")));
    api.server.stubFor(
        get(urlPathEqualTo("/reports/r1"))
            .willReturn(
                okJson("{\"status\": \"DONE\", \"reportId\": \"r1\", \"file\": \"a.jsonl\"}")));
    api.server.stubFor(get(urlPathEqualTo("/a.jsonl")).willReturn(ok("{\"id\": 1}\n")));
    DeclarativeConnector connector =
        DeclarativeConnector.of(
            new ManifestLoader(null, Optional::empty).fromText("async", MANIFEST), api.options());

    FakeApi.Output out =
        FakeApi.read(
            connector,
            Json.object().put("scope", "profile-7"),
            FakeApi.catalog("full_refresh", "report"),
            null);

    assertEquals(
        List.of(1),
        out.records("report").stream().map(r -> r.path("id").asInt()).toList(),
        "the job's records");
    api.server.verify(
        1,
        getRequestedFor(urlPathEqualTo("/reports/r1"))
            .withHeader("X-Scope", equalTo("profile-7"))
            .withHeader("X-Trace", equalTo("t-9")));
    api.server.verify(
        1, getRequestedFor(urlPathEqualTo("/a.jsonl")).withHeader("X-Report", equalTo("r1")));
    api.server.verify(0, WireMock.deleteRequestedFor(WireMock.anyUrl()));
  }

  @Test
  void downloadTargetsAreFoundThroughAWildcardPath() {
    String manifest =
        MANIFEST
            .replace("field_path: [file]", "field_path: [files, \"*\", name]")
            .replace(
                "X-Trace: \"{{ stream_slice.extra_fields['creation_response'].headers['x-trace'] }}\"",
                "");
    api.server.stubFor(
        post(urlPathEqualTo("/reports")).willReturn(okJson("{\"reportId\": \"r1\"}")));
    api.server.stubFor(
        get(urlPathEqualTo("/reports/r1"))
            .willReturn(
                okJson(
                    "{\"status\": \"DONE\", \"files\": [{\"name\": \"a.jsonl\"}, {\"name\": \"b.jsonl\"}]}")));
    api.server.stubFor(get(urlPathEqualTo("/a.jsonl")).willReturn(ok("{\"id\": 1}\n")));
    api.server.stubFor(get(urlPathEqualTo("/b.jsonl")).willReturn(ok("{\"id\": 2}\n")));
    DeclarativeConnector connector =
        DeclarativeConnector.of(
            new ManifestLoader(null, Optional::empty).fromText("async", manifest), api.options());

    FakeApi.Output out =
        FakeApi.read(
            connector,
            Json.object().put("scope", "p"),
            FakeApi.catalog("full_refresh", "report"),
            null);

    assertEquals(
        List.of(1, 2),
        out.records("report").stream().map(r -> r.path("id").asInt()).toList(),
        "the records of every file the wildcard path found");
  }
}
