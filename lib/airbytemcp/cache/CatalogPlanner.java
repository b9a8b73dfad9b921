package airbytemcp.cache;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a discovered catalog and a stream selection into the configured catalog a read needs and a write plan per
 * stream. Streams are read incrementally where they support it (so repeat syncs continue from the stored state),
 * with the source's own cursor and primary key.
 */
public final class CatalogPlanner {
  private CatalogPlanner() {}

  /** The plan of a sync: what to send to the connector and how to write each stream. */
  public record Plan(ObjectNode configuredCatalog, List<StreamPlan> streams) {}

  /** The stream names of a discovered catalog, in catalog order. */
  public static List<String> streamNames(JsonNode discoveredCatalog) {
    List<String> names = new ArrayList<>();
    discoveredCatalog.path("streams").forEach(s -> names.add(s.path("name").asText()));
    return names;
  }

  /** @param selected the streams to sync; every one must be in the catalog */
  public static Plan plan(JsonNode discoveredCatalog, List<String> selected) {
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    discoveredCatalog.path("streams").forEach(s -> byName.putIfAbsent(s.path("name").asText(), s));
    List<String> unknown = selected.stream().filter(n -> !byName.containsKey(n)).toList();
    if (!unknown.isEmpty()) {
      throw new CacheError(
          "The source has no stream named " + String.join(", ", unknown) + ".",
          "Available streams: " + String.join(", ", byName.keySet()) + ".");
    }
    ObjectNode configured = Json.object();
    ArrayNode configuredStreams = configured.putArray("streams");
    List<StreamPlan> plans = new ArrayList<>();
    Set<String> tables = new LinkedHashSet<>();
    for (String name : new LinkedHashSet<>(selected)) {
      JsonNode stream = byName.get(name);
      StreamPlan plan = planStream(stream);
      if (!tables.add(plan.tableName())) {
        throw new CacheError(
            "Two selected streams would both be written to table '" + plan.tableName() + "'.",
            "Sync them separately, or select only one of them.");
      }
      plans.add(plan);
      configuredStreams.add(configure(stream));
    }
    return new Plan(configured, plans);
  }

  static StreamPlan planStream(JsonNode stream) {
    String name = stream.path("name").asText();
    JsonNode schema = stream.path("json_schema");
    Map<String, Column> columns = new LinkedHashMap<>();
    schema.path("properties").fields().forEachRemaining(field -> {
      String column = TableNames.normalize(field.getKey());
      if (!column.startsWith("_airbyte_")) {
        columns.putIfAbsent(column, new Column(column, SqlType.of(field.getValue())));
      }
    });
    List<String> primaryKey = new ArrayList<>();
    for (List<String> path : primaryKeyPaths(stream)) {
      String key = TableNames.normalize(path.get(0));
      // a key the schema does not declare cannot be matched on; such a stream is written without merging
      if (columns.containsKey(key) && !primaryKey.contains(key)) {
        primaryKey.add(key);
      }
    }
    boolean incremental = supportsIncremental(stream);
    boolean hasCursor = stream.path("source_defined_cursor").asBoolean(false)
        || stream.path("default_cursor_field").size() > 0;
    return new StreamPlan(
        name,
        TableNames.normalize(name),
        List.copyOf(columns.values()),
        primaryKey,
        WriteStrategy.choose(primaryKey, incremental && hasCursor),
        schema);
  }

  private static ObjectNode configure(JsonNode stream) {
    boolean incremental = supportsIncremental(stream);
    ObjectNode configured = Json.object();
    configured.set("stream", stream.deepCopy());
    configured.put("sync_mode", incremental ? "incremental" : "full_refresh");
    ArrayNode cursor = configured.putArray("cursor_field");
    if (incremental) {
      stream.path("default_cursor_field").forEach(c -> cursor.add(c.asText()));
    }
    ArrayNode primaryKey = configured.putArray("primary_key");
    for (List<String> path : primaryKeyPaths(stream)) {
      ArrayNode p = primaryKey.addArray();
      path.forEach(p::add);
    }
    configured.put("destination_sync_mode", "overwrite");
    return configured;
  }

  private static boolean supportsIncremental(JsonNode stream) {
    for (JsonNode mode : stream.path("supported_sync_modes")) {
      if ("incremental".equals(mode.asText())) {
        return true;
      }
    }
    return false;
  }

  private static List<List<String>> primaryKeyPaths(JsonNode stream) {
    List<List<String>> paths = new ArrayList<>();
    for (JsonNode path : stream.path("source_defined_primary_key")) {
      List<String> parts = new ArrayList<>();
      if (path.isArray()) {
        path.forEach(p -> parts.add(p.asText()));
      } else {
        parts.add(path.asText());
      }
      if (!parts.isEmpty()) {
        paths.add(parts);
      }
    }
    return paths;
  }
}
