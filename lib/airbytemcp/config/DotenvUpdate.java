package airbytemcp.config;

import airbytemcp.common.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites one variable of a dotenv file in place (a rotated OAuth refresh token), keeping every
 * other line as the user wrote it. The new value is written single-quoted, escaped the way {@link
 * DotenvParser} reads it back.
 */
public final class DotenvUpdate {
  private DotenvUpdate() {}

  /**
   * Replaces the single-line statement that sets {@code name}; false when the file has no such line
   * (the name is set over several lines, or elsewhere) or the value cannot be written on one line
   * unchanged (a line break, a {@code ${...}} the parser would expand); then nothing is written.
   */
  public static boolean replace(Path file, String name, String value) throws IOException {
    if (value.contains("\n") || value.contains("\r") || value.contains("${")) {
      return false;
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    Pattern statement =
        Pattern.compile(
            "(?m)^([^\\S\\r\\n]*(?:export[^\\S\\r\\n]+)?(?:"
                + Pattern.quote(name)
                + "|'"
                + Pattern.quote(name)
                + "')[^\\S\\r\\n]*=)[^\\r\\n]*$");
    Matcher matcher = statement.matcher(text);
    int start = -1;
    int end = -1;
    String head = null;
    while (matcher.find()) {
      if (opensMultiLineValue(text.substring(matcher.end(1), matcher.end()))) {
        return false;
      }
      // python-dotenv lets the last statement win: that is the one rewritten
      start = matcher.start();
      end = matcher.end();
      head = matcher.group(1);
    }
    if (head == null) {
      return false;
    }
    String rewritten = text.substring(0, start) + head + quoted(value) + text.substring(end);
    PrivateFiles.replaceString(file, rewritten);
    return true;
  }

  private static boolean opensMultiLineValue(String rest) {
    String v = rest.strip();
    return (v.startsWith("\"") && (v.length() == 1 || !closes(v, '"')))
        || (v.startsWith("'") && (v.length() == 1 || !closes(v, '\'')));
  }

  private static boolean closes(String v, char quote) {
    for (int i = 1; i < v.length(); i++) {
      if (v.charAt(i) == '\\') {
        i++;
      } else if (v.charAt(i) == quote) {
        return true;
      }
    }
    return false;
  }

  /** Single-quoted: no escapes but backslash and quote, as the parser decodes them. */
  static String quoted(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
