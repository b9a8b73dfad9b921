package airbytemcp.declarative;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides what a response means (DefaultErrorHandler, CompositeErrorHandler with
 * HttpResponseFilters) and how long to wait before a retry (Constant, Exponential,
 * WaitTimeFromHeader, WaitUntilTimeFromHeader backoff). Without a matching filter the CDK's
 * defaults hold: 2xx succeeds, 408/429/5xx are retried, other 4xx fail.
 */
final class ErrorHandler {
  enum Action {
    SUCCESS,
    FAIL,
    RETRY,
    IGNORE,
    RATE_LIMITED,
    RESET_PAGINATION
  }

  /**
   * A decision: the action, how long to wait (retries), the message when it fails, how often to
   * retry.
   */
  record Resolution(Action action, String message, Optional<Duration> backoff, int maxRetries) {}

  private static final Set<Integer> RETRIED = Set.of(408, 500, 502, 503, 504);
  private final JsonNode def;
  private final List<ErrorHandler> children = new ArrayList<>();
  private final Resolution success;

  ErrorHandler(JsonNode def) {
    this.def = def == null || def.isNull() ? null : def;
    if (this.def != null && "CompositeErrorHandler".equals(this.def.path("type").asText())) {
      this.def.path("error_handlers").forEach(h -> children.add(new ErrorHandler(h)));
    }
    this.success = new Resolution(Action.SUCCESS, "HTTP success", Optional.empty(), maxRetries());
  }

  Resolution interpret(HttpOutcome r, Scope scope, int attempt) {
    if (!children.isEmpty()) {
      Resolution last = null;
      for (ErrorHandler child : children) {
        last = child.interpret(r, scope, attempt);
        if (last.action() != Action.FAIL) {
          return last;
        }
      }
      return last;
    }
    return matchFilters(r, scope, attempt).orElseGet(() -> fallback(r, attempt));
  }

  private Optional<Resolution> matchFilters(HttpOutcome r, Scope scope, int attempt) {
    if (def == null || def.path("response_filters").isEmpty()) {
      return Optional.empty();
    }
    // The response as template variables only when a template reads it: most filters match on
    // status codes alone, and reading every page's body again would double the cost of a page.
    Scope[] withResponse = {null};
    Supplier<Scope> responseScope =
        () -> {
          if (withResponse[0] == null) {
            withResponse[0] =
                scope
                    .with("response", r.jsonOrEmpty())
                    .with("headers", PyValues.fromJson(Json.MAPPER.valueToTree(r.headers())));
          }
          return withResponse[0];
        };
    for (JsonNode filter : def.path("response_filters")) {
      if (matches(filter, r, responseScope)) {
        Action action = Action.valueOf(filter.path("action").asText("FAIL"));
        Tpl t = new Tpl(filter);
        String message =
            filter.has("error_message")
                ? t.text("error_message", responseScope.get())
                : defaultMessage(r);
        return Optional.of(
            new Resolution(action, message, backoff(r, attempt, action), maxRetries()));
      }
    }
    return Optional.empty();
  }

  private static boolean matches(JsonNode filter, HttpOutcome r, Supplier<Scope> scope) {
    for (JsonNode code : filter.path("http_codes")) {
      if (code.asInt() == r.status()) {
        return true;
      }
    }
    String contains = filter.path("error_message_contains").asText("");
    if (!contains.isEmpty() && r.text().contains(contains)) {
      return true;
    }
    return filter.hasNonNull("predicate")
        && new Tpl(filter).condition("predicate", scope.get(), false);
  }

  private Resolution fallback(HttpOutcome r, int attempt) {
    int s = r.status();
    Action action =
        s < 400
            ? Action.SUCCESS
            : s == 429
                ? Action.RATE_LIMITED
                : RETRIED.contains(s) || s >= 500 ? Action.RETRY : Action.FAIL;
    if (action == Action.SUCCESS) {
      return success; // every page but the odd failure: no message or backoff to work out
    }
    return new Resolution(action, defaultMessage(r), backoff(r, attempt, action), maxRetries());
  }

  private static String defaultMessage(HttpOutcome r) {
    return "HTTP "
        + r.status()
        + (r.status() == 401 || r.status() == 403
            ? ": the API refused the credentials"
            : r.status() == 404 ? ": not found" : "");
  }

  private int maxRetries() {
    return def == null ? 5 : def.path("max_retries").asInt(5);
  }

  private Optional<Duration> backoff(HttpOutcome r, int attempt, Action action) {
    if (action != Action.RETRY && action != Action.RATE_LIMITED) {
      return Optional.empty();
    }
    JsonNode strategies = def == null ? null : def.get("backoff_strategies");
    if (strategies != null) {
      for (JsonNode s : strategies) {
        Optional<Duration> d = strategy(s, r, attempt);
        if (d.isPresent()) {
          return d;
        }
      }
    }
    // No strategy: honour Retry-After when the API sends one, else back off exponentially (5s, 10s,
    // 20s, ...).
    Optional<Duration> retryAfter = seconds(r.header("Retry-After"), null);
    return Optional.of(retryAfter.orElse(Duration.ofMillis((long) (5000 * Math.pow(2, attempt)))));
  }

  private static Optional<Duration> strategy(JsonNode s, HttpOutcome r, int attempt) {
    switch (s.path("type").asText()) {
      case "ConstantBackoffStrategy":
        return Optional.of(
            Duration.ofMillis((long) (s.path("backoff_time_in_seconds").asDouble() * 1000)));
      case "ExponentialBackoffStrategy":
        return Optional.of(
            Duration.ofMillis((long) (s.path("factor").asDouble(5) * 1000 * Math.pow(2, attempt))));
      case "WaitTimeFromHeader":
        {
          Optional<Duration> d =
              seconds(r.header(s.path("header").asText()), s.path("regex").asText(null));
          double max = s.path("max_waiting_time_in_seconds").asDouble(0);
          if (d.isPresent() && max > 0 && d.get().toMillis() > max * 1000) {
            throw new DeclarativeError(
                "The API asks to wait "
                    + d.get().toSeconds()
                    + "s, more than the manifest's limit of "
                    + (long) max
                    + "s.",
                "Try again later.");
          }
          return d;
        }
      case "WaitUntilTimeFromHeader":
        {
          Optional<Duration> until =
              seconds(r.header(s.path("header").asText()), s.path("regex").asText(null));
          if (until.isEmpty()) {
            return Optional.empty();
          }
          long wait = until.get().toSeconds() - System.currentTimeMillis() / 1000;
          long min = s.path("min_wait").asLong(0);
          return Optional.of(Duration.ofSeconds(Math.max(wait, min)));
        }
      default:
        return Optional.empty();
    }
  }

  private static Optional<Duration> seconds(String header, String regex) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.strip();
    if (regex != null && !regex.isEmpty()) {
      Matcher m = Pattern.compile(regex).matcher(value);
      if (!m.find()) {
        return Optional.empty();
      }
      value = m.groupCount() > 0 ? m.group(1) : m.group();
    }
    try {
      return Optional.of(Duration.ofMillis((long) (Double.parseDouble(value) * 1000)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
