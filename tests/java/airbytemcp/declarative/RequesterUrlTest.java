package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import airbytemcp.common.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The CDK's HttpRequester takes the whole URL from {@code url} when a manifest gives no {@code
 * url_base} (newer manifests, login requesters), and url_base with path when it gives both.
 */
class RequesterUrlTest {
  @RegisterExtension final FakeApi api = new FakeApi();

  private static String manifest(String urlFields) {
    return """
        version: 6.0.0
        type: DeclarativeSource
        check: {type: CheckStream, stream_names: [items]}
        spec:
          type: Spec
          connection_specification:
            type: object
            properties:
              host: {type: string}
        streams:
          - type: DeclarativeStream
            name: items
            primary_key: [id]
            schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
            retriever:
              type: SimpleRetriever
              requester:
                type: HttpRequester
                %s
                http_method: GET
              record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [items]}}
        """
        .formatted(urlFields);
  }

  private int read(String urlFields) {
    Manifest m =
        SharedManifests.loaderValidatingWhereAvailable().fromText("test", manifest(urlFields));
    return FakeApi.read(
            DeclarativeConnector.of(m, api.options()),
            Json.parse("{\"host\": \"https://api.example.com\"}"),
            FakeApi.catalog("full_refresh", "items"),
            null)
        .records("items")
        .size();
  }

  @Test
  void aTemplatedUrlWithoutUrlBaseIsTheRequestUrl() {
    api.server.stubFor(
        get(urlPathEqualTo("/v3/things")).willReturn(okJson("{\"items\": [{\"id\": 1}]}")));
    assertEquals(
        1,
        read("url: \"{{ config['host'] }}/v3/things\""),
        "the stream must read from the URL in `url`");
    api.server.verify(1, getRequestedFor(urlPathEqualTo("/v3/things")));
  }

  @Test
  void urlBaseAndPathWinOverUrl() {
    api.server.stubFor(
        get(urlPathEqualTo("/v2/items")).willReturn(okJson("{\"items\": [{\"id\": 1}]}")));
    assertEquals(
        1,
        read(
            "url_base: https://api.example.com/v2\n        path: /items\n"
                + "        url: https://other.example.com/x"),
        "url_base with path decides the URL when both forms are given");
    api.server.verify(0, getRequestedFor(urlPathEqualTo("/x")));
  }
}
