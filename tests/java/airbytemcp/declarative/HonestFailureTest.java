package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.protocol.MessageType;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Failures say what really happened: a response the decoder cannot read fails the stream with the
 * decoder's reason and a masked excerpt (never an empty success), and a bug of the runtime is
 * reported as a bug naming the manifest and the component, not as a config problem.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HonestFailureTest {
  @RegisterExtension final FakeApi api = new FakeApi();
  private static final String KEY = "sk_live_secret_4242";

  private DeclarativeConnector connector(String decoderLine, String extra) {
    String yaml = TestManifests.bearerItems(api.server.baseUrl(), decoderLine, extra);
    return DeclarativeConnector.of(
        new ManifestLoader(null, Optional::empty).fromText("honest", yaml), api.options());
  }

  private FakeApi.Output readExpectingFailure(DeclarativeConnector c) {
    FakeApi.Output out = new FakeApi.Output();
    assertThrows(
        DeclarativeError.class,
        () ->
            c.read(
                Json.parse("{\"key\": \"" + KEY + "\"}"),
                FakeApi.catalog("full_refresh", "items"),
                Optional.empty(),
                out.messages::add));
    return out;
  }

  private static String traceMessage(FakeApi.Output out) {
    List<JsonNode> traces =
        out.ofType(MessageType.TRACE).stream()
            .filter(t -> t.path("trace").path("type").asText().equals("ERROR"))
            .toList();
    assertEquals(1, traces.size(), "one error trace: " + traces);
    return traces.get(0).toString();
  }

  @Test
  void anHtmlPageWhereJsonWasExpectedFailsTheStreamWithTheReasonAndAMaskedExcerpt() {
    api.server.stubFor(
        get(urlPathEqualTo("/items"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(
                        "<html><body>Proxy login required for token " + KEY + "</body></html>")));
    FakeApi.Output out = readExpectingFailure(connector("", ""));
    String trace = traceMessage(out);
    assertTrue(trace.contains("JsonDecoder could not decode the response"), trace);
    assertTrue(
        trace.contains("<html><body>Proxy login required"),
        "the excerpt shows what came back: " + trace);
    assertFalse(trace.contains(KEY), "the secret the page echoed is masked: " + trace);
    assertTrue(out.records("items").isEmpty(), "no records were made up from the page");
  }

  @Test
  void aBrokenJsonLinesBodyFailsWithTheJsonlDecodersReason() {
    api.server.stubFor(
        get(urlPathEqualTo("/items"))
            .willReturn(aResponse().withStatus(200).withBody("{\"data\": 1}\n{not json\n")));
    String trace =
        traceMessage(readExpectingFailure(connector("      decoder: {type: JsonlDecoder}\n", "")));
    assertTrue(
        trace.contains("JsonlDecoder could not decode the response") && trace.contains("{not json"),
        trace);
  }

  @Test
  void anEmptyBodyIsStillAnEmptyPageNotAFailure() {
    api.server.stubFor(
        get(urlPathEqualTo("/items")).willReturn(aResponse().withStatus(200).withBody("")));
    FakeApi.Output out =
        FakeApi.read(
            connector("", ""),
            Json.parse("{\"key\": \"" + KEY + "\"}"),
            FakeApi.catalog("full_refresh", "items"),
            null);
    assertTrue(
        out.ofType(MessageType.TRACE).stream().noneMatch(t -> t.toString().contains("ERROR")),
        "no error");
  }

  @Test
  void aRuntimeBugIsReportedAsABugWithTheManifestAndComponent() {
    api.server.stubFor(
        get(urlPathEqualTo("/items"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody("{\"data\": [{\"id\": 1, \"updated\": \"2024-01-02\"}]}")));
    // A first page given as a word: the schema would refuse it, this loader does not validate, and
    // the paginator
    // breaks on it (a ClassCastException inside the runtime).
    DeclarativeConnector c =
        connector(
            "      paginator: {type: DefaultPaginator, pagination_strategy: {type: PageIncrement,"
                + " start_from_page: first}, page_token_option: {type: RequestOption, inject_into: request_parameter,"
                + " field_name: page}}\n",
            "");
    JsonNode error = Json.parse(traceMessage(readExpectingFailure(c))).path("trace").path("error");
    String message = error.path("message").asText();
    assertEquals(
        "system_error",
        error.path("failure_type").asText(),
        "a bug is not a config error: " + error);
    assertTrue(message.startsWith("Internal error "), message);
    assertTrue(
        message.contains("ClassCastException") && message.contains("in component Paginator."),
        message);
    assertTrue(message.contains("manifest honest"), "names the manifest: " + message);
    assertTrue(
        message.contains("bug in airbyte-mcp's declarative runtime, not a config problem"),
        message);
  }
}
