package airbytemcp.hardening;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A dynamic stream's mappings keep a secret's form. source-bing-ads names its custom report streams
 * {@code camel_case_to_snake_case(components_values['name'])} (source-pinterest does the same with
 * a {@code custom_} prefix): a secret reference in a custom report's name would come back from
 * list_source_streams lower-cased with underscores, a form masking does not know. The mappings are
 * checked against decoys like any template (found by red team m1: they were not).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SecretAsDynamicStreamNameTest {
  /** The shape of source-bing-ads' custom_reports dynamic stream (its name mapping verbatim). */
  private static final String CUSTOM_REPORTS =
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
                path: reports
                http_method: GET
                authenticator:
                  type: ApiKeyAuthenticator
                  api_token: "{{ config['api_key'] }}"
                  inject_into: {type: RequestOption, field_name: X-Api-Key, inject_into: header}
              record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [rows]}}
          components_resolver:
            type: ConfigComponentsResolver
            stream_config:
              type: StreamConfig
              configs_pointer: [custom_reports]
            components_mapping:
              - type: ComponentMappingDefinition
                create_or_update: true
                field_path: ["name"]
                value: "{{ camel_case_to_snake_case(components_values['name']) if not components_values.get('disable_custom_report_names_camel_to_snake_conversion', false) else components_values['name'] }}"
              - type: ComponentMappingDefinition
                create_or_update: true
                field_path: [retriever, requester, request_parameters, aggregation]
                value: "{{ components_values['report_aggregation'] }}"
      spec:
        type: Spec
        connection_specification:
          type: object
          required: [api_key]
          properties:
            api_key: {type: string, airbyte_secret: true}
            custom_reports:
              type: array
              items:
                type: object
                properties:
                  name: {type: string}
                  report_aggregation: {type: string}
      """;

  @RegisterExtension final RegistryManifestWorlds worlds = new RegistryManifestWorlds();
  private RegistryManifestWorld world;

  /** sk-RTI-dotenv-Pq47Zn82Wd is listed as the stream sk-rti-dotenv-pq47_zn82_wd. */
  @Test
  void aSecretAsACustomReportNameIsNotListedSnakeCased() {
    world = worlds.open();
    world.vendor.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404).withBody("{}")));
    world.start("source-custom-reports-api", CUSTOM_REPORTS, null);
    String snake =
        RegistryManifestWorld.API_KEY
            .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
            .toLowerCase(Locale.ROOT);

    RegistryManifestWorld.Answer answer =
        world.call(
            "list_source_streams",
            Map.of(
                "source_connector_name", "source-custom-reports-api",
                "override_execution_mode", "native",
                "config",
                    Map.of(
                        "api_key",
                        "secret_reference::VENDOR_API_KEY",
                        "custom_reports",
                        List.of(
                            Map.of(
                                "name",
                                "secret_reference::VENDOR_API_KEY",
                                "report_aggregation",
                                "Daily")))));

    assertFalse(
        answer.text().contains(snake) || answer.text().contains(snake.replace("-", "")),
        "the API key came back snake-cased as a stream name: " + answer.text());
    assertTrue(
        answer.text().contains("in a form masking cannot recognize"),
        "the answer says why the streams are not listed: " + answer.text());
    assertFalse(world.stderr().contains(snake), "and in the server's log: " + world.stderr());
  }
}
