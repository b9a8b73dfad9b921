package airbytemcp.declarative;

import airbytemcp.registry.ConnectorFiles;
import airbytemcp.testing.RegistryFake;
import airbytemcp.testing.SharedData;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

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

  /**
   * For tests of the runtime on manifests they write themselves: validates them against Airbyte's
   * component schema where ../shared has it (always in CI), and otherwise loads them unvalidated,
   * as the server does when the schema cannot be had. What the tests check is the runtime's
   * behaviour, which needs no schema; the validation only confirms the test manifests are real
   * ones.
   */
  static ManifestLoader loaderValidatingWhereAvailable() {
    return new ManifestLoader(null, schemaWhereAvailable());
  }

  /**
   * The same, for manifests a test's fake registry serves (see {@link RegistryFake#serveManifest}).
   */
  static ManifestLoader loaderValidatingWhereAvailable(RegistryFake cdn) {
    return new ManifestLoader(new ConnectorFiles(cdn.settings()), schemaWhereAvailable());
  }

  /** The component schema where ../shared has it (always in CI), else none: see above. */
  static Supplier<Optional<ComponentSchema>> schemaWhereAvailable() {
    if (SharedData.airbyteWhereAvailable("declarative_component_schema.yaml").isEmpty()) {
      return Optional::empty;
    }
    ComponentSchema s = schema();
    return () -> Optional.of(s);
  }

  static Manifest load(String connector) {
    return loader().fromPath(manifest(connector));
  }
}
