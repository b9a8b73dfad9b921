package airbytemcp.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where JBang is: the one `make` passes (-Dairbytemcp.jbang), else `jbang` on PATH. */
public final class Jbang {
  private Jbang() {}

  public static String command() {
    String configured = System.getProperty("airbytemcp.jbang");
    if (configured != null && !configured.isBlank() && Files.isExecutable(Path.of(configured))) {
      return configured;
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        Path candidate = Path.of(dir, "jbang");
        if (Files.isExecutable(candidate)) {
          return candidate.toString();
        }
      }
    }
    Prerequisites.require(false, "JBang (run the tests with `make test`, which bootstraps it)");
    return null;
  }
}
