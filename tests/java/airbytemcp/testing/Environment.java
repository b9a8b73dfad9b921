package airbytemcp.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** What tests need from the machine: skipped with a reason on a user's machine, a failure in CI. */
public final class Environment {
  private Environment() {}

  public static boolean inCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  public static void require(boolean present, String what) {
    if (present) {
      return;
    }
    if (inCi()) {
      fail(what + " is required in CI (CI=true) but is missing.");
    }
    Assumptions.assumeTrue(false, what + " is missing; skipping.");
  }

  public static Path projectRoot() {
    return Path.of(System.getProperty("airbytemcp.projectRoot", ".")).toAbsolutePath();
  }

  public static Path resource(String relative) {
    Path path = projectRoot().resolve("tests/resources").resolve(relative);
    if (!Files.exists(path)) {
      throw new IllegalStateException("missing test resource " + path);
    }
    return path;
  }
}
