package airbytemcp.declarative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every real manifest without a components.py loads with nothing reported unsupported. */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ManifestCorpusCoverageTest {
  @Test
  void everyManifestWithoutCustomComponentsIsOk() {
    Map<String, Boolean> index = ManifestCorpus.hasComponents();
    List<ManifestCoverage.Verdict> verdicts =
        ManifestCoverage.check(ManifestCorpus.dir(), SharedManifests.loader());
    assertEquals(index.size(), verdicts.size(), "one verdict per INDEX.csv row");
    List<String> wrong =
        verdicts.stream()
            .filter(
                v ->
                    !v.ok()
                        && !index.getOrDefault(v.manifest().replace(".manifest.yaml", ""), true))
            .map(v -> v.status() + " " + v.manifest() + " (" + v.detail() + ")")
            .toList();
    assertTrue(
        wrong.isEmpty(),
        wrong.size() + " manifests without components.py are not ok:\n" + String.join("\n", wrong));
  }
}
