package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** LegacyToPerPartitionStateMigration: an old per-parent state resumes a per-partition cursor. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StateMigrationTest {
  @RegisterExtension final FakeApi api = new FakeApi();

  private static final String MANIFEST =
      """
      version: 6.0.0
      type: DeclarativeSource
      check: {type: CheckStream, stream_names: [comments]}
      definitions:
        posts:
          type: DeclarativeStream
          name: posts
          schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
          retriever:
            type: SimpleRetriever
            requester: {type: HttpRequester, url_base: https://api.example.com, path: /posts, http_method: GET}
            record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [data]}}
      streams:
        - type: DeclarativeStream
          name: comments
          schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
          state_migrations:
            - type: LegacyToPerPartitionStateMigration
          incremental_sync:
            type: DatetimeBasedCursor
            cursor_field: updated
            datetime_format: "%Y-%m-%d"
            start_datetime: "2020-01-01"
            start_time_option: {type: RequestOption, inject_into: request_parameter, field_name: since}
          retriever:
            type: SimpleRetriever
            requester: {type: HttpRequester, url_base: https://api.example.com, path: "/posts/{{ stream_partition.post_id }}/comments", http_method: GET}
            record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [data]}}
            partition_router:
              type: SubstreamPartitionRouter
              parent_stream_configs:
                - {type: ParentStreamConfig, stream: {$ref: "#/definitions/posts"}, parent_key: id, partition_field: post_id}
      """;

  private static JsonNode legacyState(JsonNode streamState) {
    ObjectNode message = Json.object().put("type", "STREAM");
    ObjectNode stream = message.putObject("stream");
    stream.putObject("stream_descriptor").put("name", "comments");
    stream.set("stream_state", streamState);
    ArrayNode state = Json.array();
    state.add(message);
    return state;
  }

  private FakeApi.Output readFrom(JsonNode streamState) {
    api.server.stubFor(
        get(urlPathEqualTo("/posts"))
            .willReturn(okJson("{\"data\": [{\"id\": \"p1\"}, {\"id\": \"p2\"}]}")));
    api.server.stubFor(
        get(urlPathEqualTo("/posts/p1/comments"))
            .willReturn(okJson("{\"data\": [{\"id\": 1, \"updated\": \"2024-03-01\"}]}")));
    api.server.stubFor(
        get(urlPathEqualTo("/posts/p2/comments"))
            .willReturn(okJson("{\"data\": [{\"id\": 2, \"updated\": \"2024-02-01\"}]}")));
    return FakeApi.read(
        DeclarativeConnector.of(
            SharedManifests.loaderValidatingWhereAvailable().fromText("migration", MANIFEST),
            api.options()),
        Json.object(),
        FakeApi.catalog("incremental", "comments"),
        legacyState(streamState));
  }

  @Test
  void aLegacyPerParentStateResumesEachPartitionFromItsCursor() {
    readFrom(Json.parse("{\"p1\": {\"updated\": \"2024-01-05\"}}"));

    api.server.verify(
        getRequestedFor(urlPathEqualTo("/posts/p1/comments"))
            .withQueryParam("since", equalTo("2024-01-05")));
    api.server.verify(
        getRequestedFor(urlPathEqualTo("/posts/p2/comments"))
            .withQueryParam("since", equalTo("2020-01-01")));
  }

  @Test
  void theStateWrittenAfterAMigrationHasOneEntryPerPartitionInTheNewShape() {
    FakeApi.Output out = readFrom(Json.parse("{\"p1\": {\"updated\": \"2024-01-05\"}}"));

    JsonNode states = out.lastStreamState().path("states");
    assertEquals(2, states.size(), "p1 and p2, the migrated p1 not repeated: " + states);
    assertEquals("p1", states.get(0).path("partition").path("post_id").asText());
    assertEquals("2024-03-01", states.get(0).path("cursor").path("updated").asText());
  }

  @Test
  void aStateThatIsNotTheLegacyShapeIsLeftAlone() {
    // two fields under a parent: not "one cursor value per parent", so no migration and no cursor
    readFrom(Json.parse("{\"p1\": {\"updated\": \"2024-01-05\", \"other\": 1}}"));

    api.server.verify(
        getRequestedFor(urlPathEqualTo("/posts/p1/comments"))
            .withQueryParam("since", equalTo("2020-01-01")));
  }
}
