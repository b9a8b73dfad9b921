package airbytemcp.declarative;

import java.time.Duration;
import java.time.Instant;

/** How a call rate policy counts calls in time. Not thread-safe: ApiBudget serializes calls. */
interface CallWindow {
  /** UnlimitedCallRatePolicy: every call goes at once, and responses change nothing. */
  CallWindow UNLIMITED =
      new CallWindow() {
        @Override
        public Duration tryAcquire(Instant now, int weight) {
          return Duration.ZERO;
        }

        @Override
        public void update(Instant now, Long remaining, Instant reset) {}
      };

  /**
   * Charges {@code weight} calls at {@code now} if the window allows them, returning zero; else
   * charges nothing and returns how long to wait before asking again (always positive).
   */
  Duration tryAcquire(Instant now, int weight);

  /**
   * Reconciles the window with what the API said: calls left ({@code remaining}, 0 for a rate limit
   * status) and when its window resets; either may be null.
   */
  void update(Instant now, Long remaining, Instant reset);
}
