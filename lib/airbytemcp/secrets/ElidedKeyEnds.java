package airbytemcp.secrets;

import java.util.Arrays;

/**
 * Finds what looks like a key's ends around an elision, the way an API names a key it refuses
 * ("Incorrect API key provided: sk-RTI-d************82Wd", "sk-...82Wd", "sk-RTI-d…"): a run of
 * {@value #MIN_HEAD} or more key chars right before three or more {@code *}, {@code .} or {@code
 * •}, or an ellipsis, or of {@value #MIN_TAIL} or more right after one, when it looks like part of
 * a key (it holds a digit, an underscore or a capital letter past its first char).
 *
 * <p>What is found never depends on the secrets. Masking only the ends that match a secret made
 * every echo of an argument an oracle: an agent that writes a vendor's public prefix followed by
 * each possible next char and an ellipsis learned from the one masked candidate the key's next
 * char, and so the whole key, one call per char. The whole secret and its forms are {@link
 * PatternSet}'s to find; ends shown without an elision are not a form of it.
 */
final class ElidedKeyEnds {
  /** Fewer leading chars are a vendor's public prefix ({@code sk-}, {@code ghp_}) at most. */
  static final int MIN_HEAD = 6;

  /** Four trailing chars are what a receipt shows of a card; still chars of a secret. */
  static final int MIN_TAIL = 4;

  private static final int MIN_RUN = 3;

  private ElidedKeyEnds() {}

  /** The spans of {@code text} that look like a key's ends beside an elision; null if none. */
  static int[] find(String text, MarkedChars marks) {
    int[] spans = new int[8];
    int count = 0;
    for (int k = 0; k < marks.count(); ) {
      char mark = marks.mark(k);
      int at = marks.position(k);
      int end = at + 1;
      for (k++; k < marks.count() && marks.position(k) == end && marks.mark(k) == mark; k++) {
        end++;
      }
      boolean elision =
          mark == MarkedChars.ELLIPSIS
              || (mark == '*' || mark == '.' || mark == MarkedChars.BULLET) && end - at >= MIN_RUN;
      if (elision) {
        // a run that meets the elision with a slash is a path ("https://host:8443/…"), not a key
        int head = at;
        if (at == 0 || text.charAt(at - 1) != '/') {
          while (head > 0 && isKeyChar(text.charAt(head - 1))) {
            head--;
          }
        }
        if (at - head >= MIN_HEAD && looksLikeKey(text, head, at)) {
          spans = count + 2 > spans.length ? Arrays.copyOf(spans, 2 * spans.length) : spans;
          spans[count++] = head;
          spans[count++] = at;
        }
        int tail = end;
        if (end == text.length() || text.charAt(end) != '/') {
          while (tail < text.length() && isKeyChar(text.charAt(tail))) {
            tail++;
          }
        }
        if (tail - end >= MIN_TAIL && looksLikeKey(text, end, tail)) {
          spans = count + 2 > spans.length ? Arrays.copyOf(spans, 2 * spans.length) : spans;
          spans[count++] = end;
          spans[count++] = tail;
        }
      }
    }
    // in order already; a tail that is also the next elision's head is merged
    return count == 0 ? null : PatternSet.union(Arrays.copyOf(spans, count), new int[0]);
  }

  /**
   * The chars of API keys and tokens (Base64's too), but not those that end a word in a sentence.
   */
  private static boolean isKeyChar(char c) {
    return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '+' || c == '/' || c == '=';
  }

  /** Not a word: "Loading..." and "...done" stay, "sk-RTI-d***" and "***82Wd" do not. */
  private static boolean looksLikeKey(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (Character.isDigit(c) || c == '_' || (i > from && Character.isUpperCase(c))) {
        return true;
      }
    }
    return false;
  }
}
