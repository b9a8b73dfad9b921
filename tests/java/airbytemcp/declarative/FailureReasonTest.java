package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A failed declarative read says why in its error, not only in TRACE messages the caller may never
 * see.
 */
@Timeout(60)
class FailureReasonTest {
  @RegisterExtension final FakeApi api = new FakeApi();

  @Test
  void aFailedStreamsReasonIsInTheErrorMasked() {
    api.server.stubFor(
        get("/secret-things")
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withBody("{\"error\": \"key sk-hidden-4242 may not read this\"}")));
    api.masker.register("sk-hidden-4242");
    String yaml =
        TestManifests.source(
            "s",
            "  requester: {type: HttpRequester, url_base: \"https://api.example.com\", http_method: GET}\n",
            TestManifests.stream(
                "things",
                "      requester: {$ref: \"#/definitions/requester\", path: \"/secret-things\"}\n"
                    + "      record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: []}}\n",
                ""));
    DeclarativeConnector c =
        DeclarativeConnector.of(
            SharedManifests.loaderValidatingWhereAvailable().fromText("t", yaml), api.options());
    DeclarativeError error =
        assertThrows(
            DeclarativeError.class,
            () -> FakeApi.read(c, Json.object(), FakeApi.catalog("full_refresh", "things"), null));
    assertTrue(
        error.getMessage().contains("things: ") && error.getMessage().contains("403"),
        "the error should give the stream's reason: " + error.getMessage());
    assertFalse(
        error.getMessage().contains("sk-hidden-4242"),
        "the reason must be masked: " + error.getMessage());
  }
}
