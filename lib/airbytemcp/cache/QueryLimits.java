package airbytemcp.cache;

import java.time.Duration;

/**
 * Bounds on one read-only query: how long it may run before it is interrupted, and how many bytes
 * of values (roughly, as JSON text) its rows may hold before the answer stops growing.
 */
public record QueryLimits(Duration timeout, long maxResultBytes) {
  public static QueryLimits defaults() {
    return new QueryLimits(Duration.ofMinutes(5), 16L * 1024 * 1024);
  }
}
