package airbytemcp.secrets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds every occurrence of many patterns in one pass over a text, so masking costs about the same
 * for 5 registered secrets as for 500. The scan keeps the last eight (case-folded) chars of the
 * text as one 64-bit key, tests it against a small bit filter (a CPU-cache-sized set of the indexed
 * keys) and only at the rare positions that pass looks the patterns up and compares them. Eight
 * chars keep apart secrets and text that only share a prefix (a {@code bench-secret} and a {@code
 * bench_events} stream).
 *
 * <p>Patterns of eight chars or more are indexed by their eight-char windows at offsets {@code 0 ..
 * stride-1}, where {@code stride} is the shortest such pattern's length minus seven (at most
 * eight): every occurrence then holds exactly one indexed window ending at a multiple of the
 * stride, so the filter is tested at every eighth char only when all patterns are 15 chars or
 * longer (secrets of 16 to 48 chars and their forms), which is most of the scan's cost. Patterns of
 * four to seven chars are indexed by their first four chars and tested at every char.
 *
 * <p>Why not a library Aho-Corasick automaton: {@code org.ahocorasick:ahocorasick} 0.6.3, tried on
 * the bench's 10 MB against 500 secrets (5,348 patterns), took seconds to build and 1.6 to 3.2 s
 * per scan (a hash map per trie state and a boxed char per step), against tens of ms here; a dense
 * automaton over that many pattern chars needs tens of MB of tables.
 *
 * <p>Matching ignores line breaks in the text ({@code \n}, {@code \r}): a secret cut in two by a
 * line break (a stderr tail joined line by line, a wrapped key) is still found, and the break is
 * masked with it. Patterns are matched without regard to case; a pattern marked case-sensitive is
 * then checked against the original text. Immutable once built; safe to share between threads.
 */
final class PatternSet {
  /**
   * One pattern: its text (without line breaks), whether case matters, whether to widen a hit to
   * its token.
   */
  record Pattern(String text, boolean caseSensitive, boolean wholeToken) {}

  /** Every pattern has at least this many chars ({@link Masker#MIN_LENGTH}). */
  static final int GRAM = 4;

  /** Patterns this long or longer are indexed by eight-char windows (fewer false hits). */
  static final int LONG_GRAM = 8;

  /** The most offsets a long pattern is indexed at (entries keep the offset in three bits). */
  private static final int MAX_STRIDE = 8;

  private static final int FILTER_BITS = 20;
  private static final int CHUNK = 8192;
  private static final int SKIP = -1;
  private static final int[] ASCII_FOLD = new int[128];

  static {
    for (int c = 0; c < 128; c++) {
      ASCII_FOLD[c] = c >= 'A' && c <= 'Z' ? c + 32 : c;
    }
    ASCII_FOLD['\n'] = SKIP;
    ASCII_FOLD['\r'] = SKIP;
  }

  static final PatternSet EMPTY = new PatternSet(List.of());

  private final Pattern[] patterns;
  private final char[][] folded;

  /** Patterns of 4 to 7 chars, by their first four chars (16 bits each). */
  private final Index shortIndex = new Index();

  /**
   * Longer patterns, by their windows of eight chars (8 bits each: a filter key, checked in full).
   */
  private final Index longIndex = new Index();

  /** The filter is tested on every {@code stride}-th counted char of the text (1 to 8). */
  private final int stride;

  PatternSet(List<Pattern> list) {
    this.patterns = list.stream().filter(p -> p.text().length() >= GRAM).toArray(Pattern[]::new);
    this.folded = new char[patterns.length][];
    int shortestLong = Integer.MAX_VALUE;
    for (int id = 0; id < patterns.length; id++) {
      String text = patterns[id].text();
      char[] f = new char[text.length()];
      for (int i = 0; i < f.length; i++) {
        f[i] = (char) fold(text.charAt(i));
      }
      folded[id] = f;
      if (f.length >= LONG_GRAM) {
        shortestLong = Math.min(shortestLong, f.length);
      } else {
        long key = 0;
        for (int i = 0; i < GRAM; i++) {
          key = (key << 16) | f[i];
        }
        shortIndex.add(key, id * MAX_STRIDE);
      }
    }
    this.stride = Math.max(1, Math.min(MAX_STRIDE, shortestLong - LONG_GRAM + 1));
    for (int id = 0; id < patterns.length; id++) {
      char[] f = folded[id];
      for (int offset = 0; f.length >= LONG_GRAM && offset < stride; offset++) {
        long key = 0;
        for (int i = offset; i < offset + LONG_GRAM; i++) {
          key = (key << 8) | (f[i] & 0xFF);
        }
        longIndex.add(key, id * MAX_STRIDE + offset);
      }
    }
    shortIndex.seal();
    longIndex.seal();
  }

  /** Patterns by a key of their first chars, behind a one-bit-per-key filter. */
  private static final class Index {
    final long[] filter = new long[1 << (FILTER_BITS - 6)];
    private final Map<Long, List<Integer>> building = new HashMap<>();
    final Map<Long, int[]> ids = new HashMap<>();

    void add(long key, int id) {
      building.computeIfAbsent(key, k -> new ArrayList<>()).add(id);
      int bit = bit(key);
      filter[bit >>> 6] |= 1L << bit;
    }

    void seal() {
      building.forEach(
          (key, list) -> ids.put(key, list.stream().mapToInt(Integer::intValue).toArray()));
      building.clear();
    }

    boolean isEmpty() {
      return ids.isEmpty();
    }
  }

  boolean isEmpty() {
    return patterns.length == 0;
  }

  /** Char-for-char case folding (so positions stay put); line breaks fold to nothing. */
  private static int fold(char c) {
    return c < 128 ? ASCII_FOLD[c] : Character.toLowerCase(c);
  }

  private static int bit(long key) {
    return (int) ((key * 0x9E3779B97F4A7C15L) >>> (64 - FILTER_BITS));
  }

  /**
   * The spans of {@code text} covered by any pattern, merged and in order, as {@code [start0, end0,
   * start1, ...]}; null when nothing matches (the common case, which allocates nothing).
   */
  int[] find(String text) {
    if (patterns.length == 0) {
      return null;
    }
    Spans spans = null;
    long key4 = 0;
    long key8 = 0;
    int n = text.length();
    int[] fold = ASCII_FOLD;
    long[] shortBits = shortIndex.filter;
    long[] longBits = longIndex.filter;
    boolean anyShort = !shortIndex.isEmpty();
    // The text is read in cache-sized chunks: one copy of a large answer (10 MB become 20 MB of
    // chars) cost more than the scan itself.
    int step = stride;
    int untilTest = step;
    char[] chunk = new char[Math.min(n, CHUNK)];
    for (int base = 0; base < n; base += chunk.length) {
      int length = Math.min(chunk.length, n - base);
      text.getChars(base, base + length, chunk, 0);
      for (int k = 0; k < length; k++) {
        char c = chunk[k];
        int f = c < 128 ? fold[c] : Character.toLowerCase(c);
        if (f == SKIP) {
          continue;
        }
        key8 = (key8 << 8) | (f & 0xFF);
        if (--untilTest == 0) {
          untilTest = step;
          int bit = (int) ((key8 * 0x9E3779B97F4A7C15L) >>> (64 - FILTER_BITS));
          if ((longBits[bit >>> 6] & (1L << bit)) != 0) {
            spans = candidates(text, base + k, longIndex.ids.get(key8), LONG_GRAM, spans);
          }
        }
        if (anyShort) {
          key4 = (key4 << 16) | f;
          int bit = (int) ((key4 * 0x9E3779B97F4A7C15L) >>> (64 - FILTER_BITS));
          if ((shortBits[bit >>> 6] & (1L << bit)) != 0) {
            spans = candidates(text, base + k, shortIndex.ids.get(key4), GRAM, spans);
          }
        }
      }
    }
    return spans == null ? null : spans.merged();
  }

  /**
   * Whether the ASCII bytes {@code [from, to)} hold any pattern: {@link #find} without spans, for
   * text that is already bytes (a connector's line on its way to a file).
   */
  boolean containsAscii(byte[] text, int from, int to) {
    if (patterns.length == 0) {
      return false;
    }
    if (stride == MAX_STRIDE && shortIndex.isEmpty()) {
      int words = containsAsciiByWords(text, from, to);
      if (words != LINE_BREAK) {
        return words == FOUND;
      }
    }
    long key4 = 0;
    long key8 = 0;
    long[] shortBits = shortIndex.filter;
    long[] longBits = longIndex.filter;
    boolean anyShort = !shortIndex.isEmpty();
    int step = stride;
    int untilTest = step;
    for (int i = from; i < to; i++) {
      int f = ASCII_FOLD[text[i] & 0x7F];
      if (f == SKIP) {
        continue;
      }
      key8 = (key8 << 8) | f;
      if (--untilTest == 0) {
        untilTest = step;
        int bit = (int) ((key8 * 0x9E3779B97F4A7C15L) >>> (64 - FILTER_BITS));
        if ((longBits[bit >>> 6] & (1L << bit)) != 0
            && matchesAscii(text, from, to, i, longIndex.ids.get(key8), LONG_GRAM)) {
          return true;
        }
      }
      if (anyShort) {
        key4 = (key4 << 16) | f;
        int bit = (int) ((key4 * 0x9E3779B97F4A7C15L) >>> (64 - FILTER_BITS));
        if ((shortBits[bit >>> 6] & (1L << bit)) != 0
            && matchesAscii(text, from, to, i, shortIndex.ids.get(key4), GRAM)) {
          return true;
        }
      }
    }
    return false;
  }

  private static final int FOUND = 1;
  private static final int NOT_FOUND = 0;
  private static final int LINE_BREAK = -1;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;

  /**
   * {@link #containsAscii} eight bytes at a time, when every pattern is long (the filter is tested
   * at every eighth char): each word of eight bytes from {@code from} is one key, lower-cased in
   * one step. The same keys as the byte loop's as long as no line break is skipped; a text with one
   * answers {@link #LINE_BREAK} and is left to the byte loop. A record line never has one, and this
   * scan runs on every record a sync stages.
   */
  private int containsAsciiByWords(byte[] text, int from, int to) {
    long[] longBits = longIndex.filter;
    for (int at = from; at + LONG_GRAM <= to; at += LONG_GRAM) {
      // spelled out: the server's C1-only JIT does not unroll the loop
      long word =
          ((long) (text[at] & 0x7F) << 56)
              | ((long) (text[at + 1] & 0x7F) << 48)
              | ((long) (text[at + 2] & 0x7F) << 40)
              | ((long) (text[at + 3] & 0x7F) << 32)
              | ((long) (text[at + 4] & 0x7F) << 24)
              | ((text[at + 5] & 0x7F) << 16)
              | ((text[at + 6] & 0x7F) << 8)
              | (text[at + 7] & 0x7F);
      if (hasByte(word, '\n') || hasByte(word, '\r')) {
        return LINE_BREAK;
      }
      long key = word | ((upperCaseLetters(word) & HIGH_BITS) >>> 2);
      int bit = (int) ((key * 0x9E3779B97F4A7C15L) >>> (64 - FILTER_BITS));
      if ((longBits[bit >>> 6] & (1L << bit)) != 0
          && matchesAscii(text, from, to, at + LONG_GRAM - 1, longIndex.ids.get(key), LONG_GRAM)) {
        return FOUND;
      }
    }
    return NOT_FOUND;
  }

  /** Whether a word of 7-bit bytes holds byte {@code b}. */
  private static boolean hasByte(long word, char b) {
    long x = word ^ (ONES * b);
    return ((x - ONES) & ~x & HIGH_BITS) != 0;
  }

  /** The high bit of each byte of a word of 7-bit bytes that is an upper-case ASCII letter. */
  private static long upperCaseLetters(long word) {
    long atLeastA = word + ONES * (0x80 - 'A');
    long aboveZ = word + ONES * (0x80 - 'Z' - 1);
    return atLeastA & ~aboveZ;
  }

  /**
   * Whether one of the index entries matches: entry {@code id * 8 + offset} names a pattern whose
   * {@code gram} chars from {@code offset} end at {@code last}.
   */
  private boolean matchesAscii(byte[] text, int from, int to, int last, int[] entries, int gram) {
    if (entries == null) {
      return false;
    }
    for (int entry : entries) {
      int id = entry / MAX_STRIDE;
      int start = last;
      for (int counted = 1; counted < gram + entry % MAX_STRIDE && start >= from; ) {
        if (--start >= from && ASCII_FOLD[text[start] & 0x7F] != SKIP) {
          counted++;
        }
      }
      if (start < from) {
        continue; // fewer chars than the pattern's first ones: the key only looked alike
      }
      char[] pattern = folded[id];
      String original = patterns[id].text();
      boolean exact = patterns[id].caseSensitive();
      int pos = start;
      int j = 0;
      while (j < pattern.length && pos < to) {
        int b = text[pos++] & 0x7F;
        int f = ASCII_FOLD[b];
        if (f == SKIP) {
          continue;
        }
        if (f != pattern[j] || (exact && b != original.charAt(j))) {
          break;
        }
        j++;
      }
      if (j == pattern.length) {
        return true;
      }
    }
    return false;
  }

  /**
   * The patterns whose {@code gram} chars from an entry's offset end at {@code last}: compared in
   * full from where the pattern would start.
   */
  private Spans candidates(String text, int last, int[] entries, int gram, Spans spans) {
    if (entries == null) {
      return spans;
    }
    for (int entry : entries) {
      int id = entry / MAX_STRIDE;
      int start = last;
      for (int counted = 1; counted < gram + entry % MAX_STRIDE && start >= 0; ) {
        if (--start >= 0 && fold(text.charAt(start)) != SKIP) {
          counted++;
        }
      }
      if (start < 0) {
        continue; // fewer chars than the pattern's first ones: the key only looked alike
      }
      int end = matchEnd(text, start, folded[id]);
      if (end < 0
          || (patterns[id].caseSensitive() && !sameText(text, start, end, patterns[id].text()))) {
        continue;
      }
      int from = start;
      int to = end;
      if (patterns[id].wholeToken()) {
        while (from > 0 && isTokenChar(text.charAt(from - 1))) {
          from--;
        }
        while (to < text.length() && isTokenChar(text.charAt(to))) {
          to++;
        }
      }
      if (spans == null) {
        spans = new Spans();
      }
      spans.add(from, to);
    }
    return spans;
  }

  /**
   * Where the folded pattern ends (exclusive) when it matches at {@code start}, line breaks
   * skipped; else -1.
   */
  private static int matchEnd(CharSequence text, int start, char[] pattern) {
    int pos = start;
    int n = text.length();
    for (int j = 0; j < pattern.length; pos++) {
      if (pos >= n) {
        return -1;
      }
      int f = fold(text.charAt(pos));
      if (f == SKIP) {
        continue;
      }
      if (f != pattern[j]) {
        return -1;
      }
      j++;
    }
    return pos;
  }

  private static boolean sameText(CharSequence text, int start, int end, String pattern) {
    int j = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        continue;
      }
      if (pattern.charAt(j++) != c) {
        return false;
      }
    }
    return true;
  }

  /** The chars of a Base64 (standard or URL-safe) token, padding included. */
  private static boolean isTokenChar(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '+'
        || c == '/'
        || c == '='
        || c == '-'
        || c == '_';
  }

  /**
   * Matched spans in the order found; merged (overlapping or touching spans become one) on the way
   * out.
   */
  private static final class Spans {
    private int[] pairs = new int[8];
    private int size;

    void add(int from, int to) {
      if (size + 2 > pairs.length) {
        pairs = Arrays.copyOf(pairs, pairs.length * 2);
      }
      pairs[size++] = from;
      pairs[size++] = to;
    }

    int[] merged() {
      int count = size / 2;
      long[] packed = new long[count];
      for (int k = 0; k < count; k++) {
        packed[k] = ((long) pairs[2 * k] << 32) | (pairs[2 * k + 1] & 0xffffffffL);
      }
      Arrays.sort(packed);
      int[] out = new int[size];
      int m = 0;
      for (long p : packed) {
        int from = (int) (p >>> 32);
        int to = (int) p;
        if (m > 0 && from <= out[m - 1]) {
          out[m - 1] = Math.max(out[m - 1], to);
        } else {
          out[m++] = from;
          out[m++] = to;
        }
      }
      return Arrays.copyOf(out, m);
    }
  }
}
