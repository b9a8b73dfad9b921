package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ConditionalStreams: streams that exist only while a condition over the config holds. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConditionalStreamsTest {
  @RegisterExtension final FakeApi api = new FakeApi();

  private static final String MANIFEST =
      """
      version: 6.0.0
      type: DeclarativeSource
      check: {type: CheckStream, stream_names: [accounts]}
      definitions:
        stream:
          type: DeclarativeStream
          schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
          retriever:
            type: SimpleRetriever
            requester: {type: HttpRequester, url_base: https://api.example.com, path: "/{{ parameters.name }}", http_method: GET}
            record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [data]}}
      streams:
        - {$ref: "#/definitions/stream", name: accounts, $parameters: {name: accounts}}
        - type: ConditionalStreams
          condition: "{{ config.get('sandbox', False) }}"
          streams:
            - {$ref: "#/definitions/stream", name: test_clocks, $parameters: {name: test_clocks}}
      """;

  private DeclarativeConnector connector() {
    return DeclarativeConnector.of(
        SharedManifests.loaderValidatingWhereAvailable().fromText("conditional", MANIFEST),
        api.options());
  }

  private List<String> discovered(JsonNode config) {
    List<String> names = new ArrayList<>();
    connector().discover(config).path("streams").forEach(s -> names.add(s.path("name").asText()));
    return names;
  }

  @Test
  void theConditionalStreamsArePartOfTheSourceWhileTheConditionHolds() {
    assertEquals(
        List.of("accounts", "test_clocks"),
        discovered(Json.parse("{\"sandbox\": true}")),
        "a sandbox config has the sandbox-only stream");
  }

  @Test
  void theConditionalStreamsAreAbsentWhenTheConditionDoesNotHold() {
    assertEquals(List.of("accounts"), discovered(Json.parse("{\"sandbox\": false}")));
    assertEquals(List.of("accounts"), discovered(Json.object()), "an absent flag is false");
  }

  @Test
  void aConditionalStreamReadsLikeAnyOtherWhenItsConditionHolds() {
    api.server.stubFor(
        get(urlPathEqualTo("/test_clocks")).willReturn(okJson("{\"data\": [{\"id\": 7}]}")));

    FakeApi.Output out =
        FakeApi.read(
            connector(),
            Json.parse("{\"sandbox\": true}"),
            FakeApi.catalog("full_refresh", "test_clocks"),
            null);

    assertEquals(1, out.records("test_clocks").size());
  }

  /** A condition that compares the config's workspace, a secret, with a slice of another value. */
  @Test
  void aConditionOnASliceOfASecretIsRefusedNotAnswered() {
    String workspace = "ws-5829-prod-eu";
    api.masker.register(workspace);
    DeclarativeConnector connector =
        DeclarativeConnector.of(
            SharedManifests.loaderValidatingWhereAvailable()
                .fromText(
                    "conditional",
                    MANIFEST.replace(
                        "{{ config.get('sandbox', False) }}",
                        "{{ config['workspace'][3:7] == config['region_code'] }}")),
            api.options());

    DeclarativeError e =
        assertThrows(
            DeclarativeError.class,
            () ->
                connector.discover(
                    Json.parse(
                        "{\"workspace\": \"" + workspace + "\", \"region_code\": \"5829\"}")),
            "which streams exist told whether the secret holds 5829");
    assertTrue(e.getMessage().contains("in a form masking cannot recognize"), e.getMessage());
  }

  @Test
  void readingAConditionalStreamWhoseConditionFailsNamesTheStreamsThereAre() {
    DeclarativeError e =
        assertThrows(
            DeclarativeError.class,
            () ->
                FakeApi.read(
                    connector(),
                    Json.object(),
                    FakeApi.catalog("full_refresh", "test_clocks"),
                    null));

    assertTrue(e.getMessage().contains("test_clocks"), e.getMessage());
  }
}
