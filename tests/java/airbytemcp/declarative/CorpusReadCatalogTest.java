package airbytemcp.declarative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * catalog/declarative-verified.csv stays true to {@code make corpus-read}: every row with a result
 * names the corpus manifest's version and reads that many streams end to end today.
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class CorpusReadCatalogTest {
  private record Row(String connector, String version, String verifiedBy, String result) {}

  private static List<Row> rows() throws Exception {
    return Files.readAllLines(SharedData.projectRoot().resolve("catalog/declarative-verified.csv"))
        .stream()
        .skip(1)
        .filter(l -> !l.isBlank())
        .map(l -> l.split(","))
        .map(c -> new Row(c[0], c[1], c[2], c[3]))
        .toList();
  }

  @Test
  void everyCorpusReadRowSaysEveryStreamReadEndToEnd() throws Exception {
    for (Row row : rows()) {
      if (row.verifiedBy().equals("make corpus-read")) {
        String[] counts = row.result().replace(" streams", "").split("/");
        assertEquals(
            counts[1], counts[0], row.connector() + " is listed as verified with failures");
      }
    }
  }

  @Test
  void everyListedResultIsWhatTheCorpusReadMeasuresToday() throws Exception {
    Path corpus = ManifestCorpus.dir();
    ExecutorService pool = Executors.newCachedThreadPool();
    List<String> wrong = new ArrayList<>();
    try {
      for (Row row : rows()) {
        if (row.result().equals("-")) {
          continue; // a hand-verified row not measured by the corpus read
        }
        Path manifest = corpus.resolve(row.connector() + ".manifest.yaml");
        assertTrue(Files.exists(manifest), row.connector() + " is in the shared corpus");
        assertEquals(
            row.version(), CorpusRead.version(manifest), row.connector() + " manifest version");
        CorpusRead.ManifestResult r = CorpusRead.readManifest(manifest, pool);
        String measured = r.ok() + "/" + r.streams().size() + " streams";
        if (!measured.equals(row.result())) {
          wrong.add(CorpusRead.line(r) + " (listed: " + row.result() + ")");
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(List.of(), wrong, "connectors whose corpus read no longer matches the catalog");
  }
}
