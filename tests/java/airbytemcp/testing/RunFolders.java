package airbytemcp.testing;

import airbytemcp.common.Folders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Temporary folders that live as long as the test JVM: fixtures built once per run (the fake
 * connector's classes, its program and wheel) and paths too long for a test's own folder (a Unix
 * socket's). They are deleted when the JVM exits, so a run leaves nothing in the temporary folder.
 */
public final class RunFolders {
  private static final List<Path> MADE = new ArrayList<>();

  private RunFolders() {}

  /** A new folder in the temporary folder, named {@code prefix…}, deleted at exit. */
  public static synchronized Path create(String prefix) throws IOException {
    if (MADE.isEmpty()) {
      Runtime.getRuntime().addShutdownHook(new Thread(RunFolders::deleteAll, "delete-run-folders"));
    }
    Path dir = Files.createTempDirectory(prefix);
    MADE.add(dir);
    return dir;
  }

  private static synchronized void deleteAll() {
    MADE.forEach(Folders::deleteQuietly);
  }
}
