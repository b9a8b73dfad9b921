package airbytemcp.cache;

import java.time.Duration;

/**
 * When a sync makes its progress durable. Staged records are committed to the stream tables
 * (together with the state that follows them) at a STATE message once {@code applyEveryRecords}
 * records or {@code applyInterval} have passed since the last time, and always at the end: a commit
 * costs DuckDB about a tenth of a second however little it holds, so a fast sync commits every
 * several seconds and a slow one every 15. DuckDB reads records earlier, into the open transaction:
 * a stream's staging file is loaded as soon as it holds {@code maxStagedRows} records or {@link
 * StreamStage#FULL_BYTES} (the sync's first file at a quarter of that and its second at half, so
 * DuckDB starts early and does not wait long for more). Each load costs DuckDB a fixed share on top
 * of its records, so files are large. Progress is reported at most every {@code progressInterval}.
 */
public record SyncOptions(
    long applyEveryRecords, Duration applyInterval, long maxStagedRows, Duration progressInterval) {

  public static SyncOptions defaults() {
    return new SyncOptions(5_000_000, Duration.ofSeconds(15), 2_000_000, Duration.ofSeconds(1));
  }
}
