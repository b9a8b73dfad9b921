package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** DynamicStreamCheckConfig: a check reads streams a named dynamic definition generates. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DynamicStreamCheckConfigTest {
  @RegisterExtension final FakeApi api = new FakeApi();

  private static String manifest(String checkConfig) {
    return String.format(
        Locale.ROOT,
        """
        version: 6.0.0
        type: DeclarativeSource
        check:
          type: CheckStream
          stream_names: []
          dynamic_streams_check_configs: [%s]
        streams: []
        dynamic_streams:
          - type: DynamicDeclarativeStream
            name: tables
            stream_template:
              type: DeclarativeStream
              name: placeholder
              schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
              retriever:
                type: SimpleRetriever
                requester: {type: HttpRequester, url_base: https://api.example.com, path: /placeholder, http_method: GET}
                record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [data]}}
            components_resolver:
              type: ParametrizedComponentsResolver
              stream_parameters:
                type: StreamParametersDefinition
                list_of_parameters_for_stream: [{name: first}, {name: second}, {name: third}]
              components_mapping:
                - {type: ComponentMappingDefinition, field_path: [name], value: "{{ components_values.name }}"}
                - {type: ComponentMappingDefinition, field_path: [retriever, requester, path], value: "/{{ components_values.name }}"}
        """,
        checkConfig);
  }

  private JsonNode check(String checkConfig) {
    for (String path : new String[] {"/first", "/second", "/third"}) {
      api.server.stubFor(get(urlPathEqualTo(path)).willReturn(okJson("{\"data\": [{\"id\": 1}]}")));
    }
    return DeclarativeConnector.of(
            SharedManifests.loaderValidatingWhereAvailable()
                .fromText("dynamic-check", manifest(checkConfig)),
            api.options())
        .check(Json.object());
  }

  private int requestsTo(String path) {
    return api.server.findAll(getRequestedFor(urlPathEqualTo(path))).size();
  }

  @Test
  void theCheckReadsTheFirstStreamCountStreamsOfTheNamedDynamicDefinition() {
    JsonNode status =
        check("{type: DynamicStreamCheckConfig, dynamic_stream_name: tables, stream_count: 2}");

    assertEquals("SUCCEEDED", status.path("status").asText(), status.toString());
    assertEquals(1, requestsTo("/first"));
    assertEquals(1, requestsTo("/second"));
    assertEquals(0, requestsTo("/third"), "stream_count 2 leaves the third unchecked");
  }

  @Test
  void withoutAStreamCountEveryGeneratedStreamIsChecked() {
    JsonNode status = check("{type: DynamicStreamCheckConfig, dynamic_stream_name: tables}");

    assertEquals("SUCCEEDED", status.path("status").asText(), status.toString());
    assertEquals(1, requestsTo("/third"), "all three are checked");
  }

  @Test
  void anUnknownDynamicStreamNameFailsTheCheck() {
    JsonNode status = check("{type: DynamicStreamCheckConfig, dynamic_stream_name: views}");

    assertEquals("FAILED", status.path("status").asText());
    assertTrue(status.path("message").asText().contains("views"), status.toString());
  }
}
