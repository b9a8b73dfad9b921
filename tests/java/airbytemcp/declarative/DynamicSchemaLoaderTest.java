package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DynamicSchemaLoader: the stream's schema comes from the API, its field types renamed by TypesMap.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DynamicSchemaLoaderTest {
  @RegisterExtension final FakeApi api = new FakeApi();

  @Test
  void discoverBuildsTheSchemaFromTheFieldsTheApiDescribes() {
    api.server.stubFor(
        get(urlPathEqualTo("/meta"))
            .willReturn(
                okJson(
                    "{\"tables\": [{\"id\": \"t1\", \"fields\": ["
                        + "{\"name\": \"Full Name\", \"type\": \"singleLineText\"}, {\"name\": \"Count\", \"type\": \"number\"},"
                        + " {\"name\": \"Done\", \"type\": \"checkbox\"}, {\"name\": \"When\", \"type\": \"dateTime\"}]}]}")));
    String yaml =
        TestManifests.source(
            "rows",
            "",
            """
          - type: DeclarativeStream
            name: rows
            retriever:
              type: SimpleRetriever
              requester: {type: HttpRequester, url_base: "http://api.example.com", path: /rows, http_method: GET}
              record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [records]}}
            schema_loader:
              type: DynamicSchemaLoader
              retriever:
                type: SimpleRetriever
                requester: {type: HttpRequester, url_base: "http://api.example.com", path: /meta, http_method: GET}
                record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [tables]}}
              schema_transformations:
                - type: KeysReplace
                  old: " "
                  new: "_"
                - type: AddFields
                  fields:
                    - path: [_id]
                      value: "{{ {'type': ['null', 'string']} }}"
              schema_type_identifier:
                type: SchemaTypeIdentifier
                schema_pointer: [fields]
                key_pointer: [name]
                type_pointer: [type]
                types_mapping:
                  - {type: TypesMap, target_type: string, current_type: singleLineText}
                  - {type: TypesMap, target_type: boolean, current_type: checkbox}
                  - {type: TypesMap, target_type: timestamp_with_timezone, current_type: dateTime,
                     condition: "{{ raw_schema['name'] == 'When' }}"}
        """);
    DeclarativeConnector c =
        DeclarativeConnector.of(
            new ManifestLoader(null, Optional::empty).fromText("dyn", yaml), api.options());
    JsonNode properties =
        c.discover(Json.object()).path("streams").path(0).path("json_schema").path("properties");
    assertEquals(
        Json.parse(
            """
        {"Full_Name": {"type": ["null", "string"]}, "Count": {"type": ["null", "number"]},
         "Done": {"type": ["null", "boolean"]},
         "When": {"type": ["null", "string"], "format": "date-time", "airbyte_type": "timestamp_with_timezone"},
         "_id": {"type": ["null", "string"]}}"""),
        properties,
        "the schema the API described, renamed and reshaped");
  }

  @Test
  void theSchemaFilterDropsFieldsBeforeTheyAreRenamed() {
    api.server.stubFor(
        get(urlPathEqualTo("/meta"))
            .willReturn(
                okJson(
                    "{\"fields\": [{\"name\": \"Full Name\", \"type\": \"string\"},"
                        + " {\"name\": \"Count\", \"type\": \"number\"}]}")));
    String yaml =
        TestManifests.source(
            "rows",
            "",
            """
          - type: DeclarativeStream
            name: rows
            retriever:
              type: SimpleRetriever
              requester: {type: HttpRequester, url_base: "http://api.example.com", path: /rows, http_method: GET}
              record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [records]}}
            schema_loader:
              type: DynamicSchemaLoader
              retriever:
                type: SimpleRetriever
                requester: {type: HttpRequester, url_base: "http://api.example.com", path: /meta, http_method: GET}
                record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: []}}
              schema_filter:
                type: RecordFilter
                condition: "{{ 'Full Name' not in record }}"
              schema_transformations:
                - {type: KeysReplace, old: " ", new: "_"}
              schema_type_identifier:
                type: SchemaTypeIdentifier
                schema_pointer: [fields]
                key_pointer: [name]
                type_pointer: [type]
        """);
    DeclarativeConnector c =
        DeclarativeConnector.of(
            new ManifestLoader(null, Optional::empty).fromText("dyn", yaml), api.options());
    JsonNode properties =
        c.discover(Json.object()).path("streams").path(0).path("json_schema").path("properties");
    assertEquals(
        Json.parse("{\"Count\": {\"type\": [\"null\", \"number\"]}}"),
        properties,
        "the filter sees the API's own field names and drops 'Full Name'");
  }
}
