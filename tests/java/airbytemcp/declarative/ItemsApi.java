package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the egress tests put on a {@link FakeApi}: an answer of one item, and the one-stream
 * manifest ({@code items}) that reads it, for the API a connector should reach or the attacker's
 * host it must not.
 */
final class ItemsApi {
  private ItemsApi() {}

  /** {@code request} is answered with one item at {@code items}. */
  static void answer(WireMockServer server, MappingBuilder request) {
    server.stubFor(
        request.willReturn(
            aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"items\": [{\"id\": 1}]}")));
  }

  /** Each request the server got, as its URL and Authorization header. */
  static String requests(WireMockServer server) {
    return server.getAllServeEvents().stream()
        .map(e -> e.getRequest().getUrl() + " " + e.getRequest().getHeader("Authorization"))
        .toList()
        .toString();
  }

  /**
   * A manifest of the stream {@code items} read with GET from {@code urlBase} + {@code path}.
   *
   * @param properties the spec's properties, one {@code name: {...}} flow mapping per element
   * @param tokenField the config field of a bearer token; null for no authenticator
   */
  static Manifest manifest(
      List<String> properties, String urlBase, String path, String tokenField) {
    String retriever =
        "      requester: {type: HttpRequester, url_base: \""
            + urlBase
            + "\", path: "
            + path
            + ", http_method: GET"
            + (tokenField == null
                ? ""
                : ", authenticator: {type: BearerAuthenticator, api_token: \"{{ config['"
                    + tokenField
                    + "'] }}\"}")
            + "}\n"
            + "      record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [items]}}\n";
    String yaml =
        TestManifests.source("items", "", TestManifests.stream("items", retriever, ""))
            + "spec:\n  type: Spec\n  connection_specification:\n    type: object\n    properties:\n"
            + properties.stream().map(p -> "      " + p + "\n").collect(Collectors.joining());
    return new ManifestLoader(null, Optional::empty).fromText("source-items", yaml);
  }
}
