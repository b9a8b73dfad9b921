package airbytemcp.declarative;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads every manifest in a folder and says, per manifest, whether the JVM runtime can run it: ok,
 * needs custom components, uses unsupported components, or fails to load; then a total line {@code
 * manifests ok: N/M}.
 */
public final class ManifestCoverage {
  /** The verdict on one manifest. */
  public record Verdict(String manifest, String status, String detail) {
    boolean ok() {
      return status.equals("ok");
    }
  }

  private ManifestCoverage() {}

  public static List<Verdict> check(Path dir, ManifestLoader loader) {
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files =
          list.filter(p -> p.getFileName().toString().matches(".*manifest\\.ya?ml$"))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new DeclarativeError(
          "Cannot list " + dir + ": " + e.getMessage(), "Give a folder of manifest YAML files.");
    }
    List<Verdict> out = new ArrayList<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      try {
        Manifest m = loader.fromPath(file);
        Set<String> unsupported = loader.unsupported(m);
        out.add(
            unsupported.isEmpty()
                ? new Verdict(name, "ok", "")
                : new Verdict(name, "unsupported", String.join(", ", unsupported)));
      } catch (CustomComponentsError e) {
        out.add(new Verdict(name, "custom-components", String.join(", ", e.locations())));
      } catch (RuntimeException e) {
        out.add(new Verdict(name, "error", String.valueOf(e.getMessage())));
      }
    }
    return out;
  }

  /**
   * Prints the verdicts and the total; returns the process exit code (0 when every manifest is ok).
   */
  public static int print(List<Verdict> verdicts, PrintStream out) {
    for (Verdict v : verdicts) {
      out.println(
          String.format(
              Locale.ROOT,
              "%-18s %s%s",
              v.status(),
              v.manifest(),
              v.detail().isEmpty() ? "" : "  (" + v.detail() + ")"));
    }
    long ok = verdicts.stream().filter(Verdict::ok).count();
    out.println("manifests ok: " + ok + "/" + verdicts.size());
    return ok == verdicts.size() ? 0 : 1;
  }
}
