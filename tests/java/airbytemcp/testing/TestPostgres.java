package airbytemcp.testing;

import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The Postgres the tests run in a container. The image is {@code postgres:16} where a registry is
 * reachable; an offline machine names a locally built stand-in with AIRBYTE_MCP_TEST_POSTGRES_IMAGE
 * (or the system property airbytemcp.test.postgresImage), such as the one {@code
 * .ci/postgres-image} builds from Debian packages.
 */
public final class TestPostgres {
  public static final String USUAL_IMAGE = "postgres:16";

  private TestPostgres() {}

  public static String image() {
    return TestContainers.image(
        "airbytemcp.test.postgresImage", "AIRBYTE_MCP_TEST_POSTGRES_IMAGE", USUAL_IMAGE);
  }

  /** Not started: {@code @Container} starts it once Docker and the image are known to be there. */
  public static PostgreSQLContainer container() {
    return TestContainers.labelled(
        image(),
        name ->
            new PostgreSQLContainer(name.asCompatibleSubstituteFor("postgres"))
                .withDatabaseName("airbyte_mcp_test")
                .withUsername("airbyte_mcp")
                .withPassword("pg-test-password-7Qx"));
  }
}
