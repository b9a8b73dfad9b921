package airbytemcp.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real Airbyte data in ../shared beside the project root, read by tests (never copied into the
 * project).
 */
public final class SharedData {
  private SharedData() {}

  public static Path projectRoot() {
    return Path.of(System.getProperty("airbytemcp.projectRoot", ".")).toAbsolutePath().normalize();
  }

  public static Path airbyte(String relative) {
    Path path = projectRoot().resolveSibling("shared").resolve("airbyte").resolve(relative);
    Prerequisites.require(Files.exists(path), "../shared/airbyte/" + relative);
    return path;
  }

  public static Path registrySnapshot() {
    return airbyte("oss_registry.json");
  }
}
