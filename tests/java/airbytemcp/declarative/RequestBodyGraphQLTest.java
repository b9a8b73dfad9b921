package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RequestBodyGraphQL: the query object is POSTed as a JSON body, its templates rendered, and a
 * paginator's cursor lands inside it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RequestBodyGraphQLTest {
  @RegisterExtension final FakeApi api = new FakeApi();

  private static final String MANIFEST =
      """
      version: 6.0.0
      type: DeclarativeSource
      check: {type: CheckStream, stream_names: [issues]}
      streams:
        - type: DeclarativeStream
          name: issues
          schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
          retriever:
            type: SimpleRetriever
            requester:
              type: HttpRequester
              url_base: https://api.example.com
              path: /graphql
              http_method: POST
              request_body:
                type: RequestBodyGraphQL
                value:
                  query: "query Issues($after: String) { issues(team: \\"{{ config['team'] }}\\", first: 2, after: $after) { nodes { id } pageInfo { endCursor } } }"
                  operationName: Issues
            record_selector:
              type: RecordSelector
              extractor: {type: DpathExtractor, field_path: [data, issues, nodes]}
            paginator:
              type: DefaultPaginator
              pagination_strategy:
                type: CursorPagination
                cursor_value: "{{ response.data.issues.pageInfo.endCursor }}"
                stop_condition: "{{ not response.data.issues.pageInfo.endCursor }}"
              page_token_option: {type: RequestOption, inject_into: body_json, field_path: [variables, after]}
      """;

  private static String page(String ids, String cursor) {
    return "{\"data\": {\"issues\": {\"nodes\": ["
        + ids
        + "], \"pageInfo\": {\"endCursor\": "
        + cursor
        + "}}}}";
  }

  @Test
  void theQueryIsPostedAsJsonAndTheCursorGoesIntoItsVariables() {
    String query =
        "query Issues($after: String) { issues(team: \\\"core\\\", first: 2, after: $after)"
            + " { nodes { id } pageInfo { endCursor } } }";
    api.server.stubFor(
        post(urlPathEqualTo("/graphql"))
            .withRequestBody(
                equalToJson("{\"query\": \"" + query + "\", \"operationName\": \"Issues\"}"))
            .willReturn(okJson(page("{\"id\": 1}, {\"id\": 2}", "\"c2\""))));
    api.server.stubFor(
        post(urlPathEqualTo("/graphql"))
            .withRequestBody(
                equalToJson(
                    "{\"query\": \""
                        + query
                        + "\", \"operationName\": \"Issues\", \"variables\": {\"after\": \"c2\"}}"))
            .willReturn(okJson(page("{\"id\": 3}", "null"))));

    List<JsonNode> records =
        FakeApi.read(
                DeclarativeConnector.of(
                    SharedManifests.loaderValidatingWhereAvailable().fromText("graphql", MANIFEST),
                    api.options()),
                Json.object().put("team", "core"),
                FakeApi.catalog("full_refresh", "issues"),
                null)
            .records("issues");

    assertEquals(
        List.of(1, 2, 3),
        records.stream().map(r -> r.path("id").asInt()).toList(),
        "both pages of the GraphQL query were read");
    api.server.verify(2, postRequestedFor(urlPathEqualTo("/graphql")));
  }

  @Test
  void theManifestIsNotReportedUnsupported() {
    ManifestLoader loader = SharedManifests.loaderValidatingWhereAvailable();
    assertEquals(
        Set.of(),
        loader.unsupported(loader.fromText("supported", MANIFEST)),
        "RequestBodyGraphQL is run, so --check-manifests must not list it");
  }
}
