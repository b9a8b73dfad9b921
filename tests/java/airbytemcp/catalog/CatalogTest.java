package airbytemcp.catalog;

import static java.util.stream.Collectors.toList;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import airbytemcp.common.Json;
import airbytemcp.declarative.ComponentSchemas;
import airbytemcp.declarative.ManifestCoverage;
import airbytemcp.declarative.ManifestLoader;
import airbytemcp.declarative.ManifestReads;
import airbytemcp.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The table of declarative connectors verified on the JVM runtime stays true to the manifests and
 * the tests.
 */
class CatalogTest {
  private record Row(String connector, String version, String test) {}

  private static List<Row> verified() throws Exception {
    return Files.readAllLines(SharedData.projectRoot().resolve("catalog/declarative-verified.csv"))
        .stream()
        .skip(1)
        .filter(l -> !l.isBlank())
        .map(l -> l.split(","))
        .filter(
            c ->
                c[2].startsWith(
                    "airbytemcp.")) // rows verified by `make corpus-read`: CorpusReadCatalogTest
        .map(c -> new Row(c[0], c[1], c[2]))
        .toList();
  }

  @Test
  void everyVerifiedManifestLoadsValidatesAndIsTheVersionListed() throws Exception {
    Path manifests = SharedData.airbyte("manifests");
    ManifestLoader loader =
        new ManifestLoader(
            null,
            ComponentSchemas.from(
                SharedData.airbyte("declarative_component_schema.yaml").toString(), null));
    Map<String, String> verdicts =
        ManifestCoverage.check(manifests, loader).stream()
            .collect(Collectors.toMap(v -> v.manifest(), v -> v.status()));
    List<Row> rows = verified();
    assertFalse(rows.isEmpty(), "catalog/declarative-verified.csv lists no connector");
    for (Row row : rows) {
      String verdict =
          verdicts.entrySet().stream()
              .filter(e -> e.getKey().contains(row.connector()))
              .map(Map.Entry::getValue)
              .findFirst()
              .orElse("missing");
      assertEquals("ok", verdict, row.connector());
      String tag =
          Json.YAML
              .readTree(manifests.resolve(row.connector() + ".metadata.yaml").toFile())
              .path("data")
              .path("dockerImageTag")
              .asText();
      assertEquals(row.version(), tag, row.connector() + " manifest version");
    }
  }

  /**
   * Runs each named test class and checks that it passed and that, while it ran, the connector of
   * that manifest completed reads that emitted records.
   */
  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES) // runs the named test classes
  void everyVerifiedConnectorIsReadByThePassingTestNamedForIt() throws Exception {
    SharedData.airbyte("manifests"); // the named tests read them: skip here, with the reason, too
    Map<String, List<Row>> byTest =
        verified().stream().collect(Collectors.groupingBy(Row::test, TreeMap::new, toList()));
    for (Map.Entry<String, List<Row>> entry : byTest.entrySet()) {
      ManifestReads.clear();
      Events tests =
          EngineTestKit.engine("junit-jupiter")
              .selectors(selectClass(Class.forName(entry.getKey())))
              .execute()
              .testEvents();
      assertEquals(
          0,
          tests.failed().count() + tests.aborted().count(),
          entry.getKey() + " did not pass: " + tests.failed().list() + tests.aborted().list());
      assertTrue(tests.succeeded().count() > 0, entry.getKey() + " ran no test");
      for (Row row : entry.getValue()) {
        assertTrue(
            ManifestReads.records(row.connector()) > 0,
            entry.getKey() + " passed without reading a record through " + row.connector());
      }
    }
  }
}
