package airbytemcp.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Request;

/**
 * One policy of an api_budget: the requests it governs (any matcher matches; no matchers means
 * every request) and the window that rations them.
 */
record CallRatePolicy(List<RequestMatcher> matchers, CallWindow window) {

  static CallRatePolicy of(JsonNode def, Scope scope) {
    List<RequestMatcher> matchers = new ArrayList<>();
    def.path("matchers").forEach(m -> matchers.add(RequestMatcher.of(m, scope)));
    Tpl t = new Tpl(def);
    String type = def.path("type").asText();
    switch (type) {
      case "FixedWindowCallRatePolicy":
        return new CallRatePolicy(
            matchers,
            new FixedCallWindow(
                duration(def.path("period").asText()),
                ApiBudget.count(t.text("call_limit", scope), "call_limit", 0)));
      case "MovingWindowCallRatePolicy":
        {
          List<MovingCallWindow.Rate> rates = new ArrayList<>();
          for (JsonNode r : def.path("rates")) {
            rates.add(
                new MovingCallWindow.Rate(
                    ApiBudget.count(new Tpl(r).text("limit", scope), "rate limit", 0),
                    duration(r.path("interval").asText())));
          }
          return new CallRatePolicy(matchers, new MovingCallWindow(rates));
        }
      case "UnlimitedCallRatePolicy":
        return new CallRatePolicy(matchers, CallWindow.UNLIMITED);
      default:
        throw new DeclarativeError(
            "The api_budget policy type '" + type + "' is not known.",
            "Use FixedWindowCallRatePolicy, MovingWindowCallRatePolicy or"
                + " UnlimitedCallRatePolicy.");
    }
  }

  /** An ISO 8601 duration as a length of time (a month counts as 30 days, as in the CDK). */
  private static Duration duration(String text) {
    IsoDuration d = IsoDuration.parse(text);
    return Duration.ofSeconds((d.period().toTotalMonths() * 30L + d.period().getDays()) * 86_400L)
        .plus(d.time());
  }

  boolean matches(Request request) {
    if (matchers.isEmpty()) {
      return true;
    }
    for (RequestMatcher m : matchers) {
      if (m.matches(request)) {
        return true;
      }
    }
    return false;
  }

  /** The first matching matcher's weight, else one call. */
  int weight(Request request) {
    for (RequestMatcher m : matchers) {
      if (m.matches(request)) {
        return m.weight() == null ? 1 : m.weight();
      }
    }
    return 1;
  }
}
