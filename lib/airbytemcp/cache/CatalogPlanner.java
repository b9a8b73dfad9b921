package airbytemcp.cache;

import airbytemcp.common.Redactor;
import airbytemcp.protocol.ConfiguredCatalogs;
import airbytemcp.protocol.ConfiguredCatalogs.ReadMode;
import airbytemcp.protocol.DiscoveredStream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a discovered catalog and a stream selection into the configured catalog a read needs and a
 * write plan per stream. Streams are read incrementally where they support it (so repeat syncs
 * continue from the stored state), with the source's own cursor and primary key, as PyAirbyte
 * configures them for its cache.
 */
public final class CatalogPlanner {
  private CatalogPlanner() {}

  /** The plan of a sync: what to send to the connector and how to write each stream. */
  public record Plan(ObjectNode configuredCatalog, List<StreamPlan> streams) {}

  /** The stream names of a discovered catalog, in catalog order. */
  public static List<String> streamNames(JsonNode discoveredCatalog) {
    return DiscoveredStream.allOf(discoveredCatalog).stream().map(DiscoveredStream::name).toList();
  }

  /**
   * @param selected the streams to sync; every one must be in the catalog
   */
  public static Plan plan(JsonNode discoveredCatalog, List<String> selected) {
    return plan(discoveredCatalog, selected, Redactor.NONE);
  }

  /**
   * {@link #plan(JsonNode, List)} for a cache that must hold no secret the masker knows: a
   * connector may name streams and fields after config values (source-file's {@code dataset_name},
   * a file-based source's {@code streams[].name}), and a config value can be a secret reference.
   * Names become table and column names that SQL reads and transforms (and normalised, {@code -} to
   * {@code _}, no masked form matches them), so a selected stream whose name holds a secret is
   * refused and a field whose name holds one gets no column.
   */
  public static Plan plan(JsonNode discoveredCatalog, List<String> selected, Redactor masker) {
    for (String name : selected) {
      if (masker.revealsSecret(name)) {
        throw new CacheError(
            "The stream '"
                + masker.mask(name)
                + "' is named after a secret, so it cannot become a table of the cache.",
            "Leave it out of the sync, or keep secret_reference:: values out of the config fields "
                + "the connector names its streams after.");
      }
    }
    List<DiscoveredStream> discovered = DiscoveredStream.allOf(discoveredCatalog);
    List<String> names = List.copyOf(new LinkedHashSet<>(selected));
    ObjectNode configured =
        ConfiguredCatalogs.build(discovered, names, ReadMode.INCREMENTAL, "overwrite");
    Map<String, DiscoveredStream> byName = new LinkedHashMap<>();
    discovered.forEach(s -> byName.putIfAbsent(s.name(), s));
    List<StreamPlan> plans = new ArrayList<>();
    Set<String> tables = new LinkedHashSet<>();
    for (String name : names) {
      StreamPlan plan = planStream(byName.get(name), masker);
      if (!tables.add(plan.tableName())) {
        throw new CacheError(
            "Two selected streams would both be written to table '" + plan.tableName() + "'.",
            "Sync them separately, or select only one of them.");
      }
      plans.add(plan);
    }
    return new Plan(configured, plans);
  }

  static StreamPlan planStream(JsonNode stream) {
    return planStream(DiscoveredStream.of(stream));
  }

  static StreamPlan planStream(DiscoveredStream stream) {
    return planStream(stream, Redactor.NONE);
  }

  static StreamPlan planStream(DiscoveredStream stream, Redactor masker) {
    Map<String, Column> columns = new LinkedHashMap<>();
    stream
        .jsonSchema()
        .path("properties")
        .fields()
        .forEachRemaining(
            field -> {
              if (masker.revealsSecret(field.getKey())) {
                return; // no column, as for a field PyAirbyte leaves out; its values are dropped
              }
              String column = TableNames.normalize(field.getKey());
              if (!column.startsWith("_airbyte_")) {
                columns.putIfAbsent(column, new Column(column, SqlType.of(field.getValue())));
              }
            });
    List<String> primaryKey = new ArrayList<>();
    for (List<String> path : stream.sourceDefinedPrimaryKey()) {
      String key = path.isEmpty() ? "" : TableNames.normalize(path.get(0));
      // a key the schema does not declare cannot be matched on; such a stream is written without
      // merging
      if (columns.containsKey(key) && !primaryKey.contains(key)) {
        primaryKey.add(key);
      }
    }
    boolean hasCursor = stream.sourceDefinedCursor() || !stream.defaultCursorField().isEmpty();
    return new StreamPlan(
        stream.name(),
        TableNames.normalize(stream.name()),
        List.copyOf(columns.values()),
        primaryKey,
        WriteStrategy.choose(primaryKey, stream.supportsIncremental() && hasCursor),
        // stored for SQL to read (_airbyte_streams): its descriptions, examples and names masked
        stream.jsonSchema() == null ? null : masker.mask(stream.jsonSchema()));
  }
}
