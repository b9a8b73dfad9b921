package airbytemcp.cache;

import java.time.Duration;
import java.util.List;

/** What a finished sync did, per stream and in total. */
public record SyncResult(
    String sourceName,
    List<StreamSummary> streams,
    long records,
    long statesStored,
    Duration elapsed) {

  /** One stream of a sync: records read now, rows its table holds after the sync. */
  public record StreamSummary(
      String streamName,
      String tableName,
      WriteStrategy writeStrategy,
      long recordsRead,
      long rowsInTable) {}
}
