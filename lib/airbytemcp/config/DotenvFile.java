package airbytemcp.config;

import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One dotenv file as read at start-up: its variables, or why it could not be read. A problem never stops the
 * server; tools that need the file report it.
 */
public record DotenvFile(Path path, Map<String, String> values, Optional<String> problem) {
  public DotenvFile {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public static DotenvFile read(Path path, String variableName) {
    if (!path.isAbsolute()) {
      return failed(path, variableName + " must be an absolute path, but it is '" + path + "'.");
    }
    if (!Files.isRegularFile(path)) {
      return failed(path, "The dotenv file " + path + " (from " + variableName + ") does not exist.");
    }
    if (!Files.isReadable(path)) {
      return failed(path, "The dotenv file " + path + " (from " + variableName + ") is not readable.");
    }
    try {
      Dotenv dotenv =
          Dotenv.configure()
              .directory(path.getParent().toString())
              .filename(path.getFileName().toString())
              .load();
      Map<String, String> values = new LinkedHashMap<>();
      for (DotenvEntry entry : dotenv.entries(Dotenv.Filter.DECLARED_IN_ENV_FILE)) {
        values.put(entry.getKey(), entry.getValue());
      }
      return new DotenvFile(path, sortedByKey(values), Optional.empty());
    } catch (RuntimeException e) {
      // The parser's message may quote a line of the file, and so a secret: say only where it failed.
      return failed(path, "The dotenv file " + path + " could not be parsed; check its syntax (KEY=VALUE lines).");
    }
  }

  public static DotenvFile failed(Path path, String problem) {
    return new DotenvFile(path, Map.of(), Optional.of(problem));
  }

  private static Map<String, String> sortedByKey(Map<String, String> values) {
    Map<String, String> sorted = new LinkedHashMap<>();
    values.keySet().stream().sorted().forEach(k -> sorted.put(k, values.get(k)));
    return sorted;
  }
}
