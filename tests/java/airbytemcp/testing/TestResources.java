package airbytemcp.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of tests/resources, by path relative to it. */
public final class TestResources {
  private TestResources() {}

  public static Path resource(String relative) {
    Path path = SharedData.projectRoot().resolve("tests/resources").resolve(relative);
    if (!Files.exists(path)) {
      throw new IllegalStateException("missing test resource " + path);
    }
    return path;
  }

  /**
   * The project's own connector registry (tests/resources/registry): a few sources and destinations
   * written for the tests in the registry's schema (ConnectorRegistryV0), so tests that need "a
   * registry" run without ../shared.
   */
  public static Path registry() {
    return resource("registry/oss_registry.json");
  }
}
