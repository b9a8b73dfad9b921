package airbytemcp.common;

import java.util.Locale;

/**
 * A count and its noun, in the right number: "1 stream", "2 streams", "0 streams". Every message
 * that counts something says it through here, so none says "1 streams".
 */
public final class Plural {
  private Plural() {}

  /** {@code count} and the noun, plural made by adding "s" ("1 record", "3 records"). */
  public static String of(long count, String singular) {
    return of(count, singular, singular + "s");
  }

  /** {@code count} and the noun, for a noun whose plural is irregular ("1 entry", "2 entries"). */
  public static String of(long count, String singular, String plural) {
    return count + " " + noun(count, singular, plural);
  }

  /** {@code count} with thousands separators ("1,234 records"), for large counts. */
  public static String grouped(long count, String singular) {
    return String.format(Locale.ROOT, "%,d", count) + " " + noun(count, singular, singular + "s");
  }

  /** The noun alone, in the number {@code count} asks for ("of 1 stream", "of 2 streams"). */
  public static String noun(long count, String singular) {
    return noun(count, singular, singular + "s");
  }

  private static String noun(long count, String singular, String plural) {
    return Math.abs(count) == 1 ? singular : plural;
  }
}
