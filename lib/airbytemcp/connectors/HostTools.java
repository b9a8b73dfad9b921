package airbytemcp.connectors;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Programs this machine offers, found on a PATH (the server's own unless a test gives another). */
public record HostTools(List<Path> path) {
  public HostTools {
    path = List.copyOf(path);
  }

  public static HostTools fromEnvironment() {
    return ofPath(System.getenv("PATH"));
  }

  public static HostTools ofPath(String pathVariable) {
    List<Path> dirs = new ArrayList<>();
    if (pathVariable != null) {
      for (String dir : pathVariable.split(File.pathSeparator)) {
        if (!dir.isBlank()) {
          dirs.add(Path.of(dir));
        }
      }
    }
    return new HostTools(dirs);
  }

  /** The first executable file named {@code program} on the PATH. */
  public Optional<Path> find(String program) {
    for (Path dir : path) {
      Path candidate = dir.resolve(program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  public String pathVariable() {
    return String.join(File.pathSeparator, path.stream().map(Path::toString).toList());
  }
}
