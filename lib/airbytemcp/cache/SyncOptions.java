package airbytemcp.cache;

import java.time.Duration;

/**
 * When a sync makes its progress durable. Staged records reach the stream tables (together with the state that
 * follows them) at a STATE message once {@code applyEveryRecords} records or {@code applyInterval} have passed
 * since the last time, and always at the end. Staging alone is committed every {@code stageCommitEveryRecords}
 * records to keep transactions small. Progress is reported at most every {@code progressInterval}.
 */
public record SyncOptions(
    long applyEveryRecords, Duration applyInterval, long stageCommitEveryRecords, Duration progressInterval) {

  public static SyncOptions defaults() {
    return new SyncOptions(200_000, Duration.ofSeconds(15), 1_000_000, Duration.ofSeconds(1));
  }
}
