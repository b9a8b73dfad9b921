package airbytemcp.destinations;

import airbytemcp.cache.DuckDbEngine;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads back what destination-duckdb wrote, from its database file opened read-only with external
 * access off.
 */
final class DuckDbReadback {
  private DuckDbReadback() {}

  /** The database file destination-duckdb writes, when the config names a local one. */
  static Path databaseFile(JsonNode config) {
    String path = config.path("destination_path").asText("");
    return namesLocalFile(path) ? Path.of(path) : null;
  }

  /** Whether destination-duckdb's destination_path names a file here (not MotherDuck's). */
  static boolean namesLocalFile(String path) {
    return !path.isBlank() && !path.startsWith("md:") && !path.startsWith("motherduck:");
  }

  static JdbcReadback.Readback read(Path database, String namespace, List<SmokeScenario> scenarios)
      throws SQLException {
    if (!Files.isRegularFile(database)) {
      Map<String, String> notFound = new LinkedHashMap<>();
      scenarios.forEach(
          s -> notFound.put(s.name(), "the database file " + database + " does not exist"));
      return new JdbcReadback.Readback(new LinkedHashMap<>(), notFound);
    }
    Properties config = new Properties();
    config.setProperty("duckdb.read_only", "true");
    config.setProperty("enable_external_access", "false");
    try (Connection c = DuckDbEngine.connect("jdbc:duckdb:" + database, config)) {
      return JdbcReadback.read(c, namespace, scenarios);
    }
  }
}
