package airbytemcp.secrets;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;

/**
 * Finds secrets wrapped over lines the way text formatters wrap a long word: a line break followed
 * by indentation (Python's textwrap with an indent, YAML block scalars, folded headers, log
 * continuation lines), or a line break written as the JSON escape {@code \n} or {@code \r} (a JSON
 * body shown as it came), with or without indentation after it. {@link PatternSet} skips bare line
 * breaks itself; here the text around each such fold is searched again with the fold taken out, and
 * a hit is mapped back to the original text, fold included.
 *
 * <p>Only the text within reach of a fold is searched again, so text without folds costs one scan
 * for line breaks and backslashes, eight bytes at a time.
 */
final class FoldedLines {
  static final FoldedLines NONE = new FoldedLines(0);

  private static final long BREAKS = ByteWords.repeated('\n');
  private static final long RETURNS = ByteWords.repeated('\r');
  private static final long BACKSLASHES = ByteWords.repeated('\\');

  /** Shorter texts are read char by char rather than copied first. */
  private static final int SHORT = 64;

  /** How far from a fold a wrapped secret can reach: its longest part on one side. */
  private final int reach;

  private FoldedLines(int reach) {
    this.reach = reach;
  }

  FoldedLines(Collection<String> secrets) {
    this(secrets.stream().mapToInt(String::length).max().orElse(0));
  }

  /**
   * The spans of {@code text} that hold a secret once its folds are taken out, as {@link
   * PatternSet#find} gives them (in the original text); null when none.
   */
  int[] find(PatternSet set, String text) {
    if (reach == 0) {
      return null;
    }
    int n = text.length();
    int[] folds = foldStarts(text);
    int[] spans = null;
    int k = 0;
    while (k < folds.length) {
      int at = folds[k++];
      int from = Math.max(0, at - reach);
      int end = foldEnd(text, at);
      int to = Math.min(n, end + reach);
      // folds within reach of the region's end widen it: a secret may span several lines
      for (; k < folds.length && folds[k] <= to; k++) {
        if (folds[k] >= end) {
          end = foldEnd(text, folds[k]);
          to = Math.min(n, end + reach);
        }
      }
      int[] found = search(set, text, from, to);
      spans = found == null ? spans : PatternSet.union(spans, found);
    }
    return spans;
  }

  /**
   * Where folds start in {@code text}, in order. A large text is read eight bytes at a time, as
   * {@link MarkedChars} reads it: the server's C1-only JIT would read it char by char, which cost
   * as much as the search for every secret's forms.
   */
  static int[] foldStarts(String text) {
    int n = text.length();
    int[] starts = new int[8];
    int count = 0;
    byte[] bytes = n < SHORT ? null : text.getBytes(StandardCharsets.ISO_8859_1);
    int i = 0;
    if (bytes != null && bytes.length == n) {
      // chars above 0xFF became '?', so only a real break or backslash matches
      for (; i + Long.BYTES <= n; i += Long.BYTES) {
        long w = ByteWords.at(bytes, i);
        if ((ByteWords.has(w, BREAKS) | ByteWords.has(w, RETURNS) | ByteWords.has(w, BACKSLASHES))
            == 0) {
          continue;
        }
        for (int j = i; j < i + Long.BYTES; j++) {
          if (isFoldStart(text, j)) {
            starts = count == starts.length ? Arrays.copyOf(starts, 2 * count) : starts;
            starts[count++] = j;
          }
        }
      }
    }
    for (; i < n; i++) {
      if (isFoldStart(text, i)) {
        starts = count == starts.length ? Arrays.copyOf(starts, 2 * count) : starts;
        starts[count++] = i;
      }
    }
    return Arrays.copyOf(starts, count);
  }

  /** Searches {@code text[from, to)} with its folds taken out; spans in the original. */
  private static int[] search(PatternSet set, String text, int from, int to) {
    char[] out = new char[to - from];
    // each cut: where it is in the folded text, how many original chars it took out
    int[] cuts = new int[16];
    int count = 0;
    int written = 0;
    int i = from;
    while (i < to) {
      int fold = nextFold(text, i, to);
      int stop = fold < 0 ? to : fold;
      // the text between folds is copied in bulk
      text.getChars(i, stop, out, written);
      written += stop - i;
      if (stop == to) {
        break;
      }
      int end = Math.min(to, foldEnd(text, fold));
      if (2 * count + 2 > cuts.length) {
        cuts = Arrays.copyOf(cuts, cuts.length * 2);
      }
      cuts[2 * count] = written;
      cuts[2 * count + 1] = end - fold;
      count++;
      i = end;
    }
    if (count == 0) {
      return null;
    }
    int[] found = set.find(new String(out, 0, written));
    if (found == null) {
      return null;
    }
    int[] original = new int[found.length];
    for (int k = 0; k < found.length; k += 2) {
      original[k] = from + originalOf(found[k], cuts, count, false);
      original[k + 1] = from + originalOf(found[k + 1], cuts, count, true);
    }
    return original;
  }

  /**
   * Where folded position {@code p} is in the original region: a span's start lies after the cuts
   * at its position, its (exclusive) end before them.
   */
  private static int originalOf(int p, int[] cuts, int count, boolean end) {
    int shift = 0;
    for (int k = 0; k < count; k++) {
      int at = cuts[2 * k];
      if (at < p || (at == p && !end)) {
        shift += cuts[2 * k + 1];
      }
    }
    return p + shift;
  }

  /** The first fold in {@code [start, limit)}, or -1. */
  private static int nextFold(String text, int start, int limit) {
    for (int i = start; i < limit; i++) {
      char c = text.charAt(i);
      if ((c == '\n' || c == '\r' || c == '\\') && isFoldStart(text, i)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Whether a fold starts at {@code i}: a line break followed by a space or tab, or a JSON line
   * break escape ({@code \n}, {@code \r}).
   */
  private static boolean isFoldStart(String text, int i) {
    char c = text.charAt(i);
    if (c == '\\') {
      return i + 1 < text.length() && isEscapedBreak(text.charAt(i + 1));
    }
    return (c == '\n' || c == '\r') && i + 1 < text.length() && isIndent(text.charAt(i + 1));
  }

  /**
   * The end (exclusive) of the fold starting at {@code i}: breaks and indentation, as they are or
   * as JSON escapes.
   */
  private static int foldEnd(String text, int i) {
    int n = text.length();
    int j = i;
    while (j < n) {
      char c = text.charAt(j);
      if (c == '\n' || c == '\r' || isIndent(c)) {
        j++;
      } else if (c == '\\'
          && j + 1 < n
          && (isEscapedBreak(text.charAt(j + 1)) || text.charAt(j + 1) == 't')) {
        j += 2; // an escaped break, or an escaped tab indenting the next line
      } else {
        break;
      }
    }
    return j;
  }

  private static boolean isEscapedBreak(char c) {
    return c == 'n' || c == 'r';
  }

  private static boolean isIndent(char c) {
    return c == ' ' || c == '\t';
  }
}
