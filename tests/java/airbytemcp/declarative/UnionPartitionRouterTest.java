package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * UnionPartitionRouter: the partitions of several routers, each value once, normalised to one key.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UnionPartitionRouterTest {
  @RegisterExtension final FakeApi api = new FakeApi();

  private static String manifest(String secondChildField) {
    return String.format(
        Locale.ROOT,
        """
        version: 6.0.0
        type: DeclarativeSource
        check: {type: CheckStream, stream_names: [issues]}
        definitions:
          repositories:
            type: DeclarativeStream
            name: repositories
            schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
            retriever:
              type: SimpleRetriever
              requester: {type: HttpRequester, url_base: https://api.example.com, path: /repositories, http_method: GET}
              record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [data]}}
        streams:
          - type: DeclarativeStream
            name: issues
            schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
            retriever:
              type: SimpleRetriever
              requester:
                type: HttpRequester
                url_base: https://api.example.com
                path: "/repos/{{ stream_partition.repository }}/issues"
                http_method: GET
              record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [data]}}
              partition_router:
                type: UnionPartitionRouter
                partition_field: repository
                partition_routers:
                  - {type: ListPartitionRouter, cursor_field: repository, values: [a, b]}
                  - type: SubstreamPartitionRouter
                    parent_stream_configs:
                      - type: ParentStreamConfig
                        stream: {$ref: "#/definitions/repositories"}
                        parent_key: name
                        partition_field: %s
            transformations:
              - type: AddFields
                fields:
                  - {type: AddedFieldDefinition, path: [repository], value: "{{ stream_partition.repository }}"}
                  - {type: AddedFieldDefinition, path: [partition_keys], value: "{{ stream_partition.keys() | list | join(',') }}"}
        """,
        secondChildField);
  }

  private FakeApi.Output read(String secondChildField) {
    api.server.stubFor(
        get(urlPathEqualTo("/repositories"))
            .willReturn(okJson("{\"data\": [{\"name\": \"b\"}, {\"name\": \"c\"}]}")));
    for (String repo : List.of("a", "b", "c")) {
      api.server.stubFor(
          get(urlPathEqualTo("/repos/" + repo + "/issues"))
              .willReturn(okJson("{\"data\": [{\"id\": 1}]}")));
    }
    return FakeApi.read(
        DeclarativeConnector.of(
            SharedManifests.loaderValidatingWhereAvailable()
                .fromText("union", manifest(secondChildField)),
            api.options()),
        Json.object(),
        FakeApi.catalog("full_refresh", "issues"),
        null);
  }

  @Test
  void eachPartitionValueOfAllChildrenIsReadOnceInChildOrder() {
    FakeApi.Output out = read("repository");

    List<String> read =
        out.records("issues").stream().map(r -> r.path("repository").asText()).toList();
    assertEquals(List.of("a", "b", "c"), read, "the list's a, b, then the parent's c; b only once");
    api.server.verify(1, getRequestedFor(urlPathEqualTo("/repos/b/issues")));
  }

  @Test
  void aPartitionIsNormalisedToTheOneFieldWhateverChildMadeIt() {
    FakeApi.Output out = read("repository");

    for (JsonNode record : out.records("issues")) {
      assertEquals(
          "repository",
          record.path("partition_keys").asText(),
          "the substream's parent_slice moved out of the partition: " + record);
    }
  }

  @Test
  void aChildThatDoesNotGiveThePartitionFieldIsAnError() {
    DeclarativeError e = assertThrows(DeclarativeError.class, () -> read("repo_name"));

    assertTrue(e.getMessage().contains("'repository'"), e.getMessage());
  }
}
