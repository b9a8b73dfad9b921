package airbytemcp.declarative;

import airbytemcp.testing.SharedData;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The shared Airbyte data tests read: real manifests and the component schema (skipped off CI when
 * absent).
 */
final class SharedManifests {
  private SharedManifests() {}

  static Path airbyteDir() {
    return SharedData.airbyte("manifests").getParent();
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
