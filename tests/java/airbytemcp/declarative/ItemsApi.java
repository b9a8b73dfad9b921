package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.util.List;
import java.util.Optional;

/**
 * A loopback fake API that answers with one item, and the one-stream manifest ({@code items}) the
 * egress tests read it with: the API a connector should reach, or the attacker's host it must not.
 */
final class ItemsApi implements AutoCloseable {
  private final WireMockServer server;

  private ItemsApi(MappingBuilder answered) {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    server.stubFor(
        answered.willReturn(
            aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"items\": [{\"id\": 1}]}")));
  }

  /** Answers a GET of {@code /items}. */
  static ItemsApi atItemsPath() {
    return new ItemsApi(get(urlPathEqualTo("/items")));
  }

  /** Answers any request at any path, as an attacker's host would. */
  static ItemsApi atEveryPath() {
    return new ItemsApi(any(anyUrl()));
  }

  int port() {
    return server.port();
  }

  /** Each request as its URL and Authorization header. */
  List<String> requests() {
    return server.getAllServeEvents().stream()
        .map(e -> e.getRequest().getUrl() + " " + e.getRequest().getHeader("Authorization"))
        .toList();
  }

  void verifyNoRequest() {
    server.verify(0, anyRequestedFor(anyUrl()));
  }

  @Override
  public void close() {
    server.stop();
  }

  /**
   * A manifest of the stream {@code items} read with GET from {@code urlBase} + {@code path}.
   *
   * @param properties the spec's properties, one {@code name: {...}} flow mapping per element
   * @param tokenField the config field of a bearer token; null for no authenticator
   */
  static Manifest manifest(
      List<String> properties, String urlBase, String path, String tokenField) {
    String indent = "\n      ";
    return new ManifestLoader(null, Optional::empty)
        .fromText(
            "source-items",
            """
        version: 6.0.0
        type: DeclarativeSource
        check: {type: CheckStream, stream_names: [items]}
        spec:
          type: Spec
          connection_specification:
            type: object
            properties:%s
        streams:
          - type: DeclarativeStream
            name: items
            schema_loader: {type: InlineSchemaLoader, schema: {type: object, properties: {id: {type: integer}}}}
            retriever:
              type: SimpleRetriever
              requester:
                type: HttpRequester
                url_base: "%s"
                path: %s
                http_method: GET%s
              record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [items]}}
        """
                .formatted(
                    properties.isEmpty() ? " {}" : indent + String.join(indent, properties),
                    urlBase,
                    path,
                    tokenField == null
                        ? ""
                        : "\n        authenticator: {type: BearerAuthenticator, api_token: \"{{ config['"
                            + tokenField
                            + "'] }}\"}"));
  }
}
