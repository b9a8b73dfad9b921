package airbytemcp.connectors;

import java.time.Duration;

/**
 * How long a connector command may run before it is stopped: {@code spec}, {@code check} and {@code
 * discover} get {@code metadata}, {@code read} and {@code write} get {@code data}; {@code install}
 * bounds a Python install.
 */
public record RunLimits(Duration metadata, Duration data, Duration install) {
  public static RunLimits defaults() {
    return new RunLimits(Duration.ofMinutes(10), Duration.ofHours(6), Duration.ofMinutes(15));
  }
}
