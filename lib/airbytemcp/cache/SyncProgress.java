package airbytemcp.cache;

import airbytemcp.common.Plural;
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
        "%s from %d of %s in %.1f s",
        Plural.grouped(records, "record"),
        streamsStarted,
        Plural.of(streamsTotal, "stream"),
        elapsed.toMillis() / 1000.0);
  }
}
