package airbytemcp.config;

import airbytemcp.common.Plural;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One dotenv file as read at start-up: its variables (parsed as python-dotenv does, see {@link
 * DotenvParser}), the lines that were skipped, or why it could not be read at all. A problem never
 * stops the server; tools that need the file report it.
 */
public record DotenvFile(
    Path path,
    String source,
    Map<String, String> values,
    List<Integer> skippedLines,
    Optional<String> problem) {
  public DotenvFile {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    skippedLines = List.copyOf(skippedLines);
  }

  public static DotenvFile read(Path path, String variableName) {
    return read(path, variableName, Map.of());
  }

  /** {@code environment}: what {@code ${NAME}} in the file sees first (the process environment). */
  public static DotenvFile read(Path path, String variableName, Map<String, String> environment) {
    if (!path.isAbsolute()) {
      return failed(
          path,
          variableName,
          variableName + " must be an absolute path, but it is '" + path + "'.");
    }
    if (!Files.isRegularFile(path)) {
      return failed(
          path,
          variableName,
          "The dotenv file " + path + " (from " + variableName + ") does not exist.");
    }
    if (!Files.isReadable(path)) {
      return failed(
          path,
          variableName,
          "The dotenv file " + path + " (from " + variableName + ") is not readable.");
    }
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      return failed(
          path,
          variableName,
          "The dotenv file " + path + " (from " + variableName + ") is not UTF-8 text.");
    } catch (IOException e) {
      return failed(
          path,
          variableName,
          "The dotenv file " + path + " (from " + variableName + ") could not be read.");
    }
    DotenvParser.Result parsed = DotenvParser.parse(text, environment);
    return new DotenvFile(
        path, variableName, sortedByKey(parsed.values()), parsed.skippedLines(), Optional.empty());
  }

  public static DotenvFile failed(Path path, String variableName, String problem) {
    return new DotenvFile(path, variableName, Map.of(), List.of(), Optional.of(problem));
  }

  /**
   * What start-up tells the user about this file: how many names came from it, which lines were
   * skipped, or why nothing was read. Never a value, never a line's content.
   */
  public String summary() {
    if (problem.isPresent()) {
      return problem.get() + " No names were read from it.";
    }
    String text =
        "Read "
            + Plural.of(values.size(), "name")
            + " from the dotenv file "
            + path
            + " ("
            + source
            + ").";
    if (!skippedLines.isEmpty()) {
      text +=
          " Skipped "
              + Plural.noun(skippedLines.size(), "line")
              + " "
              + String.join(", ", skippedLines.stream().map(String::valueOf).toList())
              + ", which could not be parsed (python-dotenv syntax: KEY=value, KEY='value', KEY=\"value\", export KEY=value).";
    }
    return text;
  }

  private static Map<String, String> sortedByKey(Map<String, String> values) {
    Map<String, String> sorted = new LinkedHashMap<>();
    values.keySet().stream().sorted().forEach(k -> sorted.put(k, values.get(k)));
    return sorted;
  }
}
