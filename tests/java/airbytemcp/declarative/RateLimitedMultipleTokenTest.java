package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RateLimitedMultipleTokenAuthenticator: calls are charged to per-token quota counters seeded from
 * the quota status endpoint; a spent token hands over, and when all are spent the run waits for the
 * reset and seeds again.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RateLimitedMultipleTokenTest {
  @RegisterExtension final FakeApi api = new FakeApi();

  private static String manifest(String extra) {
    return String.format(
        Locale.ROOT,
        """
        version: 6.0.0
        type: DeclarativeSource
        check: {type: CheckStream, stream_names: [items]}
        streams:
          - type: DeclarativeStream
            name: items
            schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
            retriever:
              type: SimpleRetriever
              requester:
                type: HttpRequester
                url_base: https://api.example.com
                path: "/items/{{ stream_partition.n }}"
                http_method: GET
                authenticator:
                  type: RateLimitedMultipleTokenAuthenticator
                  tokens: "{{ config['tokens'] }}"
                  auth_method: token
                  quota_status_source:
                    type: QuotaStatusSource
                    url: https://api.example.com/rate_limit
                    unavailable_status_codes: [404]
                  quotas:
                    - type: TokenQuota
                      name: core
                      remaining_path: [resources, core, remaining]
                      reset_path: [resources, core, reset]
        %s
              record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: []}}
              partition_router: {type: ListPartitionRouter, cursor_field: n, values: ["1", "2", "3", "4"]}
        """,
        extra);
  }

  private void quota(String token, int remaining, Instant reset) {
    api.server.stubFor(
        get(urlPathEqualTo("/rate_limit"))
            .withHeader("Authorization", equalTo("token " + token))
            .willReturn(
                okJson(
                    "{\"resources\": {\"core\": {\"remaining\": "
                        + remaining
                        + ", \"reset\": "
                        + reset.getEpochSecond()
                        + "}}}")));
  }

  private FakeApi.Output read(String extra, String tokens) {
    api.server.stubFor(get(urlPathMatching("/items/.*")).willReturn(okJson("{\"id\": 1}")));
    return FakeApi.read(
        DeclarativeConnector.of(
            SharedManifests.loaderValidatingWhereAvailable().fromText("tokens", manifest(extra)),
            api.options()),
        Json.object().put("tokens", tokens),
        FakeApi.catalog("full_refresh", "items"),
        null);
  }

  /** The Authorization header of each item request, in the order they were sent. */
  private List<String> tokensUsed() {
    return api.server.findAll(getRequestedFor(urlPathMatching("/items/.*"))).stream()
        .sorted(Comparator.comparing(LoggedRequest::getLoggedDate))
        .map(r -> r.getHeader("Authorization"))
        .toList();
  }

  @Test
  void aSpentTokenHandsOverAndWhenAllAreSpentTheRunWaitsAndSeedsAgain() {
    Instant reset = Instant.now().minusSeconds(1);
    quota("tok-aaaa", 2, reset);
    quota("tok-bbbb", 1, reset);

    assertEquals(4, read("", "tok-aaaa, tok-bbbb").records("items").size());

    assertEquals(
        List.of("token tok-aaaa", "token tok-aaaa", "token tok-bbbb", "token tok-bbbb"),
        tokensUsed(),
        "two calls on the first token, one on the second, then (as in the CDK) the active second"
            + " token again once the counters are seeded anew");
    assertEquals(List.of(Duration.ofSeconds(5)), api.sleeps, "one (minimum) wait for the reset");
    api.server.verify(2 * 2, getRequestedFor(urlPathEqualTo("/rate_limit")));
    assertFalse(api.masker.mask("tok-bbbb").contains("tok-bbbb"), "the tokens are masked");
  }

  @Test
  void anUntrackedQuotaUsesTheTokensInTurn() {
    api.server.stubFor(get(urlPathEqualTo("/rate_limit")).willReturn(aResponse().withStatus(404)));

    read("", "tok-aaaa,tok-bbbb");

    assertEquals(
        List.of("token tok-aaaa", "token tok-bbbb", "token tok-aaaa", "token tok-bbbb"),
        tokensUsed(),
        "round robin when the API tracks no quota");
  }

  @Test
  void aResetBeyondMaxWaitTimeFailsWithoutWaiting() {
    Instant reset = Instant.now().plusSeconds(3600);
    quota("tok-aaaa", 1, reset);

    DeclarativeError e =
        assertThrows(
            DeclarativeError.class, () -> read("          max_wait_time: PT10M", "tok-aaaa"));

    assertTrue(e.getMessage().contains("max_wait_time"), e.getMessage());
    assertFalse(e.getMessage().contains("tok-aaaa"), "the error names no token");
    assertEquals(List.of(), api.sleeps, "no wait that could not end in time");
  }

  @Test
  void theAuthenticatorIsNotReportedUnsupported() {
    ManifestLoader loader = SharedManifests.loaderValidatingWhereAvailable();
    assertFalse(
        loader
            .unsupported(loader.fromText("supported", manifest("")))
            .contains("RateLimitedMultipleTokenAuthenticator"),
        "RateLimitedMultipleTokenAuthenticator is run, so --check-manifests must not list it");
  }
}
