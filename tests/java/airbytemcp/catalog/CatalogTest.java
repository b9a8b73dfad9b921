package airbytemcp.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.declarative.ComponentSchemas;
import airbytemcp.declarative.ManifestCoverage;
import airbytemcp.declarative.ManifestLoader;
import airbytemcp.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

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
    assertEquals(13, rows.size());
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

  @Test
  void everyVerifiedConnectorIsReadByTheTestNamedForIt() throws Exception {
    for (Row row : verified()) {
      Class.forName(row.test());
      Path source =
          SharedData.projectRoot().resolve("tests/java/" + row.test().replace('.', '/') + ".java");
      assertTrue(
          Files.readString(source).contains(row.connector()),
          row.test() + " reads " + row.connector());
    }
  }
}
