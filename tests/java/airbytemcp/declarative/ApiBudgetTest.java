package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The manifest's api_budget (HTTPAPIBudget): the first policy matching a request rations it, the
 * run waits (through the runtime's sleeper, on its clock) until the policy grants the call, and
 * responses reconcile the policy from the rate limit headers and statuses.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApiBudgetTest {
  @RegisterExtension final FakeApi api = new FakeApi();

  private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  /** Time that passes only when the runtime sleeps, so every wait is exact. */
  private final TestClock clock = new TestClock();

  private final List<Duration> sleeps = new ArrayList<>();

  /** Path of each item request, in the order sent. */
  private final List<String> sent = new ArrayList<>();

  @BeforeEach
  void answerEveryItem() {
    api.server.stubFor(
        get(urlPathMatching("/(items|free|other)/.*"))
            .willReturn(aResponse().withStatus(200).withBody("{\"id\": 1}")));
    api.server.addMockServiceRequestListener((request, response) -> sent.add(request.getUrl()));
  }

  /** One stream reading {@code path} once per partition value 1..{@code calls}. */
  private static String stream(String name, String path, int calls, String errorHandler) {
    StringBuilder values = new StringBuilder();
    for (int i = 1; i <= calls; i++) {
      values.append(i > 1 ? ", " : "").append('"').append(i).append('"');
    }
    return """
          - type: DeclarativeStream
            name: %s
            schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
            retriever:
              type: SimpleRetriever
              requester:
                type: HttpRequester
                url_base: https://api.example.com
                path: "/%s/{{ stream_partition.n }}"
                http_method: GET
        %s
              record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: []}}
              partition_router: {type: ListPartitionRouter, cursor_field: n, values: [%s]}
        """
        .formatted(name, path, errorHandler, values);
  }

  private static String source(String budget, String... streams) {
    return "version: 6.0.0\ntype: DeclarativeSource\n"
        + "check: {type: CheckStream, stream_names: [items]}\n"
        + budget
        + "streams:\n"
        + String.join("", streams);
  }

  private FakeApi.Output read(String manifest, ObjectNode config, String... streams) {
    RuntimeOptions options =
        api.options()
            .withTime(
                d -> {
                  sleeps.add(d);
                  clock.now = clock.now.plus(d);
                },
                clock);
    return FakeApi.read(
        DeclarativeConnector.of(
            SharedManifests.loaderValidatingWhereAvailable().fromText("budget", manifest), options),
        config,
        FakeApi.catalog("full_refresh", streams),
        null);
  }

  private FakeApi.Output read(String manifest, String... streams) {
    return read(manifest, Json.object(), streams);
  }

  private static final String FIXED_2_PER_MINUTE =
      """
      api_budget:
        type: HTTPAPIBudget
        policies:
          - type: FixedWindowCallRatePolicy
            period: PT1M
            call_limit: 2
            matchers: []
      """;

  @Test
  void aFixedWindowHoldsTheCallBeyondItsLimitUntilTheWindowResets() {
    FakeApi.Output out = read(source(FIXED_2_PER_MINUTE, stream("items", "items", 3, "")), "items");

    assertEquals(3, out.records("items").size(), "every call still happens");
    assertEquals(
        List.of(Duration.ofMinutes(1)),
        sleeps,
        "two calls go at once; the third waits out the one-minute window the first call opened");
    assertEquals(List.of("/items/1", "/items/2", "/items/3"), sent, "calls in order");
  }

  @Test
  void aMovingWindowWaitsUntilEveryRateHasRoomAgain() {
    String budget =
        """
        api_budget:
          type: HTTPAPIBudget
          policies:
            - type: MovingWindowCallRatePolicy
              rates:
                - {limit: 2, interval: PT10S}
                - {limit: 3, interval: PT1M}
              matchers: []
        """;

    FakeApi.Output out = read(source(budget, stream("items", "items", 5, "")), "items");

    assertEquals(5, out.records("items").size(), "every call still happens");
    assertEquals(
        List.of(Duration.ofSeconds(10), Duration.ofSeconds(50)),
        sleeps,
        "calls at 0s and 0s; the third waits until the first leaves the 10 s span; the fourth"
            + " until the first leaves the 1 min span (at 60 s); the fifth fits both then");
  }

  @Test
  void aRateLimitReadFromTheConfigRationsTheCalls() {
    String budget =
        """
        api_budget:
          type: HTTPAPIBudget
          policies:
            - type: MovingWindowCallRatePolicy
              rates:
                - {limit: "{{ config.get('calls_per_second', 100) }}", interval: PT1S}
              matchers: []
        """;

    read(
        source(budget, stream("items", "items", 3, "")),
        Json.object().put("calls_per_second", 1),
        "items");

    assertEquals(
        List.of(Duration.ofSeconds(1), Duration.ofSeconds(1)),
        sleeps,
        "one call per second, as the config says");
  }

  @Test
  void aRequestNoPolicyMatchesIsNeverDelayed() {
    String budget =
        """
        api_budget:
          type: HTTPAPIBudget
          policies:
            - type: FixedWindowCallRatePolicy
              period: PT1H
              call_limit: 1
              matchers:
                - {method: GET, url_path_pattern: "^/items/"}
        """;
    String manifest =
        source(budget, stream("items", "items", 2, ""), stream("free", "free", 3, ""));

    read(manifest, "free");
    assertEquals(List.of(), sleeps, "the unmatched path went at once, three times");

    read(manifest, "items");
    assertEquals(
        List.of(Duration.ofHours(1)), sleeps, "the matched path still waits for its window");
  }

  @Test
  void theFirstMatchingPolicyGovernsARequest() {
    String budget =
        """
        api_budget:
          type: HTTPAPIBudget
          policies:
            - type: UnlimitedCallRatePolicy
              matchers:
                - {url_path_pattern: "/items/3$"}
            - type: FixedWindowCallRatePolicy
              period: PT1H
              call_limit: 1
              matchers: []
        """;

    read(source(budget, stream("items", "items", 3, "")), "items");

    assertEquals(
        List.of(Duration.ofHours(1)),
        sleeps,
        "/items/2 waits for the catch-all window; /items/3 is unlimited, as the first policy that"
            + " matches it says");
  }

  @Test
  void paramsAndHeadersNarrowAMatcher() {
    String budget =
        """
        api_budget:
          type: HTTPAPIBudget
          policies:
            - type: FixedWindowCallRatePolicy
              period: PT1H
              call_limit: 1
              matchers:
                - {params: {tier: gold}, headers: {x-client: mcp}}
        """;
    String gold =
        """
                request_parameters: {tier: gold}
                request_headers: {X-Client: mcp}
        """;
    String silver =
        """
                request_parameters: {tier: silver}
                request_headers: {X-Client: mcp}
        """;

    read(source(budget, stream("items", "items", 2, silver)), "items");
    assertEquals(List.of(), sleeps, "another param value does not match");

    read(source(budget, stream("items", "items", 2, gold)), "items");
    assertEquals(
        List.of(Duration.ofHours(1)),
        sleeps,
        "the param and the header (name in any case) match, so the second call waits");
  }

  @Test
  void aUrlBaseMatchesSchemeHostAndPortOnly() {
    String matching = api.server.baseUrl();
    String budget =
        """
        api_budget:
          type: HTTPAPIBudget
          policies:
            - type: FixedWindowCallRatePolicy
              period: PT1H
              call_limit: 1
              matchers:
                - {url_base: "%s/"}
        """;

    read(source(budget.formatted("http://localhost:1"), stream("items", "items", 2, "")), "items");
    assertEquals(List.of(), sleeps, "another port is another API");

    read(source(budget.formatted(matching), stream("items", "items", 2, "")), "items");
    assertEquals(List.of(Duration.ofHours(1)), sleeps, "the API's own base (trailing slash too)");
  }

  @Test
  void allStreamsOfARunShareOneBudget() {
    read(
        source(
            FIXED_2_PER_MINUTE, stream("items", "items", 1, ""), stream("other", "other", 2, "")),
        "items",
        "other");

    assertEquals(
        List.of(Duration.ofMinutes(1)),
        sleeps,
        "the second stream's second call is the run's third, so it waits");
  }

  @Test
  void aRateLimitStatusExhaustsTheWindowSoTheRetryWaitsForItsReset() {
    api.server.stubFor(
        get(urlPathMatching("/items/1"))
            .inScenario("limited")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(429))
            .willSetStateTo("open"));
    api.server.stubFor(
        get(urlPathMatching("/items/1"))
            .inScenario("limited")
            .whenScenarioStateIs("open")
            .willReturn(aResponse().withStatus(200).withBody("{\"id\": 1}")));
    String budget =
        """
        api_budget:
          type: HTTPAPIBudget
          policies:
            - type: FixedWindowCallRatePolicy
              period: PT1M
              call_limit: 100
              matchers: []
        """;
    String retryAfterOneSecond =
        """
                error_handler:
                  type: DefaultErrorHandler
                  backoff_strategies: [{type: ConstantBackoffStrategy, backoff_time_in_seconds: 1}]
        """;

    FakeApi.Output out =
        read(source(budget, stream("items", "items", 2, retryAfterOneSecond)), "items");

    assertEquals(2, out.records("items").size(), "the retry and the next call succeed");
    assertEquals(
        List.of(Duration.ofSeconds(1), Duration.ofSeconds(59)),
        sleeps,
        "the error handler's one-second backoff, then the rest of the exhausted minute");
    assertEquals(List.of("/items/1", "/items/1", "/items/2"), sent, "one retry, then on");
  }

  @Test
  void aCustomRateLimitStatusExhaustsAMovingWindowForItsFirstInterval() {
    api.server.stubFor(
        get(urlPathMatching("/items/1"))
            .willReturn(aResponse().withStatus(200).withBody("{\"id\": 1}")));
    api.server.stubFor(
        get(urlPathMatching("/items/2"))
            .inScenario("limited")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("open"));
    api.server.stubFor(
        get(urlPathMatching("/items/2"))
            .inScenario("limited")
            .whenScenarioStateIs("open")
            .willReturn(aResponse().withStatus(200).withBody("{\"id\": 2}")));
    String budget =
        """
        api_budget:
          type: HTTPAPIBudget
          status_codes_for_ratelimit_hit: [503]
          policies:
            - type: MovingWindowCallRatePolicy
              rates: [{limit: 50, interval: PT30S}]
              matchers: []
        """;
    String noBackoff =
        """
                error_handler:
                  type: DefaultErrorHandler
                  backoff_strategies: [{type: ConstantBackoffStrategy, backoff_time_in_seconds: 0}]
        """;

    read(source(budget, stream("items", "items", 2, noBackoff)), "items");

    assertEquals(
        Duration.ofSeconds(30),
        sleeps.stream().reduce(Duration.ZERO, Duration::plus),
        "the 503 the budget names as a rate limit hit holds the retry for the 30 s interval: "
            + sleeps);
  }

  @Test
  void theRemainingAndResetHeadersReconcileTheWindow() {
    Instant reset = START.plusSeconds(30);
    api.server.stubFor(
        get(urlPathMatching("/items/1"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("X-RateLimit-Remaining", "0")
                    .withHeader("X-RateLimit-Reset", String.valueOf(reset.getEpochSecond()))
                    .withBody("{\"id\": 1}")));
    String budget =
        """
        api_budget:
          type: HTTPAPIBudget
          ratelimit_remaining_header: x-ratelimit-remaining
          ratelimit_reset_header: X-RATELIMIT-RESET
          policies:
            - type: FixedWindowCallRatePolicy
              period: PT1H
              call_limit: 100
              matchers: []
        """;

    FakeApi.Output out = read(source(budget, stream("items", "items", 3, "")), "items");

    assertEquals(3, out.records("items").size(), "every call still happens");
    assertEquals(
        List.of(Duration.ofSeconds(30)),
        sleeps,
        "no call left until the API's reset 30 s away (not the manifest's hour); the window then"
            + " starts again with its full limit");
  }

  @Test
  void aRemainingCountAboveTheManifestsLimitDoesNotRaiseIt() {
    api.server.stubFor(
        get(urlPathMatching("/items/.*"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("ratelimit-remaining", "500")
                    .withBody("{\"id\": 1}")));

    read(source(FIXED_2_PER_MINUTE, stream("items", "items", 3, "")), "items");

    assertEquals(
        List.of(Duration.ofMinutes(1)),
        sleeps,
        "the manifest may ration below the API's limit: only a lower remaining count is taken");
  }

  @Test
  void aWeightAboveTheLimitFailsWithTheManifestNamedAsTheCause() {
    String budget =
        """
        api_budget:
          type: HTTPAPIBudget
          policies:
            - type: FixedWindowCallRatePolicy
              period: PT1M
              call_limit: 2
              matchers: [{url_path_pattern: "/items", weight: 3}]
        """;

    DeclarativeError e =
        assertThrows(
            DeclarativeError.class,
            () -> read(source(budget, stream("items", "items", 1, "")), "items"));

    assertTrue(e.getMessage().contains("weight 3"), e.getMessage());
    assertFalse(e instanceof DeclarativeBug, "a manifest mistake, not a runtime bug");
    api.server.verify(0, getRequestedFor(urlPathMatching("/items/.*")));
  }

  @Test
  void aSleeperThatReturnsAtOnceNeverStallsTheRead() {
    String budget =
        """
        api_budget:
          type: HTTPAPIBudget
          policies:
            - type: FixedWindowCallRatePolicy
              period: PT1H
              call_limit: 1
              matchers: []
        """;

    // the system clock and a sleeper that only records, as in the corpus harness
    FakeApi.Output out =
        FakeApi.read(
            DeclarativeConnector.of(
                SharedManifests.loaderValidatingWhereAvailable()
                    .fromText("budget", source(budget, stream("items", "items", 3, ""))),
                api.options()),
            Json.object(),
            FakeApi.catalog("full_refresh", "items"),
            null);

    assertEquals(3, out.records("items").size(), "every call happens");
    assertEquals(2, api.sleeps.size(), "one wait per call beyond the limit: " + api.sleeps);
    for (Duration d : api.sleeps) {
      assertTrue(
          d.compareTo(Duration.ofMinutes(59)) > 0 && d.compareTo(Duration.ofHours(1)) <= 0,
          "each wait is counted as passed, so the next window opens: " + api.sleeps);
    }
  }

  @Test
  void theWaitLogMasksTheSecretsInTheUrl() {
    String budget =
        """
        api_budget:
          type: HTTPAPIBudget
          policies:
            - type: FixedWindowCallRatePolicy
              period: PT1H
              call_limit: 1
              matchers: []
        """;
    String keyInQuery =
        """
                authenticator:
                  type: ApiKeyAuthenticator
                  api_token: "{{ config['api_key'] }}"
                  inject_into: {type: RequestOption, inject_into: request_parameter, field_name: key}
        """;
    PrintStream err = System.err;
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(written, true, StandardCharsets.UTF_8));
      read(
          source(budget, stream("items", "items", 2, keyInQuery)),
          Json.object().put("api_key", "sekrit-key-1234"),
          "items");
    } finally {
      System.setErr(err);
    }
    String log = written.toString(StandardCharsets.UTF_8);

    assertTrue(log.contains("Waiting 3600000 ms for the API budget"), "the wait is logged: " + log);
    assertFalse(log.contains("sekrit-key-1234"), "the API key reached the log: " + log);
  }

  /** A clock the test's sleeper moves. */
  private static final class TestClock extends Clock {
    Instant now = START;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
