package airbytemcp.hardening;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A dynamic stream of a registry manifest maps values into its stream template, and every string of
 * the stream made from it is rendered again as it runs. What is mapped from the agent's config or
 * an API's records must reach the request or the record as the text it is: rendered, Jinja in it
 * would run with the whole config (the resolved secrets) in scope.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DynamicStreamDataAsTextTest {
  @RegisterExtension final RegistryManifestWorlds worlds = new RegistryManifestWorlds();
  private RegistryManifestWorld world;

  /**
   * A registry manifest whose streams come from the config (a ConfigComponentsResolver over {@code
   * custom_reports}, as source-pinterest, source-google-search-console, source-linkedin-ads and
   * source-bing-ads have). Each mapping writes its value into the stream template, and every string
   * of the stream made from it is rendered again when it runs. Jinja the agent writes in a custom
   * report's field must reach the request as the text it is: rendered, it would run with the whole
   * config (the resolved secrets) in scope.
   */
  private static final String CONFIG_REPORTS =
      """
      version: 6.0.0
      type: DeclarativeSource
      check: {type: CheckDynamicStream, stream_count: 1}
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
                authenticator:
                  type: ApiKeyAuthenticator
                  api_token: "{{ config['api_key'] }}"
                  inject_into: {type: RequestOption, field_name: X-Api-Key, inject_into: header}
              record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [rows]}}
          components_resolver:
            type: ConfigComponentsResolver
            stream_config: {type: StreamConfig, configs_pointer: [custom_reports]}
            components_mapping:
              - {type: ComponentMappingDefinition, field_path: [name], value: "custom_{{ components_values['name'] }}"}
              - {type: ComponentMappingDefinition, field_path: [retriever, requester, path], value: "reports/{{ components_values['dimension'] }}"}
      spec:
        type: Spec
        connection_specification:
          type: object
          required: [api_key]
          properties:
            api_key: {type: string, airbyte_secret: true}
            custom_reports: {type: array, items: {type: object}}
      """;

  @Test
  void jinjaInAConfigValueMappedIntoADynamicStreamIsSentAsText() {
    world = worlds.open();
    world.vendor.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404).withBody("{}")));
    world.start("source-report-api", CONFIG_REPORTS, null);
    String slice = RegistryManifestWorld.API_KEY.substring(1);

    RegistryManifestWorld.Answer answer =
        world.readNatively(
            "source-report-api",
            "custom_r1",
            Map.of(
                "api_key",
                "secret_reference::VENDOR_API_KEY",
                "custom_reports",
                List.of(
                    Map.of(
                        "name", "r1",
                        "dimension", "{{ config['api_key'][1:] }}"))));

    List<String> urls =
        world.vendor.getAllServeEvents().stream().map(e -> e.getRequest().getUrl()).toList();
    assertFalse(urls.isEmpty(), "no request was made, so nothing was tested: " + answer.text());
    assertFalse(
        answer.text().contains(slice),
        "the agent's Jinja ran in the dynamic stream and the answer holds the key's slice: "
            + answer.text());
    assertFalse(world.stderr().contains(slice), "the server log holds the key's slice");
    assertTrue(
        urls.stream().noneMatch(u -> u.contains(slice)),
        "the value went into the path as code, not as the text it is: " + urls);
    assertTrue(
        urls.stream().allMatch(u -> u.contains("%7B%7B%20config")),
        "the value went into the path as the text it is: " + urls);
  }

  /**
   * A registry manifest whose streams come from the API (an HttpComponentsResolver over the tables
   * of a base, as source-airtable's), writing each table's name into an AddFields value of the
   * stream template, which is rendered per record. A table's name is data a third party controls
   * (anyone who may edit a shared base), so no prompt injection is needed: a name written as Jinja
   * must reach the records as text, never run with the config's secrets in scope.
   */
  private static final String API_TABLES =
      """
      version: 6.0.0
      type: DeclarativeSource
      check: {type: CheckDynamicStream, stream_count: 1}
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
                authenticator:
                  type: ApiKeyAuthenticator
                  api_token: "{{ config['api_key'] }}"
                  inject_into: {type: RequestOption, field_name: X-Api-Key, inject_into: header}
              record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [records]}}
            transformations:
              - type: AddFields
                fields:
                  - {type: AddedFieldDefinition, path: [_table_name], value: placeholder}
          components_resolver:
            type: HttpComponentsResolver
            retriever:
              type: SimpleRetriever
              requester:
                type: HttpRequester
                url_base: VENDOR/api/
                path: tables
                http_method: GET
                authenticator:
                  type: ApiKeyAuthenticator
                  api_token: "{{ config['api_key'] }}"
                  inject_into: {type: RequestOption, field_name: X-Api-Key, inject_into: header}
              record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [tables]}}
            components_mapping:
              - {type: ComponentMappingDefinition, field_path: [name], value: "{{ components_values.id }}"}
              - {type: ComponentMappingDefinition, field_path: [retriever, requester, path], value: "tables/{{ components_values.id }}"}
              - {type: ComponentMappingDefinition, field_path: [transformations, "0", fields, "0", value], value: "{{ components_values.name }}"}
      spec:
        type: Spec
        connection_specification:
          type: object
          required: [api_key]
          properties:
            api_key: {type: string, airbyte_secret: true}
      """;

  @Test
  void aTableNameHoldingJinjaReachesTheRecordsAsText() {
    world = worlds.open();
    // a collaborator named the table; the API returns the name as any other
    world.vendor.stubFor(
        get(urlPathEqualTo("/api/tables"))
            .willReturn(
                okJson(
                    "{\"tables\": [{\"id\": \"tbl1\","
                        + " \"name\": \"{{ config['api_key'][1:] }}\"}]}")));
    world.vendor.stubFor(
        get(urlPathEqualTo("/api/tables/tbl1"))
            .willReturn(okJson("{\"records\": [{\"id\": 1, \"title\": \"first\"}]}")));
    world.start("source-table-api", API_TABLES, null);
    String slice = RegistryManifestWorld.API_KEY.substring(1);

    RegistryManifestWorld.Answer answer =
        world.readNatively(
            "source-table-api", "tbl1", Map.of("api_key", "secret_reference::VENDOR_API_KEY"));

    assertTrue(
        answer.text().contains("first"),
        "the stream was not read, so nothing was tested: " + answer.text());
    assertFalse(
        answer.text().contains(slice),
        "the table's name ran as Jinja and the records hold the key's slice: " + answer.text());
    assertFalse(world.stderr().contains(slice), "the server log holds the key's slice");
    assertTrue(
        answer.text().contains("{{ config['api_key'][1:] }}"),
        "the records carry the table's name as the text it is: " + answer.text());
  }

  /**
   * A dynamic stream whose partition value comes from an API (a SubstreamPartitionRouter over the
   * parent's {@code id}, mapped as source-airtable's {@code "{{ stream_slice.base_id }}/{{
   * components_values.id }}"} into an AddFields value rendered per record). The API chooses the
   * JSON type of that field: Jinja inside a list it gives must never run with the config in scope
   * either.
   */
  private static final String API_PARTITIONS =
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

  @Test
  void jinjaInAListAnApiGivesAsAPartitionValueNeverRuns() {
    world = worlds.open();
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
    world.start("source-base-api", API_PARTITIONS, null);
    String slice = RegistryManifestWorld.API_KEY.substring(1);

    RegistryManifestWorld.Answer answer =
        world.readNatively(
            "source-base-api", "tbl1", Map.of("api_key", "secret_reference::VENDOR_API_KEY"));

    assertFalse(
        world.vendor.findAll(getRequestedFor(urlPathEqualTo("/api/meta/tables"))).isEmpty(),
        "the partition was never read, so nothing was tested: " + answer.text());
    assertFalse(
        answer.text().contains(slice),
        "the partition value ran as Jinja and the records hold the key's slice: " + answer.text());
    assertFalse(world.stderr().contains(slice), "the server log holds the key's slice");
  }
}
