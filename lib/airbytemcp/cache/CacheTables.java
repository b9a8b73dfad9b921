package airbytemcp.cache;

import static airbytemcp.cache.TableNames.quote;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables of the cache, laid out like PyAirbyte's: schema {@code main}, one table per stream
 * with its data columns followed by {@code _airbyte_raw_id}, {@code _airbyte_extracted_at} and
 * {@code _airbyte_meta}, and the internal tables {@code _airbyte_streams} (which source wrote which
 * stream, with its JSON schema) and {@code _airbyte_state} (the last committed state per stream).
 */
public final class CacheTables {
  public static final String SCHEMA = "main";
  public static final String STREAMS_TABLE = "_airbyte_streams";
  public static final String STATE_TABLE = "_airbyte_state";
  public static final String RAW_ID = "_airbyte_raw_id";
  public static final String EXTRACTED_AT = "_airbyte_extracted_at";
  public static final String META = "_airbyte_meta";

  private CacheTables() {}

  public static void ensureInternalTables(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS main."
              + STREAMS_TABLE
              + " (stream_name VARCHAR, source_name VARCHAR, "
              + "table_name VARCHAR PRIMARY KEY, catalog_metadata VARCHAR)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS main."
              + STATE_TABLE
              + " (source_name VARCHAR, stream_name VARCHAR, "
              + "table_name VARCHAR PRIMARY KEY, state_json VARCHAR, last_updated TIMESTAMP WITH TIME ZONE)");
    }
  }

  /**
   * The columns of a table in {@code main} with their types, in table order; empty when there is no
   * such table.
   */
  public static Map<String, String> columns(Connection connection, String table)
      throws SQLException {
    Map<String, String> columns = new LinkedHashMap<>();
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'main' "
                + "AND table_name = ? ORDER BY ordinal_position")) {
      s.setString(1, table);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          columns.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return columns;
  }

  /**
   * The full column definitions of a new stream table: data columns, then the three Airbyte
   * columns.
   */
  static String tableDefinition(List<Column> columns) {
    List<String> parts = new ArrayList<>();
    for (Column c : columns) {
      parts.add(quote(c.name()) + " " + c.type().ddl());
    }
    // random text that compresses little: analysing it for compression costs a sync more CPU than
    // its disk space is worth
    parts.add(RAW_ID + " VARCHAR USING COMPRESSION uncompressed");
    parts.add(EXTRACTED_AT + " TIMESTAMP WITH TIME ZONE");
    parts.add(META + " JSON");
    return "(" + String.join(", ", parts) + ")";
  }

  /**
   * Creates the stream's table or adds the columns a newer schema declares (schema evolution never
   * drops or retypes a column). Returns the columns to write, typed as the table stores them.
   */
  static List<Column> ensureStreamTable(Connection connection, StreamPlan plan)
      throws SQLException {
    Map<String, String> existing = columns(connection, plan.tableName());
    try (Statement s = connection.createStatement()) {
      if (existing.isEmpty()) {
        s.execute(
            "CREATE TABLE main." + quote(plan.tableName()) + " " + tableDefinition(plan.columns()));
        return plan.columns();
      }
      List<Column> target = new ArrayList<>();
      for (Column c : plan.columns()) {
        String type = existing.get(c.name());
        if (type == null) {
          s.execute(
              "ALTER TABLE main."
                  + quote(plan.tableName())
                  + " ADD COLUMN "
                  + quote(c.name())
                  + " "
                  + c.type().ddl());
          target.add(c);
        } else {
          target.add(new Column(c.name(), SqlType.fromDuckDb(type)));
        }
      }
      for (String internal : List.of(RAW_ID, EXTRACTED_AT, META)) {
        if (!existing.containsKey(internal)) {
          String type =
              internal.equals(META)
                  ? "JSON"
                  : internal.equals(RAW_ID) ? "VARCHAR" : "TIMESTAMP WITH TIME ZONE";
          s.execute(
              "ALTER TABLE main."
                  + quote(plan.tableName())
                  + " ADD COLUMN "
                  + internal
                  + " "
                  + type);
        }
      }
      return target;
    }
  }

  /**
   * Records that {@code source} wrote the stream, with its JSON schema (replacing an earlier
   * entry). An update in place, not delete-then-insert: while any other transaction is open (a
   * query running during the sync), DuckDB keeps a deleted key in the primary-key index and refuses
   * its re-insert as {@code Duplicate key}.
   */
  static void registerStream(Connection connection, String source, StreamPlan plan)
      throws SQLException {
    JsonNode schema = plan.jsonSchema();
    String metadata = schema == null || schema.isMissingNode() ? "{}" : schema.toString();
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE main."
                + STREAMS_TABLE
                + " SET stream_name = ?, source_name = ?, catalog_metadata = ? "
                + "WHERE table_name = ?")) {
      update.setString(1, plan.streamName());
      update.setString(2, source);
      update.setString(3, metadata);
      update.setString(4, plan.streamName());
      if (update.executeUpdate() > 0) {
        return;
      }
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO main."
                + STREAMS_TABLE
                + " (stream_name, source_name, table_name, catalog_metadata) "
                + "VALUES (?, ?, ?, ?)")) {
      insert.setString(1, plan.streamName());
      insert.setString(2, source);
      insert.setString(3, plan.streamName());
      insert.setString(4, metadata);
      insert.executeUpdate();
    }
  }

  /** One cached stream as {@code _airbyte_streams} lists it, with its physical table. */
  public record CachedStream(String streamName, String sourceName, String tableName) {}

  /** The streams in the cache, by stream name; empty when the cache has no internal tables yet. */
  public static List<CachedStream> cachedStreams(Connection connection) throws SQLException {
    List<CachedStream> streams = new ArrayList<>();
    if (columns(connection, STREAMS_TABLE).isEmpty()) {
      return streams;
    }
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT stream_name, source_name FROM main."
                    + STREAMS_TABLE
                    + " ORDER BY stream_name")) {
      while (rs.next()) {
        streams.add(
            new CachedStream(
                rs.getString(1), rs.getString(2), TableNames.normalize(rs.getString(1))));
      }
    }
    return streams;
  }

  static long rowCount(Connection connection, String table) throws SQLException {
    if (columns(connection, table).isEmpty()) {
      return 0;
    }
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM main." + quote(table))) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
