package airbytemcp.destinations;

import airbytemcp.cache.TableNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Table statistics of a smoke test's namespace over any SQL database with an {@code
 * information_schema}: for each scenario stream, its table (matched by normalised name), row count
 * and columns with their types.
 */
final class JdbcReadback {
  /** Statistics per stream, and the streams whose table was not found with the reason. */
  record Readback(Map<String, TableStatistics> statistics, Map<String, String> notFound) {}

  private JdbcReadback() {}

  static Readback read(Connection c, String namespace, List<SmokeScenario> scenarios)
      throws SQLException {
    Map<String, TableStatistics> statistics = new LinkedHashMap<>();
    Map<String, String> notFound = new LinkedHashMap<>();
    Map<String, String> tables = new LinkedHashMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT table_name FROM information_schema.tables WHERE lower(table_schema) = lower(?)")) {
      s.setString(1, namespace);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          tables.putIfAbsent(TableNames.normalize(rs.getString(1)), rs.getString(1));
        }
      }
    }
    for (SmokeScenario scenario : scenarios) {
      String table = tables.get(TableNames.normalize(scenario.name()));
      if (table == null) {
        notFound.put(scenario.name(), "no table for it in schema " + namespace);
      } else {
        statistics.put(scenario.name(), statisticsOf(c, namespace, table));
      }
    }
    return new Readback(statistics, notFound);
  }

  private static TableStatistics statisticsOf(Connection c, String namespace, String table)
      throws SQLException {
    Map<String, String> columns = new LinkedHashMap<>();
    String schema = namespace;
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT column_name, data_type, table_schema FROM "
                + "information_schema.columns WHERE lower(table_schema) = lower(?) AND table_name = ? ORDER BY ordinal_position")) {
      s.setString(1, namespace);
      s.setString(2, table);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          columns.put(rs.getString(1), rs.getString(2));
          schema = rs.getString(3);
        }
      }
    }
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM "
                    + TableNames.quote(schema)
                    + "."
                    + TableNames.quote(table))) {
      rs.next();
      return new TableStatistics(table, rs.getLong(1), columns);
    }
  }
}
