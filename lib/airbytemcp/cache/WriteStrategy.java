package airbytemcp.cache;

import java.util.List;

/**
 * How a sync writes a stream into its table, chosen per stream as PyAirbyte's AUTO strategy does.
 */
public enum WriteStrategy {
  /** Upsert on the primary key: a record replaces the cached row with the same key. */
  MERGE,
  /** Add the records to the table (incremental stream with a cursor and no key). */
  APPEND,
  /** The table becomes exactly what this sync read. */
  REPLACE;

  public static WriteStrategy choose(List<String> primaryKey, boolean incrementalWithCursor) {
    if (!primaryKey.isEmpty()) {
      return MERGE;
    }
    return incrementalWithCursor ? APPEND : REPLACE;
  }
}
