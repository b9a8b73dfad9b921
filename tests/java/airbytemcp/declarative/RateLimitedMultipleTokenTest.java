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
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
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
    quota(token, remaining, 5000, reset);
  }

  private void quota(String token, int remaining, int limit, Instant reset) {
    api.server.stubFor(
        get(urlPathEqualTo("/rate_limit"))
            .withHeader("Authorization", equalTo("token " + token))
            .willReturn(
                okJson(
                    "{\"resources\": {\"core\": {\"remaining\": "
                        + remaining
                        + ", \"limit\": "
                        + limit
                        + ", \"reset\": "
                        + reset.getEpochSecond()
                        + "}}}")));
  }

  private FakeApi.Output read(String extra, String tokens) {
    api.server.stubFor(get(urlPathMatching("/items/.*")).willReturn(okJson("{\"id\": 1}")));
    return readAsStubbed(extra, tokens);
  }

  /** Item responses per token, for the tests that answer each token differently. */
  private void items(String token, ResponseDefinitionBuilder response) {
    api.server.stubFor(
        get(urlPathMatching("/items/.*"))
            .withHeader("Authorization", equalTo("token " + token))
            .willReturn(response));
  }

  private FakeApi.Output readAsStubbed(String extra, String tokens) {
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
            DeclarativeError.class,
            () -> read("          max_wait_time: PT10M\n" + NO_THROTTLING, "tok-aaaa"));

    assertTrue(e.getMessage().contains("max_wait_time"), e.getMessage());
    assertFalse(e.getMessage().contains("tok-aaaa"), "the error names no token");
    assertEquals(List.of(), api.sleeps, "no wait that could not end in time");
  }

  /** Authenticator fields that turn proactive throttling off, for tests about something else. */
  private static final String NO_THROTTLING =
      "          budget_reserve_fraction: 0\n          budget_min_reserve: 0";

  private static final String RATE_LIMIT_HEADERS =
      """
                    remaining_header: X-RateLimit-Remaining
                    reset_header: X-RateLimit-Reset
                    limit_header: X-RateLimit-Limit
      """;

  @Test
  void belowTheReserveOnEveryTokenEachCallWaitsItsShareOfTheTimeUntilTheReset() {
    Instant reset = Instant.now().plusSeconds(100);
    quota("tok-aaaa", 10, 10, reset);

    assertEquals(4, read("", "tok-aaaa").records("items").size());

    assertEquals(4, api.sleeps.size(), "one throttling wait before each call: " + api.sleeps);
    assertEquals(
        10.0,
        api.sleeps.get(0).toMillis() / 1000.0,
        1.0,
        "the first call waits (reset - now) / remaining = 100 s / 10 calls");
    assertTrue(
        api.sleeps.get(3).compareTo(api.sleeps.get(0)) > 0,
        "fewer calls left stretch the wait: " + api.sleeps);
  }

  @Test
  void aTokenAboveItsReserveIsNotThrottled() {
    Instant reset = Instant.now().plusSeconds(100);
    quota("tok-aaaa", 10, 10, reset);
    quota("tok-bbbb", 500, 5000, reset);

    read("", "tok-aaaa,tok-bbbb");

    assertEquals(List.of(), api.sleeps, "throttling starts only when every token is low");
  }

  @Test
  void theLimitPathSetsTheReserveInsteadOfTheFirstSeenRemaining() {
    Instant reset = Instant.now().plusSeconds(3600);
    quota("tok-aaaa", 400, 5000, reset);
    String minimumOff = "          budget_min_reserve: 0\n";

    read(minimumOff, "tok-aaaa");
    assertEquals(
        List.of(), api.sleeps, "400 left is above 10 % of the first seen 400, so no throttling");

    readAsStubbed("              limit_path: [resources, core, limit]\n" + minimumOff, "tok-aaaa");
    assertEquals(
        4, api.sleeps.size(), "400 left is below 10 % of the limit 5000, so each call waits");
  }

  @Test
  void aRemainingHeaderOfZeroMovesTheNextCallToAnotherToken() {
    Instant reset = Instant.now().plusSeconds(3600);
    quota("tok-aaaa", 100, reset);
    quota("tok-bbbb", 100, reset);
    String epoch = Long.toString(reset.getEpochSecond());
    items(
        "tok-aaaa",
        okJson("{\"id\": 1}")
            .withHeader("X-RateLimit-Remaining", "0")
            .withHeader("X-RateLimit-Reset", epoch));
    items(
        "tok-bbbb",
        okJson("{\"id\": 2}")
            .withHeader("X-RateLimit-Remaining", "99")
            .withHeader("X-RateLimit-Reset", epoch));

    assertEquals(
        4,
        readAsStubbed(RATE_LIMIT_HEADERS + NO_THROTTLING, "tok-aaaa,tok-bbbb")
            .records("items")
            .size());

    assertEquals(
        List.of("token tok-aaaa", "token tok-bbbb", "token tok-bbbb", "token tok-bbbb"),
        tokensUsed(),
        "the first response says its token is spent (others share it), so the rest go to the"
            + " second token although the status endpoint gave the first 100 calls");
  }

  @Test
  void aLaterResetInTheHeadersRestoresThePoolToItsLimit() {
    Instant reset = Instant.now().plusSeconds(3600);
    quota("tok-aaaa", 1, reset);
    items(
        "tok-aaaa",
        okJson("{\"id\": 1}")
            .withHeader("X-RateLimit-Reset", Long.toString(reset.getEpochSecond() + 3600))
            .withHeader("X-RateLimit-Limit", "5000"));

    assertEquals(
        4,
        readAsStubbed(
                RATE_LIMIT_HEADERS + "          max_wait_time: PT10M\n" + NO_THROTTLING, "tok-aaaa")
            .records("items")
            .size(),
        "the window rolled over after the one call left, so the token has its 5000 calls again"
            + " instead of failing on a reset an hour away");
    assertEquals(List.of(), api.sleeps, "no wait for the old window's reset");
  }

  @Test
  void anExhaustionStatusWithoutCountsSpendsTheTokenAndTheRetryRotates() {
    Instant reset = Instant.now().plusSeconds(3600);
    quota("tok-aaaa", 100, reset);
    quota("tok-bbbb", 100, reset);
    items("tok-aaaa", aResponse().withStatus(429));
    items("tok-bbbb", okJson("{\"id\": 2}"));

    assertEquals(
        4,
        readAsStubbed(
                "              exhaustion_status_codes: [429]\n" + NO_THROTTLING,
                "tok-aaaa,tok-bbbb")
            .records("items")
            .size());

    assertEquals(
        List.of(
            "token tok-aaaa",
            "token tok-bbbb",
            "token tok-bbbb",
            "token tok-bbbb",
            "token tok-bbbb"),
        tokensUsed(),
        "the 429 spends the first token, its retry and every later call go to the second");
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
