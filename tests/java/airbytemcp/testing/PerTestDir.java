package airbytemcp.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A temporary directory for a JUnit extension that sets up something per test, since JUnit gives
 * {@code @TempDir} only to test classes: made before each test and deleted after it, failing the
 * test if it cannot be deleted, as {@code @TempDir} does.
 */
public final class PerTestDir {
  private Path dir;

  /** Makes a fresh directory for the test about to run. */
  public void create() throws IOException {
    dir = Files.createTempDirectory("junit");
  }

  /** The directory of the running test. */
  public Path path() {
    if (dir == null) {
      throw new IllegalStateException("no test is running");
    }
    return dir;
  }

  /** Deletes the directory and all in it. */
  public void delete() throws IOException {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } finally {
      dir = null;
    }
  }
}
