package airbytemcp.cache;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs one guarded statement in a read-only transaction on its own connection and returns at most N rows. */
final class ReadOnlyQuery {
  private ReadOnlyQuery() {}

  static List<Map<String, Object>> run(Connection connection, String sql, int maxRecords) throws SQLException {
    String statement = SqlGuard.check(sql, connection);
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Statement control = connection.createStatement()) {
      control.execute("BEGIN TRANSACTION READ ONLY");
      try (Statement query = connection.createStatement()) {
        if (query.execute(statement)) {
          try (ResultSet rs = query.getResultSet()) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rows.size() < maxRecords && rs.next()) {
              Map<String, Object> row = new LinkedHashMap<>();
              for (int i = 1; i <= meta.getColumnCount(); i++) {
                row.put(meta.getColumnLabel(i), JsonValues.of(rs.getObject(i)));
              }
              rows.add(row);
            }
          }
        }
      } catch (SQLException e) {
        throw refusalOrFailure(e);
      } finally {
        control.execute("ROLLBACK");
      }
    }
    return rows;
  }

  /** DuckDB's own walls say why in their messages; those become refusals, anything else a failed query. */
  private static CacheError refusalOrFailure(SQLException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (message.contains("disabled by configuration") || message.contains("Permission Error")) {
      return new SqlGuard.SqlRefused("The query was refused because it reaches outside the cache (files or "
          + "network), which this server disables.");
    }
    if (message.contains("read-only mode")) {
      return new SqlGuard.SqlRefused("The query was refused because it writes to the cache.");
    }
    if (message.contains("configuration has been locked")) {
      return new SqlGuard.SqlRefused("The query was refused because it changes settings.");
    }
    return new CacheError("The query failed: " + message.strip(),
        "SHOW TABLES lists the tables and DESCRIBE <table> their columns; the dialect is DuckDB's.", e);
  }
}
