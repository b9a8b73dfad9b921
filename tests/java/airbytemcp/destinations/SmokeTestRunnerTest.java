package airbytemcp.destinations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.protocol.MessageSink;
import airbytemcp.testing.InProcessConnector;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeTestRunnerTest {
  @TempDir Path dir;
  private final SmokeTestRunner runner =
      new SmokeTestRunner(Clock.fixed(Instant.parse("2026-11-26T09:05:00Z"), ZoneOffset.UTC));

  private SmokeTestResult run(
      DuckDbLikeDestination destination, List<SmokeScenario> scenarios, boolean skip) {
    return runner.run(
        destination,
        new SmokeTestRunner.Request(
            "destination-duckdb",
            Json.object().put("destination_path", dir.resolve("dest.duckdb").toString()),
            scenarios,
            "fast",
            "zz_deleteme_20261126_0905_smoke_test",
            skip),
        step -> {});
  }

  @Test
  void namesTheNamespaceAfterTheTimeAndSuffix() {
    assertEquals("zz_deleteme_20261126_0905_smoke_test", runner.newNamespace(null));
    assertEquals("zz_deleteme_20261126_0905_run2", runner.newNamespace("run2"));
  }

  @Test
  void deliversEveryFastScenarioAndReadsTheDuckDbTablesBack() {
    List<SmokeScenario> fast = SmokeScenarios.select(List.of(), List.of());
    DuckDbLikeDestination destination = new DuckDbLikeDestination(null);
    SmokeTestResult result = run(destination, fast, false);
    assertTrue(result.success(), result.error());
    assertEquals(Boolean.TRUE, result.preflightPassed());
    long expected = fast.stream().mapToLong(SmokeScenario::recordCount).sum();
    assertEquals(expected, result.recordsDelivered());
    assertEquals(fast.size(), result.tableStatistics().size());
    assertEquals(3, result.tableStatistics().get("basic_types").rowCount());
    assertEquals(0, result.tableStatistics().get("empty_stream").rowCount());
    assertEquals(51, result.tableStatistics().get("wide_table_50_columns").columns().size());
    assertEquals(
        "camelcasestreamname", result.tableStatistics().get("CamelCaseStreamName").tableName());
    assertEquals(Map.of(), result.tablesNotFound());
    assertEquals(
        fast.size() + 1,
        destination.statesEchoed.size(),
        "one state per stream plus the preflight's");
  }

  @Test
  void aFailingPreflightStopsBeforeTheOtherScenarios() {
    DuckDbLikeDestination destination = new DuckDbLikeDestination("basic_types");
    SmokeTestResult result =
        run(destination, SmokeScenarios.select(List.of("null_handling"), List.of()), false);
    assertFalse(result.success());
    assertEquals(Boolean.FALSE, result.preflightPassed());
    assertTrue(result.error().startsWith("Preflight (basic_types) failed: "), result.error());
    assertTrue(destination.statesEchoed.isEmpty());
  }

  @Test
  void aScenarioTheDestinationRefusesFailsTheTestWithItsMessage() {
    SmokeTestResult result =
        run(
            new DuckDbLikeDestination("sparse_records"),
            SmokeScenarios.select(List.of("sparse_records"), List.of()),
            true);
    assertFalse(result.success());
    assertNull(result.preflightPassed());
    assertTrue(result.error().contains("cannot store stream sparse_records"), result.error());
    assertEquals(0, result.recordsDelivered());
    assertNull(result.tableStatistics());
  }

  @Test
  void aTableMissingFromTheDestinationIsReportedNotFound() {
    SmokeTestResult result =
        run(
            new DuckDbLikeDestination(null, "sparse_records"),
            SmokeScenarios.select(List.of("basic_types", "sparse_records"), List.of()),
            true);
    assertTrue(result.success(), result.error());
    assertEquals(3, result.tableStatistics().get("basic_types").rowCount());
    assertEquals(List.of("sparse_records"), List.copyOf(result.tablesNotFound().keySet()));
  }

  /**
   * Each record is generated only when the destination takes the line before it: the destination
   * sees the first record while the source has made at most a few, never the whole batch.
   */
  @Test
  void theDestinationConsumesEachRecordBeforeTheNextIsGenerated() {
    int batch = 50_000;
    AtomicLong generated = new AtomicLong();
    SmokeScenario counted =
        new SmokeScenario(
            "counted_stream",
            SmokeScenario.object(
                "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"}}}"),
            List.of("id"),
            () ->
                IntStream.rangeClosed(1, batch)
                    .mapToObj(
                        i -> {
                          generated.incrementAndGet();
                          return Json.object().put("id", i);
                        }),
            true);
    long[] consumed = {0};
    long[] aheadAtMost = {0};
    InProcessConnector destination =
        new InProcessConnector("destination-counting") {
          @Override
          public void write(
              JsonNode config, JsonNode catalog, Iterable<String> input, MessageSink sink) {
            generated.set(0);
            for (String line : input) {
              if (line.contains("\"type\":\"RECORD\"")) {
                consumed[0]++;
                aheadAtMost[0] = Math.max(aheadAtMost[0], generated.get() - consumed[0]);
              }
            }
          }
        };
    SmokeTestResult result =
        runner.run(
            destination,
            new SmokeTestRunner.Request(
                "destination-counting",
                Json.object(),
                List.of(counted),
                "counted_stream",
                "ns",
                true),
            step -> {});
    assertTrue(result.success(), result.error());
    assertEquals(batch, consumed[0], "the destination did not get every record");
    assertTrue(
        aheadAtMost[0] <= 1,
        "the source ran up to "
            + aheadAtMost[0]
            + " records ahead of the destination: the batch was"
            + " built before it was sent");
  }

  @Test
  void deliversEveryRowOfTheLargeBatch() {
    SmokeScenario large = SmokeScenarios.select(List.of("large_batch_stream"), List.of()).get(0);
    SmokeTestResult result = run(new DuckDbLikeDestination(null), List.of(large), true);
    assertTrue(result.success(), result.error());
    assertEquals(10_000, result.tableStatistics().get("large_batch_stream").rowCount());
  }
}
