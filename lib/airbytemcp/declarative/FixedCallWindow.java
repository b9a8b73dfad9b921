package airbytemcp.declarative;

import java.time.Duration;
import java.time.Instant;

/**
 * FixedWindowCallRatePolicy: {@code call_limit} calls per {@code period}; the count starts again
 * when the window's reset time passes, and the next window ends one period after that reset.
 *
 * <p>The CDK starts with a placeholder reset ten days ahead that the API's reset header replaces;
 * without such a header it would hold a read for days once the limit is reached. Here the first
 * window ends one period after the first call, and a reset header still replaces it. As in the CDK,
 * a response only ever lowers the calls left (the manifest may ration below the API's limit), and
 * any reset time it gives becomes the window's end.
 */
final class FixedCallWindow implements CallWindow {
  private final Duration period;
  private final long limit;
  private long used;
  private Instant resetAt;

  FixedCallWindow(Duration period, long limit) {
    if (period.isNegative() || period.isZero()) {
      throw new DeclarativeError(
          "A FixedWindowCallRatePolicy's period must be longer than zero.",
          "Set the period in the manifest's api_budget to an ISO 8601 duration such as PT1M.");
    }
    this.period = period;
    this.limit = limit;
  }

  @Override
  public Duration tryAcquire(Instant now, int weight) {
    if (weight > limit) {
      throw new DeclarativeError(
          "A request of weight " + weight + " exceeds its policy's call_limit of " + limit + ".",
          "Lower the matcher's weight or raise the call_limit in the manifest's api_budget.");
    }
    roll(now);
    if (used + weight > limit) {
      return Duration.between(now, resetAt);
    }
    used += weight;
    return Duration.ZERO;
  }

  @Override
  public void update(Instant now, Long remaining, Instant reset) {
    roll(now);
    if (remaining != null && limit - used > remaining) {
      used = limit - Math.max(0, remaining);
    }
    if (reset != null) {
      resetAt = reset;
    }
  }

  /** Starts the first window, or a new one once the reset time is reached. */
  private void roll(Instant now) {
    if (resetAt == null) {
      resetAt = now.plus(period);
    } else if (!now.isBefore(resetAt)) {
      // the CDK steps one period on from the old reset; a reset long past starts from now
      Instant next = resetAt.plus(period);
      resetAt = next.isAfter(now) ? next : now.plus(period);
      used = 0;
    }
  }
}
