package airbytemcp.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

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

  /**
   * The file where ../shared has it; otherwise empty off CI (the test then runs without the extra
   * check the real data gives), and a failure in CI, where the data must be.
   */
  public static Optional<Path> airbyteWhereAvailable(String relative) {
    Path path = projectRoot().resolveSibling("shared").resolve("airbyte").resolve(relative);
    if (!Files.exists(path) && !Prerequisites.inCi()) {
      return Optional.empty();
    }
    return Optional.of(airbyte(relative));
  }

  public static Path registrySnapshot() {
    return airbyte("oss_registry.json");
  }
}
