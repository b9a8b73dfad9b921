package airbytemcp.common;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A stream's or field's name as PyAirbyte's default cache spells its table or column: lower case,
 * every character outside {@code [a-z0-9]} replaced by {@code _}, and a leading {@code _} when the
 * name would start with a digit. Here, below the cache, so that masking can group a record's keys
 * by the column they land in, as the cache does.
 */
public final class CacheNames {
  private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^a-z0-9]");

  private CacheNames() {}

  /** The name as the cache spells it; only underscores when it has no letter or digit. */
  public static String of(String name) {
    String result = NOT_ALPHANUMERIC.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("_");
    return !result.isEmpty() && Character.isDigit(result.charAt(0)) ? "_" + result : result;
  }
}
