package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.junit.jupiter.api.Assertions.assertEquals;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DynamicStreamsTest {
  @RegisterExtension final FakeApi api = new FakeApi();

  private static final String TEMPLATE =
      """
          stream_template:
            type: DeclarativeStream
            name: placeholder
            schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
            retriever:
              type: SimpleRetriever
              requester: {type: HttpRequester, url_base: "https://api.example.com", path: /placeholder, http_method: GET}
              record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [rows]}}
        """;

  private static final String MAPPINGS =
      """
            components_mapping:
              - {type: ComponentMappingDefinition, field_path: [name], value: "{{ components_values.name }}"}
              - {type: ComponentMappingDefinition, field_path: [retriever, requester, path], value: "/{{ components_values.path }}"}
        """;

  private DeclarativeConnector connector(String resolver) {
    String yaml =
        "version: 6.0.0\ntype: DeclarativeSource\ncheck: {type: CheckDynamicStream, stream_count: 1}\n"
            + "dynamic_streams:\n  - type: DynamicDeclarativeStream\n"
            + (TEMPLATE + resolver + MAPPINGS).indent(2);
    return DeclarativeConnector.of(
        SharedManifests.loaderValidatingWhereAvailable().fromText("dyn", yaml), api.options());
  }

  private static List<String> names(JsonNode catalog) {
    List<String> names = new ArrayList<>();
    catalog.path("streams").forEach(s -> names.add(s.path("name").asText()));
    return names;
  }

  @Test
  void streamsComeFromTheApiAndReadTheirOwnPaths() {
    api.server.stubFor(
        get("/tables")
            .willReturn(
                okJson(
                    "{\"tables\": [{\"name\": \"users\", \"path\": \"u\"}, {\"name\": \"orders\", \"path\": \"o\"}]}")));
    api.server.stubFor(get("/o").willReturn(okJson("{\"rows\": [{\"id\": 10}, {\"id\": 11}]}")));
    api.server.stubFor(get("/u").willReturn(okJson("{\"rows\": [{\"id\": 1}]}")));
    DeclarativeConnector c =
        connector(
            """
          components_resolver:
            type: HttpComponentsResolver
            retriever:
              type: SimpleRetriever
              requester: {type: HttpRequester, url_base: "https://api.example.com", path: /tables, http_method: GET}
              record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [tables]}}
        """);
    assertEquals(List.of("users", "orders"), names(c.discover(Json.object())));
    assertEquals(
        2,
        FakeApi.read(c, Json.object(), FakeApi.catalog("full_refresh", "orders"), null)
            .records("orders")
            .size());
    assertEquals("SUCCEEDED", c.check(Json.object()).path("status").asText());
  }

  @Test
  void streamsComeFromTheConfig() {
    api.server.stubFor(get("/x").willReturn(okJson("{\"rows\": [{\"id\": 5}]}")));
    DeclarativeConnector c =
        connector(
            """
          components_resolver:
            type: ConfigComponentsResolver
            stream_config: {type: StreamConfig, configs_pointer: [tables]}
        """);
    JsonNode config = Json.parse("{\"tables\": [{\"name\": \"extra\", \"path\": \"x\"}]}");
    assertEquals(List.of("extra"), names(c.discover(config)));
    assertEquals(
        5,
        FakeApi.read(c, config, FakeApi.catalog("full_refresh", "extra"), null)
            .records("extra")
            .get(0)
            .path("id")
            .asInt());
  }
}
