package airbytemcp.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * An incremental cursor as the stream reader drives it. Positions are longs that order records
 * (epoch microseconds for dates, the value itself for counters), so the reader need not know what
 * the cursor counts.
 */
interface Cursor {
  String cursorField();

  /**
   * The slices to read from a state (null for none), each the {@code stream_interval} of its
   * requests.
   */
  List<Map<String, Object>> slices(JsonNode state, Scope scope);

  void inject(RequestParts parts, Map<String, Object> slice, Scope scope);

  /** A position written in state or in a record; null when it does not read as one. */
  Long position(JsonNode value);

  /** The state value for a position, as the CDK writes it. */
  JsonNode stateValue(long position);

  Long sliceStart(Map<String, Object> slice);

  /** Where a slice ends (the state after a slice without records); null for open-ended slices. */
  Long sliceEnd(Map<String, Object> slice);

  /**
   * The slice narrowed to start at {@code position} (a pagination reset splitting on the cursor);
   * null if it can't.
   */
  default Map<String, Object> splitAt(Map<String, Object> slice, long position) {
    return null;
  }

  /** One cursor for all partitions of a substream instead of one per partition. */
  default boolean global() {
    return false;
  }

  /** Records older than the slice start are dropped (the API cannot filter by the cursor). */
  default boolean clientSide() {
    return false;
  }

  /**
   * The API returns newest records first, so paging stops at the first record older than the slice
   * start.
   */
  default boolean dataFeed() {
    return false;
  }
}
