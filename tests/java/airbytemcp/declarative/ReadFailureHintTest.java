package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The hint of a failed declarative read is the advice of the failure that happened: credentials for
 * a refusal, the request's config values for another HTTP error, a bug report for a runtime bug.
 * Advice to run the connector with Docker or Python is for what this runtime cannot do, not for an
 * API that said no.
 */
@Timeout(60)
class ReadFailureHintTest {
  @RegisterExtension final FakeApi api = new FakeApi();

  private DeclarativeConnector itemsSource(String retrieverLines) {
    String yaml = TestManifests.bearerItems(api.server.baseUrl(), retrieverLines, "");
    return DeclarativeConnector.of(
        new ManifestLoader(null, Optional::empty).fromText("hints", yaml), api.options());
  }

  private static DeclarativeError readFailure(DeclarativeConnector c, String... streams) {
    return assertThrows(
        DeclarativeError.class,
        () ->
            c.read(
                Json.parse("{\"key\": \"k-123\"}"),
                FakeApi.catalog("full_refresh", streams),
                Optional.empty(),
                m -> {}));
  }

  private void answer(String path, int status) {
    api.server.stubFor(
        get(urlPathEqualTo(path))
            .willReturn(aResponse().withStatus(status).withBody("{\"error\": \"no\"}")));
  }

  @Test
  void refusedCredentialsAreAdvisedToCheckTheCredentialsNotToRunDocker() {
    answer("/items", 401);
    DeclarativeError error = readFailure(itemsSource(""), "items");
    assertEquals(
        "Check the credentials in the config.",
        error.hint(),
        "a 401 is about the credentials: " + error.messageWithHint());
  }

  @Test
  void anotherHttpErrorIsAdvisedToCheckTheConfigValuesTheRequestUses() {
    answer("/items", 404);
    DeclarativeError error = readFailure(itemsSource(""), "items");
    assertEquals(
        "Check the config values the request uses.",
        error.hint(),
        "a 404 is about what the request asked for: " + error.messageWithHint());
    assertFalse(
        error.hint().contains("Docker"),
        "Docker cannot help an API that answered 404: " + error.hint());
  }

  @Test
  void aRuntimeBugIsAdvisedToBeReportedAndRunWithDockerOrPythonMeanwhile() {
    api.server.stubFor(
        get(urlPathEqualTo("/items"))
            .willReturn(aResponse().withStatus(200).withBody("{\"data\": [{\"id\": 1}]}")));
    // a page number given as a word breaks the paginator inside the runtime (see
    // HonestFailureTest)
    DeclarativeConnector c =
        itemsSource(
            "      paginator: {type: DefaultPaginator, pagination_strategy: {type: PageIncrement,"
                + " start_from_page: first}, page_token_option: {type: RequestOption, inject_into:"
                + " request_parameter, field_name: page}}\n");
    DeclarativeError error = readFailure(c, "items");
    assertTrue(
        error.hint() != null && error.hint().contains("bug in airbyte-mcp's declarative runtime"),
        "a bug is reported as one: " + error.messageWithHint());
    assertTrue(
        error.hint().contains("Docker or Python"),
        "for a bug of this runtime another runtime is the way round it: " + error.hint());
  }

  @Test
  void streamsThatFailAlikeGiveTheirAdviceOnceAndTheMessageCountsThem() {
    answer("/items", 401);
    answer("/others", 401);
    String yaml =
        TestManifests.source(
            "items",
            "",
            TestManifests.stream(
                    "items", TestManifests.get(api.server.baseUrl(), "/items", "[]"), "")
                + TestManifests.stream(
                    "others", TestManifests.get(api.server.baseUrl(), "/others", "[]"), ""));
    DeclarativeConnector c =
        DeclarativeConnector.of(
            new ManifestLoader(null, Optional::empty).fromText("two", yaml), api.options());
    DeclarativeError error = readFailure(c, "items", "others");
    assertEquals(
        "Check the credentials in the config.",
        error.hint(),
        "one piece of advice for two alike failures: " + error.messageWithHint());
    assertTrue(
        error.getMessage().startsWith("Reading two failed for 2 streams: items: "),
        "the message counts the failed streams in words: " + error.getMessage());
    assertFalse(
        error.getMessage().contains("Check the credentials"),
        "the advice is the hint's, not repeated in the message: " + error.getMessage());
  }
}
