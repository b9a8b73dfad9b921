package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.protocol.MessageType;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * stream_groups (StreamGroup, BlockSimultaneousSyncsAction): streams of a group are never read at
 * the same time, and a group may not hold a stream together with its parent.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamGroupTest {
  @RegisterExtension final FakeApi api = new FakeApi();

  private static String manifest(String groupMembers) {
    return String.format(
        Locale.ROOT,
        """
        version: 6.0.0
        type: DeclarativeSource
        check: {type: CheckStream, stream_names: [projects]}
        definitions:
          projects:
            type: DeclarativeStream
            name: projects
            schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
            retriever:
              type: SimpleRetriever
              requester: {type: HttpRequester, url_base: https://api.example.com, path: /projects, http_method: GET}
              record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [data]}}
          tasks:
            type: DeclarativeStream
            name: tasks
            schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
            retriever:
              type: SimpleRetriever
              requester: {type: HttpRequester, url_base: https://api.example.com, path: "/projects/{{ stream_partition.project }}/tasks", http_method: GET}
              record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [data]}}
              partition_router:
                type: SubstreamPartitionRouter
                parent_stream_configs:
                  - {type: ParentStreamConfig, stream: {$ref: "#/definitions/projects"}, parent_key: id, partition_field: project}
          users:
            type: DeclarativeStream
            name: users
            schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
            retriever:
              type: SimpleRetriever
              requester: {type: HttpRequester, url_base: https://api.example.com, path: /users, http_method: GET}
              record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [data]}}
        streams:
          - {$ref: "#/definitions/projects"}
          - {$ref: "#/definitions/tasks"}
          - {$ref: "#/definitions/users"}
        stream_groups:
          one_session:
            streams: [%s]
            action: {type: BlockSimultaneousSyncsAction}
        """,
        groupMembers);
  }

  private DeclarativeConnector connector(String groupMembers) {
    return DeclarativeConnector.of(
        SharedManifests.loaderValidatingWhereAvailable()
            .fromText("stream-groups", manifest(groupMembers)),
        api.options());
  }

  @Test
  void streamsOfAGroupAreReadOneAfterTheOther() {
    api.server.stubFor(
        get(urlPathEqualTo("/users")).willReturn(okJson("{\"data\": [{\"id\": 1}, {\"id\": 2}]}")));
    api.server.stubFor(
        get(urlPathEqualTo("/projects"))
            .willReturn(okJson("{\"data\": [{\"id\": 5}, {\"id\": 6}]}")));

    FakeApi.Output out =
        FakeApi.read(
            connector("{$ref: \"#/definitions/projects\"}, {$ref: \"#/definitions/users\"}"),
            Json.object(),
            FakeApi.catalog("full_refresh", "projects", "users"),
            null);

    List<String> order = new ArrayList<>();
    for (JsonNode record : out.ofType(MessageType.RECORD)) {
      order.add(record.path("record").path("stream").asText());
    }
    assertEquals(
        List.of("projects", "projects", "users", "users"),
        order,
        "one stream of the group completes before the next starts");
  }

  @Test
  void aGroupHoldingAStreamAndItsParentIsRefused() {
    DeclarativeConnector connector =
        connector("{$ref: \"#/definitions/projects\"}, {$ref: \"#/definitions/tasks\"}");

    DeclarativeError e =
        assertThrows(DeclarativeError.class, () -> connector.discover(Json.object()));

    assertTrue(
        e.getMessage().contains("'tasks'") && e.getMessage().contains("'projects'"),
        e.getMessage());
  }
}
