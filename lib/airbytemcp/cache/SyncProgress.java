package airbytemcp.cache;

import java.time.Duration;
import java.util.Locale;

/**
 * A snapshot of a running sync: records read so far, streams that have sent records, time since the
 * start.
 */
public record SyncProgress(long records, int streamsStarted, int streamsTotal, Duration elapsed) {
  /** A one-line description for progress notifications. */
  public String message() {
    return String.format(
        Locale.ROOT,
        "%,d records from %d of %d streams in %.1f s",
        records,
        streamsStarted,
        streamsTotal,
        elapsed.toMillis() / 1000.0);
  }
}
