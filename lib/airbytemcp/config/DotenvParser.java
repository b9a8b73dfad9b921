package airbytemcp.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads dotenv text the way python-dotenv 1.x does (PyAirbyte's users wrote their files for it):
 * optional {@code export }, single- or double-quoted values that may span lines (escapes decoded
 * inside quotes), inline comments after whitespace, empty values, and {@code ${NAME}} / {@code
 * ${NAME:-default}} expansion. A statement that cannot be parsed is skipped up to the end of its
 * line and reported by line number; the rest is read. One difference: a key that does not read as a
 * name is skipped too ({@link #looksLikeAName}), since names are shown to the agent.
 */
public final class DotenvParser {
  /**
   * What was read: the values in file order, and the line numbers of statements that were skipped.
   */
  public record Result(Map<String, String> values, List<Integer> skippedLines) {}

  private static final Pattern MULTILINE_WHITESPACE = Pattern.compile("\\s*");
  private static final Pattern WHITESPACE = Pattern.compile("[^\\S\\r\\n]*");
  private static final Pattern EXPORT = Pattern.compile("(?:export[^\\S\\r\\n]+)?");
  private static final Pattern SINGLE_QUOTED_KEY = Pattern.compile("'([^']+)'");
  private static final Pattern UNQUOTED_KEY = Pattern.compile("([^=#\\s]+)");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
  private static final Pattern EQUAL_SIGN = Pattern.compile("(=[^\\S\\r\\n]*)");
  private static final Pattern SINGLE_QUOTED_VALUE = Pattern.compile("'((?:\\\\'|[^'])*)'");
  private static final Pattern DOUBLE_QUOTED_VALUE = Pattern.compile("\"((?:\\\\\"|[^\"])*)\"");
  private static final Pattern UNQUOTED_VALUE = Pattern.compile("([^\\r\\n]*)");
  private static final Pattern COMMENT = Pattern.compile("(?:[^\\S\\r\\n]*#[^\\r\\n]*)?");
  private static final Pattern END_OF_LINE = Pattern.compile("[^\\S\\r\\n]*(?:\\r\\n|\\n|\\r|$)");
  private static final Pattern REST_OF_LINE = Pattern.compile("[^\\r\\n]*(?:\\r|\\n|\\r\\n)?");
  private static final Pattern INLINE_COMMENT = Pattern.compile("\\s+#.*", Pattern.DOTALL);
  private static final Pattern DOUBLE_QUOTE_ESCAPES = Pattern.compile("\\\\[\\\\'\"abfnrtv]");
  private static final Pattern SINGLE_QUOTE_ESCAPES = Pattern.compile("\\\\[\\\\']");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}:]*)(?::-([^}]*))?}");
  private static final Pattern NEWLINE = Pattern.compile("\\r\\n|\\n|\\r");

  private final String text;
  private int position;
  private int line = 1;
  private int statementLine = 1;

  private DotenvParser(String text) {
    this.text = text;
  }

  /**
   * Parses {@code text}; {@code environment} is what {@code ${NAME}} sees besides the file's
   * earlier values, and wins over them, as with python-dotenv's default (the process environment is
   * not overridden).
   */
  public static Result parse(String text, Map<String, String> environment) {
    DotenvParser parser = new DotenvParser(text);
    Map<String, String> values = new LinkedHashMap<>();
    List<Integer> skipped = new ArrayList<>();
    while (parser.position < text.length()) {
      try {
        String[] binding = parser.binding();
        if (binding != null && binding[1] != null && !looksLikeAName(binding[0], binding[1])) {
          skipped.add(parser.statementLine);
        } else if (binding != null && binding[1] != null) {
          values.put(binding[0], expand(binding[1], values, environment));
        }
      } catch (IllegalStateException e) {
        // As python-dotenv: skip from where it failed to the end of that line, then go on.
        parser.read(REST_OF_LINE);
        skipped.add(parser.statementLine);
      }
    }
    return new Result(values, List.copyOf(skipped));
  }

  /**
   * Whether a binding reads as a variable's. python-dotenv takes anything before {@code =} as a
   * name, so a Base64 credential wrapped onto the line after {@code NAME=} becomes a "name" (its
   * padding makes the line {@code KEY=} or {@code KEY==}), and names are shown to the agent. Such a
   * line is skipped and reported by number instead: a name is letters, digits and {@code _ . -},
   * not starting with a digit, and one that binds nothing (an empty value, or only {@code =}) is
   * taken for a wrapped value when it mixes upper and lower case (as Base64 does, URL-safe Base64
   * with {@code _} too; names are {@code UPPER_CASE} or {@code lower_case}) or is long without
   * {@code _}. Skipping that loses nothing: it holds no secret.
   */
  static boolean looksLikeAName(String key, String value) {
    if (!NAME.matcher(key).matches()) {
      return false;
    }
    if (!value.chars().allMatch(c -> c == '=')) {
      return true;
    }
    boolean mixedCase =
        key.chars().anyMatch(Character::isUpperCase)
            && key.chars().anyMatch(Character::isLowerCase);
    return !mixedCase && !(key.length() >= 16 && key.indexOf('_') < 0);
  }

  /**
   * One statement: {key, value}, value null for a bare key; null for blank or comment-only text.
   */
  private String[] binding() {
    read(MULTILINE_WHITESPACE);
    statementLine = line;
    if (position >= text.length()) {
      return null;
    }
    read(EXPORT);
    String key = key();
    read(WHITESPACE);
    String value = null;
    if (peek() == '=') {
      read(EQUAL_SIGN);
      value = value();
    }
    read(COMMENT);
    read(END_OF_LINE);
    return key == null ? null : new String[] {key, value};
  }

  private String key() {
    char c = peek();
    if (c == '#') {
      return null;
    }
    return read(c == '\'' ? SINGLE_QUOTED_KEY : UNQUOTED_KEY);
  }

  private String value() {
    char c = peek();
    if (c == '\'') {
      return decode(SINGLE_QUOTE_ESCAPES, read(SINGLE_QUOTED_VALUE));
    }
    if (c == '"') {
      return decode(DOUBLE_QUOTE_ESCAPES, read(DOUBLE_QUOTED_VALUE));
    }
    if (c == 0 || c == '\n' || c == '\r') {
      return "";
    }
    return INLINE_COMMENT.matcher(read(UNQUOTED_VALUE)).replaceFirst("").stripTrailing();
  }

  private char peek() {
    return position < text.length() ? text.charAt(position) : 0;
  }

  /**
   * Matches at the current position and moves past the match; its first group (or the match) is
   * returned.
   */
  private String read(Pattern pattern) {
    Matcher m = pattern.matcher(text).region(position, text.length());
    if (!m.lookingAt()) {
      throw new IllegalStateException("no match");
    }
    String matched = text.substring(m.start(), m.end());
    Matcher newlines = NEWLINE.matcher(matched);
    while (newlines.find()) {
      line++;
    }
    position = m.end();
    return m.groupCount() > 0 ? m.group(1) : matched;
  }

  private static String decode(Pattern escapes, String value) {
    return escapes
        .matcher(value)
        .replaceAll(m -> Matcher.quoteReplacement(unescape(m.group().charAt(1))));
  }

  private static String unescape(char c) {
    return switch (c) {
      case 'a' -> "\u0007";
      case 'b' -> "\b";
      case 'f' -> "\f";
      case 'n' -> "\n";
      case 'r' -> "\r";
      case 't' -> "\t";
      case 'v' -> "\u000b";
      default -> String.valueOf(c);
    };
  }

  private static String expand(
      String value, Map<String, String> earlier, Map<String, String> environment) {
    return VARIABLE
        .matcher(value)
        .replaceAll(
            m -> {
              String name = m.group(1);
              String found =
                  environment.containsKey(name) ? environment.get(name) : earlier.get(name);
              String fallback = m.group(2) == null ? "" : m.group(2);
              return Matcher.quoteReplacement(found != null ? found : fallback);
            });
  }
}
