package airbytemcp.destinations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.network.EgressRules;
import airbytemcp.testing.DockerRequired;
import airbytemcp.testing.TestPostgres;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The smoke test against a real Postgres, started by Testcontainers (the image: {@link
 * TestPostgres}): a destination that writes like destination-postgres, then the read-back of its
 * tables.
 */
@ExtendWith(DockerRequired.class)
@Testcontainers
class PostgresReadbackTest {
  @Container static final PostgreSQLContainer POSTGRES = TestPostgres.container();

  private final ObjectNode config =
      Json.object()
          .put("host", POSTGRES.getHost())
          .put("port", POSTGRES.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT))
          .put("database", POSTGRES.getDatabaseName())
          .put("username", POSTGRES.getUsername())
          .put("password", POSTGRES.getPassword())
          .put("schema", "public");
  private final String namespace = "zz_deleteme_readback_" + Long.toHexString(System.nanoTime());

  /**
   * The container's own host: the read-back may only reach a loopback or private Postgres the user
   * lists.
   */
  private final EgressRules egress = EgressRules.parse(config.path("host").asText());

  private String url() {
    return "jdbc:postgresql://"
        + config.path("host").asText()
        + ":"
        + config.path("port").asInt()
        + "/"
        + config.path("database").asText();
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(
        url(), config.path("username").asText(), config.path("password").asText());
  }

  @AfterEach
  void dropNamespace() throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS \"" + namespace + "\" CASCADE");
    }
  }

  @Test
  void readsBackWhatAPostgresDestinationWrote() {
    List<SmokeScenario> scenarios =
        SmokeScenarios.select(
            List.of("basic_types", "CamelCaseStreamName", "empty_stream", "null_handling"),
            List.of());
    DuckDbLikeDestination destination =
        new DuckDbLikeDestination("destination-postgres", null, "null_handling", c -> connect());
    SmokeTestResult result =
        new SmokeTestRunner(
                Clock.fixed(Instant.parse("2026-11-26T09:05:00Z"), ZoneOffset.UTC), egress)
            .run(
                destination,
                new SmokeTestRunner.Request(
                    "destination-postgres", config, scenarios, "basic_types", namespace, true),
                step -> {});
    assertTrue(result.success(), result.error());
    assertEquals(3, result.tableStatistics().get("basic_types").rowCount());
    assertEquals(0, result.tableStatistics().get("empty_stream").rowCount());
    assertEquals(
        "camelcasestreamname", result.tableStatistics().get("CamelCaseStreamName").tableName());
    assertTrue(
        result.tableStatistics().get("basic_types").columns().containsKey("_airbyte_raw_id"));
    assertEquals(
        "character varying",
        result.tableStatistics().get("basic_types").columns().get("_airbyte_raw_id"));
    assertEquals(
        Map.of("null_handling", "no table for it in schema " + namespace),
        result.tablesNotFound(),
        "a stream the destination lost is reported");
  }

  @Test
  void anUnreachablePostgresIsAWarningNotAFailedWrite() {
    ObjectNode wrong = config.deepCopy().put("password", "not-the-password");
    DuckDbLikeDestination destination =
        new DuckDbLikeDestination("destination-postgres", null, null, c -> connect());
    SmokeTestResult result =
        new SmokeTestRunner(Clock.systemUTC(), egress)
            .run(
                destination,
                new SmokeTestRunner.Request(
                    "destination-postgres",
                    wrong,
                    SmokeScenarios.select(List.of("basic_types"), List.of()),
                    "basic_types",
                    namespace,
                    true),
                step -> {});
    assertTrue(result.success(), "the write itself worked");
    assertEquals(
        "Reading the tables back from Postgres failed: authentication failed (check username and password).",
        result.warnings().get(0),
        "the failure is reported by kind, not in the server's words");
    assertTrue(
        result.warnings().stream().noneMatch(w -> w.contains("not-the-password")),
        "a warning shows the password: " + result.warnings());
  }
}
