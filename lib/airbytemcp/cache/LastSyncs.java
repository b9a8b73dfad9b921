package airbytemcp.cache;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How each stream's last sync ended, kept beside PyAirbyte's tables. A sync makes its stream tables
 * before it reads, so one that a client gave up on, that failed or whose server was killed leaves a
 * table that reads like an empty (or short) source; list_cached_streams says how the sync ended.
 */
public final class LastSyncs {
  private static final Logger LOG = LoggerFactory.getLogger(LastSyncs.class);

  static final String TABLE = "_airbyte_mcp_syncs";

  static final String RUNNING = "running";
  static final String COMPLETED = "completed";
  static final String FAILED = "failed";
  static final String CANCELLED = "cancelled";

  /** A sync marked running that no sync of this server is running: its process ended in it. */
  static final String INTERRUPTED = "interrupted";

  /** The last sync of one stream: its status, the records it read, when it ended (UTC, or null). */
  public record LastSync(String status, long recordsRead, String endedAt) {}

  private LastSyncs() {}

  static void ensureTable(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS main."
              + TABLE
              + " (stream_name VARCHAR PRIMARY KEY, source_name VARCHAR, status VARCHAR, "
              + "records_read BIGINT, started_at TIMESTAMP WITH TIME ZONE, "
              + "ended_at TIMESTAMP WITH TIME ZONE)");
    }
  }

  /** Marks the streams' syncs running (committed at once, so a killed process leaves the mark). */
  static void started(Connection connection, String source, List<String> streams)
      throws SQLException {
    try (PreparedStatement upsert =
        connection.prepareStatement(
            "INSERT OR REPLACE INTO main."
                + TABLE
                + " VALUES (?, ?, '"
                + RUNNING
                + "', 0, now(), NULL)")) {
      for (String stream : streams) {
        upsert.setString(1, stream);
        upsert.setString(2, source);
        upsert.executeUpdate();
      }
    }
  }

  /**
   * Records how the streams' syncs ended. Never throws: the sync's own outcome (and its failure)
   * stands whether or not this is stored.
   *
   * @param recordsRead by stream name
   */
  static void ended(Connection connection, Map<String, Long> recordsRead, String status) {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE main."
                + TABLE
                + " SET status = ?, records_read = ?, ended_at = now() WHERE stream_name = ?")) {
      for (Map.Entry<String, Long> stream : recordsRead.entrySet()) {
        update.setString(1, status);
        update.setLong(2, stream.getValue());
        update.setString(3, stream.getKey());
        update.executeUpdate();
      }
    } catch (SQLException e) {
      LOG.warn("Could not record how the sync ended: {}", e.getMessage());
    }
  }

  /**
   * The last sync of each stream that has one, by stream name.
   *
   * @param syncRunning whether a sync of this server is running now
   */
  static Map<String, LastSync> read(Connection connection, boolean syncRunning)
      throws SQLException {
    Map<String, LastSync> out = new LinkedHashMap<>();
    if (CacheTables.columns(connection, TABLE).isEmpty()) {
      return out;
    }
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT stream_name, status, records_read, "
                    + "strftime(ended_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') FROM main."
                    + TABLE)) {
      while (rs.next()) {
        String status = rs.getString(2);
        if (RUNNING.equals(status) && !syncRunning) {
          status = INTERRUPTED;
        }
        out.put(rs.getString(1), new LastSync(status, rs.getLong(3), rs.getString(4)));
      }
    }
    return out;
  }
}
