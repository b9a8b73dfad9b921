package airbytemcp.cache;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * How one stream is written: its table, its data columns (from the JSON schema, normalised, first
 * spelling wins when two fields normalise alike), its primary key columns and its write strategy.
 */
public record StreamPlan(
    String streamName,
    String tableName,
    List<Column> columns,
    List<String> primaryKey,
    WriteStrategy strategy,
    JsonNode jsonSchema) {

  public StreamPlan {
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
  }
}
