package airbytemcp.destinations;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/**
 * Reads back what destination-postgres wrote, connecting with the destination's own (hydrated) config on a
 * read-only connection with short timeouts.
 */
final class PostgresReadback {
  private PostgresReadback() {}

  /** The JDBC URL of the database a destination-postgres config writes to; null when the config names no host. */
  static String jdbcUrl(JsonNode config) {
    String host = config.path("host").asText("");
    if (host.isBlank()) {
      return null;
    }
    int port = config.path("port").asInt(5432);
    String database = config.path("database").asText("postgres");
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  static JdbcReadback.Readback read(JsonNode config, String namespace, List<SmokeScenario> scenarios) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", config.path("username").asText(""));
    if (config.hasNonNull("password")) {
      properties.setProperty("password", config.path("password").asText());
    }
    properties.setProperty("connectTimeout", "10");
    properties.setProperty("socketTimeout", "60");
    properties.setProperty("readOnly", "true");
    String sslMode = config.path("ssl_mode").path("mode").asText("");
    if (!sslMode.isBlank()) {
      properties.setProperty("sslmode", sslMode);
    }
    try (Connection c = DriverManager.getConnection(jdbcUrl(config), properties)) {
      return JdbcReadback.read(c, namespace, scenarios);
    }
  }
}
