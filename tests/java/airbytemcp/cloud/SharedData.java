package airbytemcp.cloud;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Files under ../shared: a test skips without them on a user's machine, and fails on CI. */
public final class SharedData {
  private SharedData() {}

  public static Path require(String relative) {
    Path root = Path.of(System.getProperty("airbytemcp.projectRoot", ".")).toAbsolutePath();
    Path file = root.resolve("../shared").resolve(relative).normalize();
    if (!Files.isRegularFile(file)) {
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError("Shared test data missing on CI: " + file);
      }
      Assumptions.abort("Shared test data not present: " + file);
    }
    return file;
  }
}
