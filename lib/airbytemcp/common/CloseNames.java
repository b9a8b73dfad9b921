package airbytemcp.common;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * "Did you mean": the names closest to a misspelt one (edit distance, where swapping two adjacent
 * letters is one edit, ignoring case and -/_ differences).
 */
public final class CloseNames {
  private CloseNames() {}

  /**
   * Up to {@code max} candidates close to {@code wanted}, closest first; empty when none is close.
   */
  public static List<String> closest(String wanted, Collection<String> candidates, int max) {
    if (wanted == null || wanted.isBlank()) {
      return List.of();
    }
    String key = normal(wanted);
    record Scored(String name, int score) {}
    return candidates.stream()
        .map(name -> new Scored(name, score(key, normal(name))))
        .filter(s -> s.score() <= Math.max(2, key.length() / 3))
        .sorted(Comparator.comparingInt(Scored::score).thenComparing(Scored::name))
        .limit(max)
        .map(Scored::name)
        .toList();
  }

  /**
   * Distance, where a name that merely adds a prefix such as "source_" (postgres → source-postgres)
   * counts as 1.
   */
  private static int score(String wanted, String name) {
    int distance = distance(wanted, name);
    int dash = name.indexOf('_');
    if (dash > 0) {
      distance = Math.min(distance, 1 + distance(wanted, name.substring(dash + 1)));
    }
    return distance;
  }

  private static String normal(String name) {
    return name.strip().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
  }

  /**
   * The optimal string alignment distance: the fewest insertions, deletions, substitutions and
   * swaps of two adjacent characters that make {@code a} into {@code b}, no character edited twice.
   * A swap counts as one edit, as a typist makes it ({@code fkaer} is 1 from {@code faker}, where
   * Levenshtein's distance counts 2).
   */
  static int distance(String a, String b) {
    // three rows of the table: the one before the previous is where a swap comes from
    int[] beforePrevious = new int[b.length() + 1];
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        char x = a.charAt(i - 1);
        char y = b.charAt(j - 1);
        int best =
            Math.min(previous[j - 1] + (x == y ? 0 : 1), Math.min(previous[j], current[j - 1]) + 1);
        if (i > 1 && j > 1 && x == b.charAt(j - 2) && a.charAt(i - 2) == y) {
          best = Math.min(best, beforePrevious[j - 2] + 1);
        }
        current[j] = best;
      }
      int[] free = beforePrevious;
      beforePrevious = previous;
      previous = current;
      current = free;
    }
    return previous[b.length()];
  }
}
