package airbytemcp.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The in-process sync as a fresh process's first: a new JVM with the script's options runs one
 * sync, so DuckDB's library is unpacked and loaded inside the timed sync and the JIT starts cold,
 * as for a fresh server's first tool call. It is the like-for-like partner of that call; the warm
 * in-process figure leaves out what a process does once.
 */
final class ColdSync {
  private ColdSync() {}

  /** Runs in the new JVM: one sync, its wall seconds on the last line of stdout. */
  public static void main(String[] args) throws Exception {
    CacheBench.Run run =
        CacheBench.sync(Path.of(args[0]), Path.of(args[1]), Long.parseLong(args[2]));
    System.out.printf(Locale.ROOT, "%.6f%n", run.seconds());
  }

  /** One sync in a fresh JVM started with the script's options, as timed inside that JVM. */
  static CacheBench.Run run(Path work, Path lines, long size) throws Exception {
    List<String> command =
        McpSync.asTheScriptRuns(
            ColdSync.class.getName(), work.toString(), lines.toString(), Long.toString(size));
    Process process =
        new ProcessBuilder(command).redirectError(work.resolve("cold-sync.log").toFile()).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "the fresh JVM's sync failed; see " + work.resolve("cold-sync.log"));
    }
    String text = out.strip();
    String last = text.substring(text.lastIndexOf('\n') + 1).strip();
    return new CacheBench.Run(Double.parseDouble(last), size, Files.size(lines));
  }
}
