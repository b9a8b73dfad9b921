package airbytemcp.declarative;

import airbytemcp.common.Json;
import airbytemcp.common.Plural;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The CDK's RateLimitedMultipleTokenAuthenticator: several interchangeable tokens, each with call
 * counters per quota pool (TokenQuota) seeded from the quota status endpoint (QuotaStatusSource). A
 * request is charged to the active token in the first pool whose matchers match it (else the
 * matcher-less pool); a spent token hands over to the next; when every token is spent, the run
 * waits for the earliest reset (at most {@code max_wait_time}) and seeds again. A status endpoint
 * answering with one of {@code unavailable_status_codes} means no quota is tracked: the tokens are
 * then used in turn.
 *
 * <p>Each response to a signed request reconciles the counter it was charged to from the pool's
 * {@code remaining_header}, {@code reset_header} and {@code limit_header}: a later reset means the
 * window rolled over (back to the limit), an earlier one is a trailing answer about an old window
 * (only a zero on one of {@code exhaustion_status_codes} still counts). A response with one of
 * those codes and no remaining count spends the pool, so the next request rotates. When every token
 * of a pool is below its reserve ({@code budget_reserve_fraction} of the limit, at least {@code
 * budget_min_reserve}; the limit from {@code limit_path} or the header, else the first seen
 * remaining), each call first waits so the remaining calls spread evenly until the reset.
 */
final class RateLimitedTokens implements Authenticator {
  /** Shortest exhaustion wait, so a stale reset cannot make a busy loop of reseeding. */
  private static final Duration MIN_WAIT = Duration.ofSeconds(5);

  /** Resets this close to the held one are the same window (clocks and rounding differ). */
  private static final Duration SKEW = Duration.ofSeconds(5);

  private final Tpl t;
  private final RuntimeOptions options;
  private final List<JsonNode> quotas = new ArrayList<>();
  private List<String> tokens;
  private int active;

  /** The token and pool each signed request was charged to, until its response is seen. */
  private final Map<RequestParts, Charge> charged = new WeakHashMap<>();

  private record Charge(String token, String pool) {}

  /** token → pool name → counter; null until seeded. */
  private Map<String, Map<String, Counter>> counters;

  private static final class Counter {
    long remaining;
    Instant resetAt;
    boolean tracked = true;

    /** The pool's total calls per window: limit_path or limit_header, else the first remaining. */
    long limit;
  }

  RateLimitedTokens(JsonNode def, RuntimeOptions options) {
    this.t = new Tpl(def);
    this.options = options;
    def.path("quotas").forEach(quotas::add);
    if (quotas.isEmpty()) {
      throw new DeclarativeError(
          "The RateLimitedMultipleTokenAuthenticator has no quota pools.",
          "Add at least one TokenQuota under quotas in the manifest.");
    }
  }

  @Override
  public synchronized void apply(RequestParts parts, Scope scope) {
    if (tokens == null) {
      tokens = tokens(scope);
      counters = seed(scope);
    }
    JsonNode quota = match(parts, scope);
    String pool = quota.path("name").asText();
    String token = acquire(pool, scope);
    charged.put(parts, new Charge(token, pool));
    String method = t.node().has("auth_method") ? t.text("auth_method", scope) : "Bearer";
    parts.header(header(scope), (method + " " + token).strip());
  }

  private String header(Scope scope) {
    return t.node().has("header") ? t.text("header", scope) : "Authorization";
  }

  private List<String> tokens(Scope scope) {
    List<String> out = new ArrayList<>();
    JsonNode given = t.node().get("tokens");
    if (given != null && given.isArray()) {
      given.forEach(g -> out.add(t.text(g, scope).strip()));
    } else {
      String delimiter = t.node().path("token_delimiter").asText(",");
      for (String s : t.text("tokens", scope).split(Pattern.quote(delimiter), -1)) {
        out.add(s.strip());
      }
    }
    out.removeIf(String::isEmpty);
    if (out.isEmpty()) {
      throw new DeclarativeError(
          "The config gives no tokens for the rate limited token authenticator.",
          "Set the API tokens in the config.");
    }
    out.forEach(options.masker()::register);
    return out;
  }

  /** The pool a request belongs to: the first whose matchers match, else the matcher-less one. */
  private JsonNode match(RequestParts parts, Scope scope) {
    JsonNode fallback = null;
    for (JsonNode q : quotas) {
      JsonNode matchers = q.path("matchers");
      if (matchers.isEmpty()) {
        fallback = fallback == null ? q : fallback;
      } else {
        for (JsonNode m : matchers) {
          if (matches(m, parts, scope)) {
            return q;
          }
        }
      }
    }
    return fallback != null ? fallback : quotas.get(0);
  }

  /** HttpRequestRegexMatcher: method, url_base, url_path_pattern, params and headers all hold. */
  private static boolean matches(JsonNode m, RequestParts parts, Scope scope) {
    HttpUrl url = parts.url == null ? null : HttpUrl.parse(parts.url);
    if (m.hasNonNull("method")
        && !m.get("method").asText().equalsIgnoreCase(String.valueOf(parts.method))) {
      return false;
    }
    if (m.hasNonNull("url_base")) {
      HttpUrl base = HttpUrl.parse(m.get("url_base").asText());
      if (url == null
          || base == null
          || !base.scheme().equals(url.scheme())
          || !base.host().equals(url.host())) {
        return false;
      }
    }
    if (m.hasNonNull("url_path_pattern")
        && (url == null
            || !Pattern.compile(m.get("url_path_pattern").asText())
                .matcher(url.encodedPath())
                .find())) {
      return false;
    }
    for (Map.Entry<String, JsonNode> p :
        (Iterable<Map.Entry<String, JsonNode>>) m.path("params")::fields) {
      List<String> values = parts.query.get(p.getKey());
      if (values == null || !values.contains(p.getValue().asText())) {
        return false;
      }
    }
    for (Map.Entry<String, JsonNode> h :
        (Iterable<Map.Entry<String, JsonNode>>) m.path("headers")::fields) {
      if (!h.getValue().asText().equals(parts.headers.get(h.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** Charges one call of {@code pool} to a token, rotating or waiting as the counters say. */
  private String acquire(String pool, Scope scope) {
    Instant deadline = null;
    while (true) {
      String token = tokens.get(active);
      Counter c = counters.get(token).get(pool);
      if (!c.tracked) {
        active = (active + 1) % tokens.size();
        return token;
      }
      if (c.remaining > 0) {
        throttle(pool);
        c.remaining--;
        return token;
      }
      boolean allSpent = true;
      for (String other : tokens) {
        Counter o = counters.get(other).get(pool);
        allSpent &= o.tracked && o.remaining <= 0;
      }
      if (!allSpent) {
        active = (active + 1) % tokens.size();
        continue;
      }
      Instant now = Instant.now();
      if (deadline == null) {
        deadline = now.plus(maxWait(scope));
      }
      Instant earliest = Instant.MAX;
      for (String other : tokens) {
        Instant r = counters.get(other).get(pool).resetAt;
        earliest = r.isBefore(earliest) ? r : earliest;
      }
      Duration budget = Duration.between(now, deadline);
      Duration untilReset = Duration.between(now, earliest);
      if (budget.isNegative() || budget.isZero() || untilReset.compareTo(budget) >= 0) {
        throw new DeclarativeError(
            "The rate limit of quota '"
                + pool
                + "' is reached for "
                + (tokens.size() == 1
                    ? "its only token"
                    : "all " + Plural.of(tokens.size(), "token"))
                + " and resets later than max_wait_time allows.",
            "Try again after the reset, or give more tokens in the config.");
      }
      Duration wait = untilReset.compareTo(MIN_WAIT) < 0 ? MIN_WAIT : untilReset;
      try {
        options.sleeper().sleep(wait.compareTo(budget) > 0 ? budget : wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DeclarativeError("The wait for a rate limit reset was interrupted.", null);
      }
      counters = reseed(scope);
    }
  }

  /** Fresh counters that keep the limit learned so far where the status gives none. */
  private Map<String, Map<String, Counter>> reseed(Scope scope) {
    Map<String, Map<String, Counter>> fresh = seed(scope);
    fresh.forEach(
        (token, pools) ->
            pools.forEach(
                (pool, c) -> {
                  Counter old = counters.get(token).get(pool);
                  if (!limitGiven(pool) && old != null && old.limit > 0) {
                    c.limit = old.limit;
                  }
                }));
    return fresh;
  }

  private boolean limitGiven(String pool) {
    return quota(pool).has("limit_path");
  }

  private JsonNode quota(String pool) {
    for (JsonNode q : quotas) {
      if (q.path("name").asText().equals(pool)) {
        return q;
      }
    }
    return quotas.get(0);
  }

  /**
   * Proactive throttling: once every tracked token of the pool is below its reserve, a call waits
   * (time to the earliest reset) / (calls left on all tokens), so the calls last until the reset.
   */
  private void throttle(String pool) {
    long left = 0;
    Instant earliest = Instant.MAX;
    for (String token : tokens) {
      Counter c = counters.get(token).get(pool);
      if (!c.tracked || c.remaining >= reserve(c)) {
        return;
      }
      left += Math.max(0, c.remaining);
      earliest = c.resetAt.isBefore(earliest) ? c.resetAt : earliest;
    }
    Duration untilReset = Duration.between(Instant.now(), earliest);
    if (left <= 0 || untilReset.isNegative() || untilReset.isZero()) {
      return;
    }
    try {
      options.sleeper().sleep(untilReset.dividedBy(left));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeclarativeError("The wait between rate limited calls was interrupted.", null);
    }
  }

  /** Calls kept back per token: the reserve fraction of the limit, at least the minimum. */
  private long reserve(Counter c) {
    double fraction = t.node().path("budget_reserve_fraction").asDouble(0.1);
    long minimum = t.node().path("budget_min_reserve").asLong(50);
    return Math.max((long) Math.ceil(fraction * c.limit), minimum);
  }

  @Override
  public boolean signsRetries() {
    return true;
  }

  /** Reconciles the charged counter from the response's status and rate limit headers. */
  @Override
  public synchronized void observe(RequestParts sent, HttpOutcome outcome) {
    Charge charge = charged.remove(sent);
    if (charge == null || counters == null) {
      return;
    }
    Counter c = counters.get(charge.token()).get(charge.pool());
    if (c == null || !c.tracked) {
      return;
    }
    JsonNode q = quota(charge.pool());
    Long remaining = number(outcome, q, "remaining_header");
    Long limit = number(outcome, q, "limit_header");
    String resetText = header(outcome, q, "reset_header");
    boolean exhaustion = false;
    for (JsonNode code : q.path("exhaustion_status_codes")) {
      exhaustion |= code.asInt() == outcome.status();
    }
    if (limit != null) {
      c.limit = limit;
    }
    Instant reset = null;
    if (resetText != null) {
      try {
        reset = instant(TextNode.valueOf(resetText.strip()));
      } catch (RuntimeException e) {
        reset = null; // an unreadable reset is no evidence about the window
      }
    }
    if (reset != null && reset.isAfter(c.resetAt.plus(SKEW))) {
      // the window rolled over: the new one starts at the limit unless the header says more
      c.resetAt = reset;
      c.remaining = remaining != null ? remaining : c.limit;
    } else if (reset != null && reset.isBefore(c.resetAt.minus(SKEW))) {
      // a trailing answer about an elapsed window: only a rate limit rejection still counts
      if (exhaustion && (remaining == null || remaining <= 0)) {
        c.remaining = 0;
      }
    } else if (remaining != null) {
      c.remaining = remaining;
    } else if (exhaustion) {
      c.remaining = 0;
    }
  }

  private static String header(HttpOutcome outcome, JsonNode quota, String field) {
    String name = quota.path(field).asText("");
    return name.isEmpty() ? null : outcome.headers().get(name.toLowerCase(Locale.ROOT));
  }

  private static Long number(HttpOutcome outcome, JsonNode quota, String field) {
    String v = header(outcome, quota, field);
    if (v == null || !v.strip().matches("-?\\d+")) {
      return null;
    }
    return Long.parseLong(v.strip());
  }

  private Duration maxWait(Scope scope) {
    String text = t.node().has("max_wait_time") ? t.text("max_wait_time", scope) : "PT2H";
    ZonedDateTime now = ZonedDateTime.now();
    return Duration.between(now, IsoDuration.parse(text).addTo(now));
  }

  private Map<String, Map<String, Counter>> seed(Scope scope) {
    Map<String, Map<String, Counter>> out = new HashMap<>();
    for (String token : tokens) {
      out.put(token, fetch(token, scope));
    }
    return out;
  }

  /** One token's counters from the quota status endpoint. */
  private Map<String, Counter> fetch(String token, Scope scope) {
    JsonNode source = t.node().path("quota_status_source");
    Tpl s = new Tpl(source);
    String method = source.path("http_method").asText("GET").toUpperCase(Locale.ROOT);
    String authMethod = t.node().has("auth_method") ? t.text("auth_method", scope) : "Bearer";
    Request.Builder request =
        new Request.Builder()
            .url(options.urlRewrite().apply(s.text("url", scope)))
            .header(header(scope), (authMethod + " " + token).strip())
            .method(
                method,
                method.equals("POST") ? RequestBody.create(new byte[0], (MediaType) null) : null);
    source
        .path("request_headers")
        .fields()
        .forEachRemaining(h -> request.header(h.getKey(), s.text(h.getValue(), scope)));
    Set<Integer> unavailable = new HashSet<>();
    source.path("unavailable_status_codes").forEach(c -> unavailable.add(c.asInt()));
    try (Response response = options.http().newCall(request.build()).execute()) {
      Map<String, Counter> pools = new HashMap<>();
      if (unavailable.contains(response.code())) {
        for (JsonNode q : quotas) {
          Counter c = new Counter();
          c.tracked = false;
          c.resetAt = Instant.now();
          pools.put(q.path("name").asText(), c);
        }
        return pools;
      }
      if (!response.isSuccessful()) {
        throw new DeclarativeError(
            "The quota status endpoint answered HTTP " + response.code() + ".",
            "Check the API tokens in the config.");
      }
      JsonNode body = Json.parse(response.body() == null ? "" : response.body().string());
      for (JsonNode q : quotas) {
        Counter c = new Counter();
        c.remaining = at(body, q, "remaining_path").asLong();
        c.resetAt = instant(at(body, q, "reset_path"));
        c.limit = q.has("limit_path") ? at(body, q, "limit_path").asLong() : c.remaining;
        pools.put(q.path("name").asText(), c);
      }
      return pools;
    } catch (IOException e) {
      throw new DeclarativeError(
          "Could not reach the quota status endpoint: " + e.getMessage(),
          "Check the network and try again.");
    }
  }

  /** A pool's value in the status response; a path it lacks is the manifest's mistake. */
  private static JsonNode at(JsonNode body, JsonNode quota, String field) {
    JsonNode v = body;
    for (JsonNode key : quota.path(field)) {
      v = v == null || !v.isObject() ? null : v.get(key.asText());
    }
    if (v == null || v.isNull()) {
      throw new DeclarativeError(
          "The quota status response has nothing at the "
              + field
              + " of quota '"
              + quota.path("name").asText()
              + "'.",
          "The manifest's quota paths do not fit the API's quota status response.");
    }
    return v;
  }

  /** Epoch seconds (number or digits) or an ISO date, as the CDK reads a reset. */
  private static Instant instant(JsonNode v) {
    String s = v.asText();
    if (v.isNumber() || s.matches("\\d+")) {
      return Instant.ofEpochSecond(v.asLong());
    }
    return LenientDates.parse(s).toInstant();
  }
}
