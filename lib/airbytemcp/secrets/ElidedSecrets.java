package airbytemcp.secrets;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds a secret's ends shown around an elision, the way an API names a key it refuses ("Incorrect
 * API key provided: sk-RTI-d************82Wd", "sk-...82Wd", "sk-RTI-d…"): at least its first
 * {@value #MIN_HEAD} chars right before a run of three or more {@code *}, {@code .} or {@code •},
 * or an ellipsis; at least its last {@value #MIN_TAIL} right after one. The whole secret and its
 * forms are {@link PatternSet}'s to find; this finds only what those cannot.
 *
 * <p>Secrets are indexed by each run of their chars of those lengths, so an elision costs one
 * look-up on each side whatever the number of secrets.
 */
final class ElidedSecrets {
  static final ElidedSecrets NONE = new ElidedSecrets(List.of());

  /** Fewer leading chars are often a vendor's public prefix ({@code sk-}, {@code ghp_}). */
  static final int MIN_HEAD = 6;

  /** Four trailing chars are what a receipt shows of a card; still chars of the secret. */
  static final int MIN_TAIL = 4;

  private static final int MIN_RUN = 3;
  private static final char ELLIPSIS = '\u2026';
  private static final char BULLET = '\u2022';

  /** A secret whose first {@code length} chars end with the run this entry is filed under. */
  private record Head(String secret, int length) {}

  /** A secret whose chars from {@code start} begin with the run this entry is filed under. */
  private record Tail(String secret, int start) {}

  private final Map<String, List<Head>> heads = new HashMap<>();
  private final Map<String, List<Tail>> tails = new HashMap<>();

  ElidedSecrets(Collection<String> secrets) {
    for (String secret : secrets) {
      // a head or tail is never the whole secret: that is the pattern set's
      for (int length = MIN_HEAD; length < secret.length(); length++) {
        heads
            .computeIfAbsent(secret.substring(length - MIN_HEAD, length), k -> new ArrayList<>())
            .add(new Head(secret, length));
      }
      for (int start = 1; start + MIN_TAIL <= secret.length(); start++) {
        tails
            .computeIfAbsent(secret.substring(start, start + MIN_TAIL), k -> new ArrayList<>())
            .add(new Tail(secret, start));
      }
    }
  }

  /** The spans of {@code text} that are a secret's head or tail beside an elision; null if none. */
  int[] find(String text) {
    if (heads.isEmpty()) {
      return null;
    }
    List<Integer> spans = new ArrayList<>();
    for (char mark : new char[] {'*', '.', BULLET, ELLIPSIS}) {
      int minRun = mark == ELLIPSIS ? 1 : MIN_RUN;
      for (int at = text.indexOf(mark); at >= 0; ) {
        int end = at;
        while (end < text.length() && text.charAt(end) == mark) {
          end++;
        }
        if (end - at >= minRun) {
          head(text, at, spans);
          tail(text, end, spans);
        }
        at = text.indexOf(mark, end);
      }
    }
    if (spans.isEmpty()) {
      return null;
    }
    int[] found = new int[spans.size()];
    for (int k = 0; k < found.length; k++) {
      found[k] = spans.get(k);
    }
    return PatternSet.union(found, new int[0]); // sorted, overlaps merged
  }

  /** The longest head of a secret that ends at {@code at}. */
  private void head(String text, int at, List<Integer> spans) {
    if (at < MIN_HEAD) {
      return;
    }
    int longest = 0;
    for (Head h : heads.getOrDefault(text.substring(at - MIN_HEAD, at), List.of())) {
      if (h.length() > longest
          && h.length() <= at
          && text.regionMatches(at - h.length(), h.secret(), 0, h.length())) {
        longest = h.length();
      }
    }
    if (longest > 0) {
      spans.add(at - longest);
      spans.add(at);
    }
  }

  /** The longest tail of a secret that starts at {@code at}. */
  private void tail(String text, int at, List<Integer> spans) {
    if (at + MIN_TAIL > text.length()) {
      return;
    }
    int longest = 0;
    for (Tail t : tails.getOrDefault(text.substring(at, at + MIN_TAIL), List.of())) {
      int length = t.secret().length() - t.start();
      if (length > longest && text.regionMatches(at, t.secret(), t.start(), length)) {
        longest = length;
      }
    }
    if (longest > 0) {
      spans.add(at);
      spans.add(at + longest);
    }
  }
}
