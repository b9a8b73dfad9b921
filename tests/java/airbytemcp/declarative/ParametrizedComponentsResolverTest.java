package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ParametrizedComponentsResolver: one dynamic stream per entry of the manifest's own
 * StreamParametersDefinition list, the template filled by the component mappings.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ParametrizedComponentsResolverTest {
  @RegisterExtension final FakeApi api = new FakeApi();

  private static final String MANIFEST =
      """
      version: 6.0.0
      type: DeclarativeSource
      check: {type: CheckStream, stream_names: [contacts]}
      streams: []
      dynamic_streams:
        - type: DynamicDeclarativeStream
          stream_template:
            type: DeclarativeStream
            name: placeholder
            primary_key: []
            schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
            retriever:
              type: SimpleRetriever
              requester:
                type: HttpRequester
                url_base: https://api.example.com
                path: /placeholder
                http_method: GET
                request_parameters:
                  limit: "10"
              record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [data]}}
          components_resolver:
            type: ParametrizedComponentsResolver
            stream_parameters:
              type: StreamParametersDefinition
              list_of_parameters_for_stream:
                - {name: contacts, path: /crm/contacts, key: id, limit: 50}
                - {name: deals, path: /crm/deals, key: deal_id, limit: 20}
            components_mapping:
              - {type: ComponentMappingDefinition, field_path: [name], value: "{{ components_values['name'] }}"}
              - {type: ComponentMappingDefinition, field_path: [retriever, requester, path], value: "{{ components_values['path'] }}"}
              - {type: ComponentMappingDefinition, field_path: [primary_key], value: "{{ components_values['key'] }}"}
              - {type: ComponentMappingDefinition, field_path: [retriever, requester, request_parameters, limit], value: "{{ components_values['limit'] }}"}
      """;

  private DeclarativeConnector connector() {
    return DeclarativeConnector.of(
        SharedManifests.loaderValidatingWhereAvailable().fromText("parametrized", MANIFEST),
        api.options());
  }

  @Test
  void eachParameterEntryMakesOneStreamNamedByTheMapping() {
    List<String> names = new ArrayList<>();
    JsonNode catalog = connector().discover(Json.object());
    catalog.path("streams").forEach(s -> names.add(s.path("name").asText()));

    assertEquals(List.of("contacts", "deals"), names);
    assertEquals(
        "deal_id",
        catalog.path("streams").get(1).path("source_defined_primary_key").path(0).path(0).asText(),
        "the primary key mapped from the entry: " + catalog.path("streams").get(1));
  }

  @Test
  void aParametrizedStreamReadsFromItsMappedPathWithItsOwnRequestParameters() {
    api.server.stubFor(
        get(urlPathEqualTo("/crm/deals")).willReturn(okJson("{\"data\": [{\"deal_id\": 3}]}")));

    FakeApi.Output out =
        FakeApi.read(connector(), Json.object(), FakeApi.catalog("full_refresh", "deals"), null);

    assertEquals(1, out.records("deals").size());
    api.server.verify(
        getRequestedFor(urlPathEqualTo("/crm/deals")).withQueryParam("limit", equalTo("20")));
  }
}
