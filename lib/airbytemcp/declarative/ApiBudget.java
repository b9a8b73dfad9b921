package airbytemcp.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manifest's {@code api_budget} (HTTPAPIBudget), shared by every requester of a run: before
 * each request (retries included) the first policy matching it grants the call or the run waits
 * until it can; a request no policy matches goes at once. After each response the governing policy
 * learns the calls left from {@code ratelimit_remaining_header} (none left on a {@code
 * status_codes_for_ratelimit_hit} status without that header) and its window's end from {@code
 * ratelimit_reset_header} (epoch seconds), as the CDK's HttpAPIBudget does.
 *
 * <p>Waits go through the runtime's sleeper and time is read from its clock. The budget counts the
 * time it has waited as passed even when the sleeper returns early (a test's, or the corpus
 * harness's), so a budget never spins and a read never stalls without a real sleeper.
 */
final class ApiBudget {
  private static final Logger LOG = LoggerFactory.getLogger(ApiBudget.class);

  /** No api_budget: nothing is rationed. */
  static final ApiBudget UNLIMITED = new ApiBudget(List.of(), "", "", Set.of(), null);

  /** Waits shorter than this pace a read as the API asks and are logged at debug level only. */
  private static final Duration NOTABLE_WAIT = Duration.ofSeconds(1);

  /**
   * The budgets of live runs: all streams of a read, their parents and check share the manifest's
   * budget, as they share the CDK's source.
   */
  private static final PerRun<ApiBudget> SHARED = new PerRun<>();

  private final List<CallRatePolicy> policies;
  private final String resetHeader;
  private final String remainingHeader;
  private final Set<Integer> hitStatuses;
  private final RuntimeOptions options;

  /** How far this budget's waits have carried time, sleeper or not. */
  private Instant waitedUntil = Instant.MIN;

  private ApiBudget(
      List<CallRatePolicy> policies,
      String resetHeader,
      String remainingHeader,
      Set<Integer> hitStatuses,
      RuntimeOptions options) {
    this.policies = policies;
    this.resetHeader = resetHeader.toLowerCase(Locale.ROOT);
    this.remainingHeader = remainingHeader.toLowerCase(Locale.ROOT);
    this.hitStatuses = hitStatuses;
    this.options = options;
  }

  /**
   * The budget of a run of {@code manifest} with {@code config}: the same one for all its streams.
   */
  static ApiBudget of(Manifest manifest, JsonNode config, RuntimeOptions options) {
    JsonNode def = manifest.definition().get("api_budget");
    if (def == null || !def.isObject()) {
      return UNLIMITED;
    }
    Scope scope = Scope.of(config).withSecretDecoys(SecretDecoys.of(config, options.masker()));
    return SHARED.get(manifest, config, () -> create(def, scope, options));
  }

  static ApiBudget create(JsonNode def, Scope scope, RuntimeOptions options) {
    List<CallRatePolicy> policies = new ArrayList<>();
    def.path("policies").forEach(p -> policies.add(CallRatePolicy.of(p, scope)));
    Set<Integer> hits = new HashSet<>();
    JsonNode codes = def.get("status_codes_for_ratelimit_hit");
    if (codes == null || !codes.isArray() || codes.isEmpty()) {
      hits.add(429);
    } else {
      codes.forEach(c -> hits.add(c.asInt()));
    }
    return new ApiBudget(
        policies,
        text(def, "ratelimit_reset_header", "ratelimit-reset"),
        text(def, "ratelimit_remaining_header", "ratelimit-remaining"),
        hits,
        options);
  }

  private static String text(JsonNode def, String field, String fallback) {
    String v = def.path(field).asText("");
    return v.isEmpty() ? fallback : v;
  }

  /** Waits until the policy governing {@code request} grants it, and charges it. */
  void acquire(Request request) {
    CallRatePolicy policy = policyFor(request);
    if (policy == null) {
      return;
    }
    int weight = policy.weight(request);
    for (int attempt = 0; attempt < 100_000; attempt++) {
      Instant now;
      Duration wait;
      synchronized (this) {
        now = now();
        wait = policy.window().tryAcquire(now, weight);
      }
      if (wait.isZero()) {
        return;
      }
      if (wait.compareTo(NOTABLE_WAIT) >= 0 || LOG.isDebugEnabled()) {
        String line = "Waiting {} ms for the API budget before {} {}.";
        Object[] args = {
          wait.toMillis(), request.method(), ShownUrl.of(request.url(), options.masker())
        };
        if (wait.compareTo(NOTABLE_WAIT) >= 0) {
          LOG.info(line, args);
        } else {
          LOG.debug(line, args);
        }
      }
      try {
        options.sleeper().sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DeclarativeError("The wait for the API budget was interrupted.", null);
      }
      synchronized (this) {
        Instant after = now.plus(wait);
        waitedUntil = after.isAfter(waitedUntil) ? after : waitedUntil;
      }
    }
    throw new IllegalStateException("the api_budget granted no call after 100000 waits");
  }

  /** Reconciles the policy governing {@code request} with its response's rate limit headers. */
  void observe(Request request, HttpOutcome outcome) {
    CallRatePolicy policy = policyFor(request);
    if (policy == null) {
      return;
    }
    Long remaining = whole(outcome.headers().get(remainingHeader));
    if (remaining == null && hitStatuses.contains(outcome.status())) {
      remaining = 0L;
    }
    Long reset = whole(outcome.headers().get(resetHeader));
    synchronized (this) {
      policy.window().update(now(), remaining, reset == null ? null : Instant.ofEpochSecond(reset));
    }
  }

  private CallRatePolicy policyFor(Request request) {
    for (CallRatePolicy p : policies) {
      if (p.matches(request)) {
        return p;
      }
    }
    return null;
  }

  private Instant now() {
    Instant clock = options.clock().instant();
    return clock.isAfter(waitedUntil) ? clock : waitedUntil;
  }

  /** A header's whole number; null when absent or not one (the CDK would fail the read). */
  private static Long whole(String header) {
    if (header == null || !header.strip().matches("-?\\d{1,18}")) {
      return null;
    }
    return Long.parseLong(header.strip());
  }

  /** A count from the manifest (a number or a template rendering one), at least {@code min}. */
  static int count(String text, String what, int min) {
    try {
      int n = new BigDecimal(text.strip()).intValueExact();
      if (n >= min) {
        return n;
      }
    } catch (NumberFormatException | ArithmeticException e) {
      // reported below
    }
    throw new DeclarativeError(
        "The api_budget's "
            + what
            + " '"
            + text
            + "' is not a whole number of at least "
            + min
            + ".",
        "Fix the " + what + " in the manifest's api_budget, or the config value it reads.");
  }
}
