package airbytemcp.declarative;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The shared Airbyte data tests read: real manifests and the component schema (skipped off CI when absent). */
final class SharedManifests {
  private SharedManifests() {}

  static Path airbyteDir() {
    Path dir = Path.of(System.getProperty("airbytemcp.projectRoot", ".")).resolve("../shared/airbyte").normalize();
    if (!Files.isDirectory(dir.resolve("manifests"))) {
      if ("true".equals(System.getenv("CI"))) {
        fail("Shared Airbyte data missing at " + dir);
      }
      assumeTrue(false, "Shared Airbyte data missing at " + dir);
    }
    return dir;
  }

  static Path manifest(String connector) {
    return airbyteDir().resolve("manifests").resolve(connector + ".manifest.yaml");
  }

  private static ComponentSchema schema;

  static synchronized ComponentSchema schema() {
    if (schema == null) {
      schema = ComponentSchema.fromFile(airbyteDir().resolve("declarative_component_schema.yaml"));
    }
    return schema;
  }

  static ManifestLoader loader() {
    ComponentSchema s = schema();
    return new ManifestLoader(null, () -> Optional.of(s));
  }

  static Manifest load(String connector) {
    return loader().fromPath(manifest(connector));
  }
}
