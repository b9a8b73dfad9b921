package airbytemcp.hardening;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dynamic stream whose partition value comes from an API (a SubstreamPartitionRouter over the
 * parent's {@code id}, mapped as source-airtable's {@code "{{ stream_slice.base_id }}/{{
 * components_values.id }}"} into an AddFields value rendered per record). The API chooses the JSON
 * type of that field: Jinja inside a list it gives must never run with the config in scope either.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ListInAPartitionValueTest {
  private static final String MANIFEST =
      """
      version: 6.0.0
      type: DeclarativeSource
      check: {type: CheckDynamicStream, stream_count: 1}
      definitions:
        auth:
          type: ApiKeyAuthenticator
          api_token: "{{ config['api_key'] }}"
          inject_into: {type: RequestOption, field_name: X-Api-Key, inject_into: header}
        bases:
          type: DeclarativeStream
          name: bases
          primary_key: [id]
          schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
          retriever:
            type: SimpleRetriever
            requester:
              type: HttpRequester
              url_base: VENDOR/api/
              path: bases
              http_method: GET
              authenticator: {$ref: "#/definitions/auth"}
            record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [bases]}}
      streams: []
      dynamic_streams:
        - type: DynamicDeclarativeStream
          stream_template:
            type: DeclarativeStream
            name: placeholder
            primary_key: [id]
            schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
            retriever:
              type: SimpleRetriever
              requester:
                type: HttpRequester
                url_base: VENDOR/api/
                path: placeholder
                http_method: GET
                authenticator: {$ref: "#/definitions/auth"}
              record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [records]}}
            transformations:
              - type: AddFields
                fields:
                  - {type: AddedFieldDefinition, path: [_table], value: placeholder}
          components_resolver:
            type: HttpComponentsResolver
            retriever:
              type: SimpleRetriever
              requester:
                type: HttpRequester
                url_base: VENDOR/api/
                path: "meta/tables"
                http_method: GET
                authenticator: {$ref: "#/definitions/auth"}
              record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [tables]}}
              partition_router:
                type: SubstreamPartitionRouter
                parent_stream_configs:
                  - type: ParentStreamConfig
                    parent_key: id
                    partition_field: base_id
                    stream: {$ref: "#/definitions/bases"}
            components_mapping:
              - {type: ComponentMappingDefinition, field_path: [name], value: "{{ components_values.id }}"}
              - {type: ComponentMappingDefinition, field_path: [retriever, requester, path], value: "tables/{{ components_values.id }}"}
              - {type: ComponentMappingDefinition, field_path: [transformations, "0", fields, "0", value], value: "{{ stream_slice.base_id }}/{{ components_values.id }}"}
      spec:
        type: Spec
        connection_specification:
          type: object
          required: [api_key]
          properties:
            api_key: {type: string, airbyte_secret: true}
      """;

  @TempDir Path dir;
  private RegistryManifestWorld world;

  @AfterEach
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void jinjaInAListAnApiGivesAsAPartitionValueNeverRuns() {
    world = new RegistryManifestWorld(dir.resolve("world"));
    // the base's id is a list holding Jinja: not a string, so TemplateLiterals leaves it as it is
    world.vendor.stubFor(
        get(urlPathEqualTo("/api/bases"))
            .willReturn(okJson("{\"bases\": [{\"id\": [\"{{ config.api_key[1:] }}\"]}]}")));
    world.vendor.stubFor(
        get(urlPathEqualTo("/api/meta/tables"))
            .willReturn(okJson("{\"tables\": [{\"id\": \"tbl1\", \"name\": \"t\"}]}")));
    world.vendor.stubFor(
        get(urlPathMatching("/api/tables/tbl1"))
            .willReturn(okJson("{\"records\": [{\"id\": 1, \"title\": \"first\"}]}")));
    world.start("source-base-api", MANIFEST, null);
    String slice = RegistryManifestWorld.API_KEY.substring(1);

    RegistryManifestWorld.Answer answer =
        world.call(
            "read_source_stream_records",
            Map.of(
                "source_connector_name", "source-base-api",
                "override_execution_mode", "native",
                "stream_name", "tbl1",
                "config", Map.of("api_key", "secret_reference::VENDOR_API_KEY")));

    assertFalse(
        world.vendor.findAll(getRequestedFor(urlPathEqualTo("/api/meta/tables"))).isEmpty(),
        "the partition was never read, so nothing was tested: " + answer.text());
    assertFalse(
        answer.text().contains(slice),
        "the partition value ran as Jinja and the records hold the key's slice: " + answer.text());
    assertFalse(world.stderr().contains(slice), "the server log holds the key's slice");
  }
}
