package airbytemcp.declarative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestCoverageTest {
  @Test
  void theSharedManifestsAreThirteenOfFourteenOkAndTheGuardianNeedsCustomComponents() {
    List<ManifestCoverage.Verdict> verdicts =
        ManifestCoverage.check(
            SharedManifests.airbyteDir().resolve("manifests"), SharedManifests.loader());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code =
        ManifestCoverage.print(verdicts, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(printed.strip().endsWith("manifests ok: 13/14"), printed);
    assertTrue(
        printed.contains("custom-components  source-the-guardian-api.manifest.yaml"), printed);
    assertEquals(1, code);
  }

  @Test
  void unsupportedComponentsAreNamed(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("x.manifest.yaml"),
        TestManifests.source(
            "s",
            "",
            """
          - type: DeclarativeStream
            name: s
            retriever: {type: SimpleRetriever, partition_router: {type: TomorrowsPartitionRouter}}
        """));
    List<ManifestCoverage.Verdict> verdicts =
        ManifestCoverage.check(dir, new ManifestLoader(null, Optional::empty));
    // every type of today's schema runs, so a newer CDK's type stands in for one this runtime lacks
    assertEquals("unsupported", verdicts.get(0).status(), "a component type the runtime lacks");
    assertEquals("TomorrowsPartitionRouter", verdicts.get(0).detail(), "the type is named");
  }
}
