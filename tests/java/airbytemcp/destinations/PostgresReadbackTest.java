package airbytemcp.destinations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.network.EgressRules;
import airbytemcp.testing.Prerequisites;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The smoke test against a real Postgres (the one {@code .ci/run} starts; PGHOST, PGPORT, PGUSER, PGPASSWORD
 * choose it): a destination that writes like destination-postgres, then the read-back of its tables.
 */
class PostgresReadbackTest {
  private final ObjectNode config = Json.object()
      .put("host", env("PGHOST", "localhost"))
      .put("port", Integer.parseInt(env("PGPORT", "5432")))
      .put("database", env("PGDATABASE", "postgres"))
      .put("username", env("PGUSER", "postgres"))
      .put("password", env("PGPASSWORD", ""))
      .put("schema", "public");
  private final String namespace = "zz_deleteme_readback_" + Long.toHexString(System.nanoTime());

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  /** The fake's own host: the read-back may only reach a loopback or private Postgres the user lists. */
  private final EgressRules egress = EgressRules.parse(config.path("host").asText());

  private String url() {
    return "jdbc:postgresql://" + config.path("host").asText() + ":" + config.path("port").asInt() + "/"
        + config.path("database").asText();
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(url(), config.path("username").asText(), config.path("password").asText());
  }

  private boolean reachable;

  @BeforeEach
  void requirePostgres() {
    try (Connection c = connect()) {
      reachable = c.isValid(5);
    } catch (SQLException e) {
      reachable = false;
    }
    Prerequisites.require(reachable, "A Postgres server at " + url() + " (PGHOST/PGUSER/PGPASSWORD)");
  }

  @AfterEach
  void dropNamespace() throws SQLException {
    if (!reachable) {
      return; // the test was skipped: there is nothing to clean up
    }
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS \"" + namespace + "\" CASCADE");
    }
  }

  @Test
  void readsBackWhatAPostgresDestinationWrote() {
    List<SmokeScenario> scenarios = SmokeScenarios.select(
        List.of("basic_types", "CamelCaseStreamName", "empty_stream", "null_handling"), List.of());
    DuckDbLikeDestination destination =
        new DuckDbLikeDestination("destination-postgres", null, "null_handling", c -> connect());
    SmokeTestResult result = new SmokeTestRunner(Clock.fixed(Instant.parse("2026-11-26T09:05:00Z"), ZoneOffset.UTC), egress)
        .run(destination, new SmokeTestRunner.Request("destination-postgres", config, scenarios, "basic_types",
            namespace, true), step -> { });
    assertTrue(result.success(), result.error());
    assertEquals(3, result.tableStatistics().get("basic_types").rowCount());
    assertEquals(0, result.tableStatistics().get("empty_stream").rowCount());
    assertEquals("camelcasestreamname", result.tableStatistics().get("CamelCaseStreamName").tableName());
    assertTrue(result.tableStatistics().get("basic_types").columns().containsKey("_airbyte_raw_id"));
    assertEquals("character varying", result.tableStatistics().get("basic_types").columns().get("_airbyte_raw_id"));
    assertEquals(Map.of("null_handling", "no table for it in schema " + namespace), result.tablesNotFound(),
        "a stream the destination lost is reported");
  }

  @Test
  void anUnreachablePostgresIsAWarningNotAFailedWrite() {
    ObjectNode wrong = config.deepCopy().put("password", "not-the-password");
    DuckDbLikeDestination destination =
        new DuckDbLikeDestination("destination-postgres", null, null, c -> connect());
    SmokeTestResult result = new SmokeTestRunner(Clock.systemUTC(), egress).run(destination, new SmokeTestRunner.Request(
        "destination-postgres", wrong, SmokeScenarios.select(List.of("basic_types"), List.of()), "basic_types",
        namespace, true), step -> { });
    assertTrue(result.success(), "the write itself worked");
    assertEquals("Reading the tables back from Postgres failed: authentication failed (check username and password).",
        result.warnings().get(0), "the failure is reported by kind, not in the server's words");
    assertTrue(result.warnings().stream().noneMatch(w -> w.contains("not-the-password")));
  }
}
