package airbytemcp.destinations;

import airbytemcp.cache.TableNames;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads back what destination-duckdb wrote: for each scenario stream, the table in the test namespace (matched by
 * normalised name), its row count and columns. The file is opened read-only with external access disabled.
 */
final class DuckDbReadback {
  /** Statistics per stream, and the streams whose table was not found with the reason. */
  record Readback(Map<String, TableStatistics> statistics, Map<String, String> notFound) {}

  private DuckDbReadback() {}

  /** The database file destination-duckdb writes, when the config names a local one. */
  static Path databaseFile(JsonNode config) {
    String path = config.path("destination_path").asText("");
    if (path.isBlank() || path.startsWith("md:") || path.startsWith("motherduck:")) {
      return null;
    }
    return Path.of(path);
  }

  static Readback read(Path database, String namespace, List<SmokeScenario> scenarios) throws SQLException {
    Map<String, TableStatistics> statistics = new LinkedHashMap<>();
    Map<String, String> notFound = new LinkedHashMap<>();
    if (!Files.isRegularFile(database)) {
      scenarios.forEach(s -> notFound.put(s.name(), "the database file " + database + " does not exist"));
      return new Readback(statistics, notFound);
    }
    Properties config = new Properties();
    config.setProperty("duckdb.read_only", "true");
    config.setProperty("enable_external_access", "false");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database, config)) {
      Map<String, String> tables = new LinkedHashMap<>();
      try (PreparedStatement s = c.prepareStatement(
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
    }
    return new Readback(statistics, notFound);
  }

  private static TableStatistics statisticsOf(Connection c, String namespace, String table) throws SQLException {
    Map<String, String> columns = new LinkedHashMap<>();
    try (PreparedStatement s = c.prepareStatement("SELECT column_name, data_type FROM information_schema.columns "
        + "WHERE lower(table_schema) = lower(?) AND table_name = ? ORDER BY ordinal_position")) {
      s.setString(1, namespace);
      s.setString(2, table);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          columns.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + TableNames.quote(namespace) + "."
            + TableNames.quote(table))) {
      rs.next();
      return new TableStatistics(table, rs.getLong(1), columns);
    }
  }
}
