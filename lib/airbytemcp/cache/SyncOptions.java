package airbytemcp.cache;

import java.time.Duration;

/**
 * When a sync makes its progress durable. Staged records are committed to the stream tables
 * (together with the state that follows them) at a STATE message once {@code applyEveryRecords}
 * records or {@code applyInterval} have passed since the last time, and always at the end. DuckDB
 * reads them earlier, into the open transaction: a stream's staging file is loaded as soon as it
 * holds {@code maxStagedRows} records, a size DuckDB reads efficiently. Progress is reported at
 * most every {@code progressInterval}.
 */
public record SyncOptions(
    long applyEveryRecords, Duration applyInterval, long maxStagedRows, Duration progressInterval) {

  public static SyncOptions defaults() {
    return new SyncOptions(200_000, Duration.ofSeconds(15), 200_000, Duration.ofSeconds(1));
  }
}
