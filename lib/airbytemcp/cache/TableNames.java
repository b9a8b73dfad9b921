package airbytemcp.cache;

import airbytemcp.common.CacheNames;

/**
 * Table and column names as PyAirbyte's default cache spells them ({@link CacheNames}), refused
 * when nothing of them is left, and quoted for SQL.
 */
public final class TableNames {
  private TableNames() {}

  public static String normalize(String name) {
    String result = CacheNames.of(name);
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
