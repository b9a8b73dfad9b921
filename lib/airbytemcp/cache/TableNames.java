package airbytemcp.cache;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Table and column names as PyAirbyte's default cache spells them: lower case, every character
 * outside {@code [a-z0-9]} replaced by {@code _}, and a leading {@code _} when the name would start
 * with a digit.
 */
public final class TableNames {
  private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^a-z0-9]");

  private TableNames() {}

  public static String normalize(String name) {
    String result = NOT_ALPHANUMERIC.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("_");
    if (!result.isEmpty() && Character.isDigit(result.charAt(0))) {
      result = "_" + result;
    }
    if (result.replace("_", "").isEmpty()) {
      throw new CacheError(
          "The name '"
              + name
              + "' has no letters or digits, so it cannot become a table or column name.",
          "Rename the stream or field in the connector, or leave it out of the sync.");
    }
    return result;
  }

  /** A double-quoted SQL identifier. */
  public static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** A single-quoted SQL string literal. */
  public static String literal(String value) {
    return '\'' + value.replace("'", "''") + '\'';
  }
}
