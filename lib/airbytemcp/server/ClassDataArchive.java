package airbytemcp.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The class-data archive JBang's CDS asks the JVM to record on a first run ({@code
 * -XX:ArchiveClassesAtExit}). For a jar (the catalog alias runs one) JBang names a file in a cache
 * folder it never creates, and the JVM then fails as it exits; so the folder is created here, and
 * the first start says on stderr what it is doing.
 */
final class ClassDataArchive {
  private static final String RECORD = "-XX:ArchiveClassesAtExit=";

  private ClassDataArchive() {}

  /**
   * Linux's /proc gives the whole command line; ProcessHandle drops it when it is long (JBang's
   * class path).
   */
  private static List<String> jvmArguments() {
    Path cmdline = Path.of("/proc/self/cmdline");
    try {
      if (Files.isReadable(cmdline)) {
        return List.of(new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).split("\0"));
      }
    } catch (IOException e) {
      // fall through to ProcessHandle
    }
    return List.of(ProcessHandle.current().info().arguments().orElse(new String[0]));
  }

  /**
   * Creates the archive's folder and says what happens; a first start that only answers {@code
   * --version} or {@code --help} records almost nothing, so it says too how to record a useful one.
   */
  static void prepare(PrintStream stderr, boolean shortRun) {
    for (String argument : jvmArguments()) {
      if (argument.startsWith(RECORD)) {
        Path archive = Path.of(argument.substring(RECORD.length())).toAbsolutePath();
        try {
          Files.createDirectories(archive.getParent());
          stderr.println(
              "airbyte-mcp: first start: recording the classes it loads into "
                  + archive
                  + " as it exits; later starts read them from there and start faster."
                  + (shortRun
                      ? " This run answers a flag and loads few classes, so later starts stay slow:"
                          + " run `jbang cache clear`, then the same command with --warm-up."
                      : ""));
        } catch (IOException e) {
          stderr.println(
              "airbyte-mcp: cannot create "
                  + archive.getParent()
                  + " for the class-data archive: "
                  + e);
        }
      }
    }
  }
}
