package airbytemcp.cloud;

import java.time.Duration;

/**
 * How often and how patiently a request is retried after 429, 5xx or a failed connection.
 *
 * @param attempts total tries, the first included
 * @param baseDelay first back-off; doubled on every retry
 * @param maxDelay cap for one wait, also for a server's Retry-After
 */
public record RetryPolicy(int attempts, Duration baseDelay, Duration maxDelay) {
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(60));

  Duration backoff(int retry) {
    long millis = baseDelay.toMillis() << Math.min(retry, 20);
    return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
  }
}
