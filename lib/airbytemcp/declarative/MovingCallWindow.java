package airbytemcp.declarative;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * MovingWindowCallRatePolicy: for every {@link Rate}, at most {@code limit} calls (by weight) in
 * any span of {@code interval} ending now, counted from the times the calls were made.
 *
 * <p>A response saying no calls are left (a remaining count of 0, or a rate limit status) holds
 * every call for the first rate's interval, as the CDK does by filling its bucket; when the API
 * also names its reset time, calls are held until then, which the CDK leaves as a to-do.
 */
final class MovingCallWindow implements CallWindow {
  /** One rate of the policy. */
  record Rate(long limit, Duration interval) {}

  private record Call(Instant at, int weight) {}

  private final List<Rate> rates;
  private final Duration longest;
  private final long lowestLimit;

  /** The calls made within the longest interval, oldest first. */
  private final Deque<Call> calls = new ArrayDeque<>();

  private Instant heldUntil = Instant.MIN;

  MovingCallWindow(List<Rate> rates) {
    if (rates.isEmpty()) {
      throw new DeclarativeError(
          "A MovingWindowCallRatePolicy has no rates.",
          "Give the policy at least one Rate in the manifest's api_budget.");
    }
    for (Rate r : rates) {
      if (r.interval().isNegative() || r.interval().isZero()) {
        throw new DeclarativeError(
            "A Rate's interval must be longer than zero.",
            "Set the interval in the manifest's api_budget to an ISO 8601 duration such as PT1S.");
      }
    }
    this.rates = List.copyOf(rates);
    this.longest = rates.stream().map(Rate::interval).max(Duration::compareTo).orElseThrow();
    this.lowestLimit = rates.stream().mapToLong(Rate::limit).min().orElseThrow();
  }

  @Override
  public Duration tryAcquire(Instant now, int weight) {
    if (weight > lowestLimit) {
      throw new DeclarativeError(
          "A request of weight "
              + weight
              + " exceeds its policy's lowest rate limit of "
              + lowestLimit
              + ".",
          "Lower the matcher's weight or raise the rates in the manifest's api_budget.");
    }
    if (now.isBefore(heldUntil)) {
      return Duration.between(now, heldUntil);
    }
    forgetBefore(now.minus(longest));
    Duration wait = Duration.ZERO;
    for (Rate r : rates) {
      Duration w = waitFor(r, now, weight);
      wait = w.compareTo(wait) > 0 ? w : wait;
    }
    if (wait.isZero()) {
      calls.addLast(new Call(now, weight));
    }
    return wait;
  }

  /**
   * Zero if {@code weight} more calls fit in {@code rate} at {@code now}; else the time until
   * enough of the oldest calls in its span have left it.
   */
  private Duration waitFor(Rate rate, Instant now, int weight) {
    Instant from = now.minus(rate.interval());
    long inSpan = 0;
    for (Call c : calls) {
      if (c.at().isAfter(from)) {
        inSpan += c.weight();
      }
    }
    long excess = inSpan + weight - rate.limit();
    if (excess <= 0) {
      return Duration.ZERO;
    }
    for (Call c : calls) {
      if (c.at().isAfter(from)) {
        excess -= c.weight();
        if (excess <= 0) {
          // that call leaves the span once now - interval reaches it
          return Duration.between(now, c.at().plus(rate.interval()));
        }
      }
    }
    throw new IllegalStateException("a call rate span holds fewer calls than it counted");
  }

  @Override
  public void update(Instant now, Long remaining, Instant reset) {
    if (remaining == null || remaining > 0) {
      return;
    }
    Instant until = reset != null && reset.isAfter(now) ? reset : now.plus(rates.get(0).interval());
    heldUntil = until.isAfter(heldUntil) ? until : heldUntil;
  }

  private void forgetBefore(Instant oldest) {
    for (Iterator<Call> i = calls.iterator(); i.hasNext(); ) {
      if (i.next().at().isAfter(oldest)) {
        return;
      }
      i.remove();
    }
  }
}
