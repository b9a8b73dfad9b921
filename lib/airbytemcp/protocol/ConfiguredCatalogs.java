package airbytemcp.protocol;

import airbytemcp.common.CloseNames;
import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the configured catalog a {@code read} needs from a discovered one: the chosen streams,
 * each with a sync mode it supports, its cursor and its primary key as the source defines them.
 */
public final class ConfiguredCatalogs {
  /**
   * How a stream is read: incremental (falling back to full refresh where unsupported) or always
   * full refresh.
   */
  public enum ReadMode {
    INCREMENTAL,
    FULL_REFRESH
  }

  private ConfiguredCatalogs() {}

  /**
   * @param streamNames the streams to include, in the caller's order; every one must be in the
   *     catalog
   * @param destinationSyncMode {@code append}, {@code overwrite} or {@code append_dedup}
   */
  public static ObjectNode build(
      List<DiscoveredStream> discovered,
      Collection<String> streamNames,
      ReadMode mode,
      String destinationSyncMode) {
    Map<String, DiscoveredStream> byName = new LinkedHashMap<>();
    discovered.forEach(s -> byName.putIfAbsent(s.name(), s));
    List<String> unknown = new ArrayList<>();
    for (String name : streamNames) {
      if (!byName.containsKey(name)) {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      throw unknownStreams(unknown, byName.keySet());
    }
    ObjectNode catalog = Json.object();
    ArrayNode streams = catalog.putArray("streams");
    for (String name : streamNames) {
      streams.add(configure(byName.get(name), mode, destinationSyncMode));
    }
    return catalog;
  }

  public static ProtocolError unknownStreams(List<String> unknown, Collection<String> available) {
    List<String> meant = new ArrayList<>();
    for (String name : unknown) {
      CloseNames.closest(name, available, 1).stream()
          .map(close -> "'" + close + "'")
          .forEach(meant::add);
    }
    List<String> shown = available.stream().limit(SHOWN_STREAMS).toList();
    return new ProtocolError(
        (unknown.size() == 1
                ? "Stream '" + unknown.get(0) + "' does"
                : "Streams " + unknown + " do")
            + " not exist in the source's catalog"
            + (meant.isEmpty() ? "." : "; did you mean " + String.join(", ", meant) + "?"),
        "Available streams"
            + (shown.size() < available.size()
                ? " (the first " + shown.size() + " of " + available.size() + ")"
                : "")
            + ": "
            + String.join(", ", shown)
            + ". list_source_streams lists them.");
  }

  /** A source may have hundreds of streams: the hint lists this many, list_source_streams all. */
  private static final int SHOWN_STREAMS = 50;

  static ObjectNode configure(DiscoveredStream stream, ReadMode mode, String destinationSyncMode) {
    boolean incremental = mode == ReadMode.INCREMENTAL && stream.supportsIncremental();
    ObjectNode configured = Json.object();
    configured.set("stream", stream.raw().deepCopy());
    configured.put("sync_mode", incremental ? "incremental" : "full_refresh");
    ArrayNode cursor = configured.putArray("cursor_field");
    if (incremental) {
      stream.defaultCursorField().forEach(cursor::add);
    }
    ArrayNode primaryKey = configured.putArray("primary_key");
    for (List<String> path : stream.sourceDefinedPrimaryKey()) {
      ArrayNode p = primaryKey.addArray();
      path.forEach(p::add);
    }
    configured.put("destination_sync_mode", destinationSyncMode.toLowerCase(Locale.ROOT));
    return configured;
  }
}
