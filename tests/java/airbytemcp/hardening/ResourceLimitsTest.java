package airbytemcp.hardening;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.declarative.DeclarativeError;
import airbytemcp.declarative.Interpolator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests that would exhaust the server's memory get a clear answer within seconds, and the server
 * (heap {@value SmallHeapServer#HEAP}) answers the next request.
 */
@Timeout(120)
class ResourceLimitsTest {
  @TempDir Path dir;

  /**
   * Generous for a loaded 2-core machine: a connector run starts a JVM-less shell, the server is
   * already warm.
   */
  private static final Duration SECONDS = Duration.ofSeconds(60);

  private static void assertErrorSaying(JsonNode answer, String expected, String what) {
    assertTrue(SmallHeapServer.isError(answer), what + " should be an error result: " + answer);
    assertTrue(
        SmallHeapServer.text(answer).contains(expected),
        what + " should say '" + expected + "': " + SmallHeapServer.text(answer));
  }

  /**
   * validate_connector_config reports a failing connector as {@code valid: false} with the message.
   */
  private static void assertInvalidSaying(JsonNode answer, String expected, String what) {
    JsonNode structured = answer.path("result").path("structuredContent");
    assertFalse(
        structured.path("valid").asBoolean(true), what + " should be reported invalid: " + answer);
    assertTrue(
        structured.path("message").asText("").contains(expected),
        what + " should say '" + expected + "': " + structured);
  }

  private static void assertStillAnswers(SmallHeapServer server) {
    JsonNode next =
        server.await(
            server.callTool("run_sql_query", Json.object().put("sql_query", "SELECT 7 AS n")),
            SECONDS);
    assertFalse(SmallHeapServer.isError(next), "the server should answer the next query: " + next);
  }

  @Test
  void sqlResultsBeyondTheByteBudgetGetAnErrorWithinSecondsAndTheServerGoesOn() {
    CancellationTest.createEmptyCache(dir);
    try (SmallHeapServer server = SmallHeapServer.start(dir, "none")) {
      assertErrorSaying(
          server.await(
              server.callTool(
                  "run_sql_query",
                  Json.object()
                      .put("sql_query", "SELECT repeat('x', 1000000) AS s FROM range(1000)")),
              SECONDS),
          "larger than 16 MB",
          "a 1 GB result");
      // one value larger than the whole heap: counted in DuckDB before Java would have to hold it
      assertErrorSaying(
          server.await(
              server.callTool(
                  "run_sql_query",
                  Json.object().put("sql_query", "SELECT repeat('x', 200000000) AS s")),
              SECONDS),
          "larger than 16 MB",
          "a 200 MB value");
      assertStillAnswers(server);
    }
  }

  @Test
  void aConnectorLineLongerThanTheLimitFailsTheConnectorOnStdout() {
    try (SmallHeapServer server = SmallHeapServer.start(dir, "long-stdout")) {
      assertInvalidSaying(
          server.await(
              server.callTool(
                  "validate_connector_config",
                  Json.object()
                      .put("connector_name", "source-hostile")
                      .set("config", Json.object())),
              SECONDS),
          "longer than 20 MB on its stdout",
          "a 40 MB stdout line");
    }
  }

  @Test
  void aConnectorLineLongerThanTheLimitFailsTheConnectorOnStderr() {
    try (SmallHeapServer server = SmallHeapServer.start(dir, "long-stderr")) {
      assertInvalidSaying(
          server.await(
              server.callTool(
                  "validate_connector_config",
                  Json.object()
                      .put("connector_name", "source-hostile")
                      .set("config", Json.object())),
              SECONDS),
          "longer than 20 MB on its stderr",
          "a 40 MB stderr line");
    }
  }

  @Test
  void aHugeConfigFileIsRefusedWithoutBeingRead() throws Exception {
    Path sparse = dir.resolve("huge-config.json");
    try (RandomAccessFile file = new RandomAccessFile(sparse.toFile(), "rw")) {
      file.setLength(20L * 1024 * 1024 * 1024); // 20 GB, sparse: no disk used
    }
    try (SmallHeapServer server = SmallHeapServer.start(dir, "none")) {
      assertInvalidSaying(
          server.await(
              server.callTool(
                  "validate_connector_config",
                  Json.object()
                      .put("connector_name", "source-hostile")
                      .put("config_file", sparse.toString())),
              SECONDS),
          "not a regular file of at most",
          "a 20 GB config file");
    }
  }

  @Test
  void templatesThatWouldProduceGigabytesFailQuickly() {
    Interpolator jinja = Interpolator.shared();
    assertThrows(
        DeclarativeError.class,
        () -> jinja.render("{{ 'a'.zfill(2000000000) }}", Map.of()),
        "zfill to 2 G characters");
    assertThrows(
        DeclarativeError.class,
        () ->
            jinja.render(
                "{% for i in range(100000) %}{% for j in range(100000) %}xxxxxxxxxx{% endfor %}{% endfor %}",
                Map.of()),
        "nested loops writing 100 G characters");
  }
}
