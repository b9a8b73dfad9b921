package airbytemcp.secrets;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * Finds every occurrence of many patterns in one pass over a text, so masking costs about the same
 * for 5 registered secrets as for 500.
 *
 * <p>Patterns of eight chars or more ("long") are indexed by their windows of {@link #LONG_GRAM}
 * chars at offsets {@code 0 .. step-1}, where {@code step} is the shortest long pattern's length
 * minus {@code LONG_GRAM - 1} (at most {@link #MAX_STEP}). Every occurrence then holds an indexed
 * window ending within any {@code step} consecutive chars of it, so the scan only needs to look at
 * one window every {@code step} chars (Wu–Manber's sampling): for secrets of 16 chars and more it
 * reads 5 chars out of every 12 and skips the rest, which is why it is cheap also under the
 * server's C1-only JIT (no loop is unrolled or vectorised there: the cost is the chars read). Each
 * window's key is tested against a small bit filter; only at the rare windows that pass are the
 * patterns looked up and compared in full.
 *
 * <p>Patterns of four to seven chars ("short") are indexed by their first four chars; a set with
 * any of them is scanned char by char, testing the short index at every char and the long one at
 * every {@code step}-th.
 *
 * <p>Why not a library Aho-Corasick automaton: {@code org.ahocorasick:ahocorasick} 0.6.3, tried on
 * the bench's 10 MB against 500 secrets (5,348 patterns), took seconds to build and 1.6 to 3.2 s
 * per scan (a hash map per trie state and a boxed char per step), against tens of ms here; a dense
 * automaton over that many pattern chars needs tens of MB of tables.
 *
 * <p>Matching ignores line breaks in the text ({@code \n}, {@code \r}): a secret cut in two by a
 * line break (a stderr tail joined line by line, a wrapped key) is still found, and the break is
 * masked with it. A sampled window is therefore the last {@code LONG_GRAM} chars that are not line
 * breaks up to the sampled position: any {@code step} consecutive chars of an occurrence, breaks or
 * not, span at least {@code step} positions of the text, so one sample still falls among them.
 * Patterns are matched without regard to case; a pattern marked case-sensitive is then checked
 * against the original text. Immutable once built; safe to share between threads.
 */
final class PatternSet {
  /**
   * One pattern: its text (without line breaks), whether case matters, whether to widen a hit to
   * its token.
   */
  record Pattern(String text, boolean caseSensitive, boolean wholeToken) {}

  /** Every pattern has at least this many chars ({@link Masker#MIN_LENGTH}). */
  static final int GRAM = 4;

  /** Patterns this long or longer are long: indexed by windows of {@link #LONG_GRAM} chars. */
  static final int LONG_FROM = 8;

  /**
   * The chars of a long pattern's window: five keep the scan selective (a random window of letters
   * and digits hits one of 60,000 indexed windows about once in a thousand) while it reads less
   * than half the text.
   */
  static final int LONG_GRAM = 5;

  /**
   * The most offsets a long pattern is indexed at (a power of two: an index entry is {@code id *
   * MAX_STEP + offset}); more offsets would grow the index faster than they save.
   */
  static final int MAX_STEP = 16;

  /** The chars of a key of recent chars (a long holds eight of their low bytes). */
  private static final int RECENT = 8;

  private static final int SKIP = -1;

  /** Eight bytes as one long, the first one highest: one load also under the C1-only JIT. */
  private static final VarHandle BIG_ENDIAN_WORDS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private static final int CHUNK = 8192;
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final int[] ASCII_FOLD = new int[128];

  /**
   * Per char, the low byte of its folded form, which is what window keys are made of; 0 for a line
   * break (a window holding a 0 is read again the careful way, as a few other chars also give 0).
   */
  private static final byte[] KEY_BYTE = new byte[Character.MAX_VALUE + 1];

  static {
    for (int c = 0; c < 128; c++) {
      ASCII_FOLD[c] = c >= 'A' && c <= 'Z' ? c + 32 : c;
    }
    ASCII_FOLD['\n'] = SKIP;
    ASCII_FOLD['\r'] = SKIP;
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      int f = fold((char) c);
      KEY_BYTE[c] = f == SKIP ? 0 : (byte) f;
    }
  }

  static final PatternSet EMPTY = new PatternSet(List.of());

  private final Pattern[] patterns;
  private final char[][] folded;

  /** Each pattern's own chars, for the case-sensitive check (a String's charAt costs a call). */
  private final char[][] originals;

  /** Patterns of 4 to 7 chars, by their first four chars; null when there are none. */
  private final Index shortIndex;

  /** Long patterns, by their windows at offsets {@code 0 .. step-1}; null when there are none. */
  private final Index longIndex;

  /** A window of the text is tested every {@code step} chars (1 to {@link #MAX_STEP}). */
  private final int step;

  PatternSet(List<Pattern> list) {
    this.patterns = list.stream().filter(p -> p.text().length() >= GRAM).toArray(Pattern[]::new);
    this.folded = new char[patterns.length][];
    this.originals = new char[patterns.length][];
    int shortestLong = Integer.MAX_VALUE;
    Index.Builder shorts = new Index.Builder();
    for (int id = 0; id < patterns.length; id++) {
      String text = patterns[id].text();
      char[] f = new char[text.length()];
      for (int i = 0; i < f.length; i++) {
        f[i] = (char) fold(text.charAt(i));
      }
      folded[id] = f;
      originals[id] = text.toCharArray();
      if (f.length >= LONG_FROM) {
        shortestLong = Math.min(shortestLong, f.length);
      } else {
        shorts.add(key(f, 0, GRAM), id * MAX_STEP, f, GRAM);
      }
    }
    this.step = Math.max(1, Math.min(MAX_STEP, shortestLong - LONG_GRAM + 1));
    Index.Builder longs = new Index.Builder();
    for (int id = 0; id < patterns.length; id++) {
      char[] f = folded[id];
      for (int offset = 0; f.length >= LONG_FROM && offset < step; offset++) {
        longs.add(key(f, offset, LONG_GRAM), id * MAX_STEP + offset, f, offset + LONG_GRAM);
      }
    }
    this.shortIndex = shorts.build();
    this.longIndex = longs.build();
  }

  /**
   * The key of {@code length} folded chars from {@code from}: their low bytes, first one highest.
   */
  private static long key(char[] folded, int from, int length) {
    long key = 0;
    for (int i = from; i < from + length; i++) {
      key = (key << 8) | (folded[i] & 0xFF);
    }
    return key;
  }

  /**
   * Pattern entries by key: a one-bit-per-key filter in front of an open-addressing table whose
   * slots point into one array of entries.
   */
  private static final class Index {
    final int filterShift;
    final long[] filter;
    final int tableShift;
    final long[] keys;

    /** A slot's entries are {@code entries[starts[slot]] .. entries[starts[slot + 1] - 1]}. */
    final int[] starts;

    final int[] entries;

    /**
     * Per entry, the pattern's last (up to) eight chars up to the end of its window, and which
     * bytes of a key of eight chars they fill: a cheap second test before a full comparison.
     * Windows of five chars can be common (the list forms of all secrets share {@code ", "} and hit
     * every JSON object), eight rarely are.
     */
    final long[] tails;

    final long[] tailMasks;

    /**
     * Per entry, the pattern's (up to) eight chars after its window, first one lowest, and which
     * bytes they fill: a third test, for windows the text holds often whose patterns then differ (a
     * stream named like the start of every secret), before the comparison from the start.
     */
    final long[] aheads;

    final long[] aheadMasks;

    /**
     * Per entry, the next entry of its slot whose tail differs, and the next whose tail or ahead
     * differs. A slot's entries are sorted by their tests, so when one entry fails a test, every
     * entry up to there fails it too: secrets of one kind share their first chars ({@code
     * sk_live_}, {@code ghp_}) and so a slot, and text that looks like their start then costs one
     * test, not one per secret.
     */
    final int[] nextOtherTail;

    final int[] nextOtherTest;

    private Index(Builder b) {
      this(b.keys, b.ids, b.tails, b.masks, b.aheads, b.aheadMasks, b.count);
    }

    private Index(
        long[] entryKeys,
        int[] entryIds,
        long[] entryTails,
        long[] entryMasks,
        long[] entryAheads,
        long[] entryAheadMasks,
        int count) {
      int filterBits = Math.max(10, Math.min(22, bitsFor(count) + 4)); // about 16 bits per key
      this.filterShift = 64 - filterBits;
      this.filter = new long[1 << (filterBits - 6)];
      int tableBits = bitsFor(count) + 1;
      this.tableShift = 64 - tableBits;
      this.keys = new long[1 << tableBits];
      this.starts = new int[keys.length + 1];
      this.entries = new int[count];
      this.tails = new long[count];
      this.tailMasks = new long[count];
      this.aheads = new long[count];
      this.aheadMasks = new long[count];
      int mask = keys.length - 1;
      int[] slotOf = new int[count];
      int[] counts = new int[keys.length];
      for (int e = 0; e < count; e++) {
        long key = entryKeys[e];
        long hash = key * GOLDEN;
        int bit = (int) (hash >>> filterShift);
        filter[bit >>> 6] |= 1L << bit;
        int slot = (int) (hash >>> tableShift);
        while (counts[slot] != 0 && keys[slot] != key) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        counts[slot]++;
        slotOf[e] = slot;
      }
      for (int slot = 0; slot < keys.length; slot++) {
        starts[slot + 1] = starts[slot] + counts[slot];
      }
      for (int e = count - 1; e >= 0; e--) {
        int at = starts[slotOf[e]] + --counts[slotOf[e]];
        entries[at] = entryIds[e];
        tails[at] = entryTails[e];
        tailMasks[at] = entryMasks[e];
        aheads[at] = entryAheads[e];
        aheadMasks[at] = entryAheadMasks[e];
      }
      this.nextOtherTail = new int[count];
      this.nextOtherTest = new int[count];
      for (int slot = 0; slot < keys.length; slot++) {
        sortByTests(starts[slot], starts[slot + 1]);
        for (int e = starts[slot + 1] - 1; e >= starts[slot]; e--) {
          boolean last = e + 1 == starts[slot + 1];
          nextOtherTail[e] = last || !sameTail(e, e + 1) ? e + 1 : nextOtherTail[e + 1];
          nextOtherTest[e] =
              last || !sameTail(e, e + 1) || !sameAhead(e, e + 1) ? e + 1 : nextOtherTest[e + 1];
        }
      }
    }

    private boolean sameTail(int a, int b) {
      return tails[a] == tails[b] && tailMasks[a] == tailMasks[b];
    }

    private boolean sameAhead(int a, int b) {
      return aheads[a] == aheads[b] && aheadMasks[a] == aheadMasks[b];
    }

    /**
     * Sorts entries {@code [from, to)} by tail, then ahead: in place for the usual small slot, by
     * an index sort for a large one (many secrets sharing a window), so that a config holding
     * thousands of look-alike values cannot make a rebuild quadratic.
     */
    private void sortByTests(int from, int to) {
      if (to - from > SMALL_SLOT) {
        sortLarge(from, to);
        return;
      }
      for (int i = from + 1; i < to; i++) {
        int entry = entries[i];
        long tail = tails[i];
        long tailMask = tailMasks[i];
        long ahead = aheads[i];
        long aheadMask = aheadMasks[i];
        int j = i - 1;
        while (j >= from && compareTests(j, tailMask, tail, aheadMask, ahead) > 0) {
          entries[j + 1] = entries[j];
          tails[j + 1] = tails[j];
          tailMasks[j + 1] = tailMasks[j];
          aheads[j + 1] = aheads[j];
          aheadMasks[j + 1] = aheadMasks[j];
          j--;
        }
        entries[j + 1] = entry;
        tails[j + 1] = tail;
        tailMasks[j + 1] = tailMask;
        aheads[j + 1] = ahead;
        aheadMasks[j + 1] = aheadMask;
      }
    }

    private static final int SMALL_SLOT = 32;

    private void sortLarge(int from, int to) {
      Integer[] order = new Integer[to - from];
      for (int i = 0; i < order.length; i++) {
        order[i] = from + i;
      }
      Arrays.sort(
          order, (a, b) -> compareTests(a, tailMasks[b], tails[b], aheadMasks[b], aheads[b]));
      int[] sortedEntries = new int[order.length];
      long[][] sorted = new long[4][order.length];
      for (int i = 0; i < order.length; i++) {
        int e = order[i];
        sortedEntries[i] = entries[e];
        sorted[0][i] = tails[e];
        sorted[1][i] = tailMasks[e];
        sorted[2][i] = aheads[e];
        sorted[3][i] = aheadMasks[e];
      }
      System.arraycopy(sortedEntries, 0, entries, from, order.length);
      System.arraycopy(sorted[0], 0, tails, from, order.length);
      System.arraycopy(sorted[1], 0, tailMasks, from, order.length);
      System.arraycopy(sorted[2], 0, aheads, from, order.length);
      System.arraycopy(sorted[3], 0, aheadMasks, from, order.length);
    }

    private int compareTests(int e, long tailMask, long tail, long aheadMask, long ahead) {
      int c = Long.compare(tailMasks[e], tailMask);
      if (c == 0) {
        c = Long.compare(tails[e], tail);
      }
      if (c == 0) {
        c = Long.compare(aheadMasks[e], aheadMask);
      }
      return c != 0 ? c : Long.compare(aheads[e], ahead);
    }

    private static int bitsFor(int count) {
      return Math.max(1, 32 - Integer.numberOfLeadingZeros(count));
    }

    /** Whether the filter lets the key through (rarely, for a key not indexed). */
    boolean mayHold(long key) {
      int bit = (int) ((key * GOLDEN) >>> filterShift);
      return (filter[bit >>> 6] & (1L << bit)) != 0;
    }

    /** The slot holding the key's entries, or -1. */
    int slot(long key) {
      int mask = keys.length - 1;
      for (int slot = (int) ((key * GOLDEN) >>> tableShift); starts[slot] != starts[slot + 1]; ) {
        if (keys[slot] == key) {
          return slot;
        }
        slot = (slot + 1) & mask;
      }
      return -1;
    }

    /** Collects (key, entry) pairs in plain arrays: boxing them cost most of a rebuild. */
    static final class Builder {
      private long[] keys = new long[64];
      private int[] ids = new int[64];
      private long[] tails = new long[64];
      private long[] masks = new long[64];
      private long[] aheads = new long[64];
      private long[] aheadMasks = new long[64];
      private int count;

      /** An entry whose window ends before {@code folded[end]}. */
      void add(long key, int id, char[] folded, int end) {
        if (count == keys.length) {
          keys = Arrays.copyOf(keys, count * 2);
          ids = Arrays.copyOf(ids, count * 2);
          tails = Arrays.copyOf(tails, count * 2);
          masks = Arrays.copyOf(masks, count * 2);
          aheads = Arrays.copyOf(aheads, count * 2);
          aheadMasks = Arrays.copyOf(aheadMasks, count * 2);
        }
        int length = Math.min(end, RECENT);
        keys[count] = key;
        ids[count] = id;
        tails[count] = key(folded, end - length, length);
        masks[count] = mask(length);
        int after = Math.min(folded.length - end, RECENT);
        long ahead = 0;
        for (int i = 0; i < after; i++) {
          ahead |= (long) (folded[end + i] & 0xFF) << (8 * i);
        }
        aheads[count] = ahead;
        aheadMasks[count++] = mask(after);
      }

      private static long mask(int chars) {
        return chars == RECENT ? -1L : (1L << (8 * chars)) - 1;
      }

      Index build() {
        return count == 0 ? null : new Index(this);
      }
    }
  }

  boolean isEmpty() {
    return patterns.length == 0;
  }

  /** Char-for-char case folding (so positions stay put); line breaks fold to nothing. */
  private static int fold(char c) {
    return c < 128 ? ASCII_FOLD[c] : Character.toLowerCase(c);
  }

  /**
   * The spans of {@code text} covered by any pattern, merged and in order, as {@code [start0, end0,
   * start1, ...]}; null when nothing matches (the common case, which allocates nothing).
   */
  int[] find(String text) {
    if (patterns.length == 0) {
      return null;
    }
    Spans spans = shortIndex == null ? findSampled(text) : findCharByChar(text);
    return spans == null ? null : spans.merged();
  }

  /** Two results of {@link #find} as one (either may be null). */
  static int[] union(int[] a, int[] b) {
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    Spans spans = new Spans();
    for (int[] each : new int[][] {a, b}) {
      for (int k = 0; k < each.length; k += 2) {
        spans.add(each[k], each[k + 1]);
      }
    }
    return spans.merged();
  }

  /** {@link #find} when every pattern is long: one window every {@code step} chars. */
  private Spans findSampled(String text) {
    Spans spans = null;
    Index index = longIndex;
    byte[] keyByte = KEY_BYTE;
    int n = text.length();
    for (int at = LONG_GRAM - 1; at < n; at += step) {
      // spelled out: the server's C1-only JIT does not unroll loops
      int k0 = keyByte[text.charAt(at - 4)] & 0xFF;
      int k1 = keyByte[text.charAt(at - 3)] & 0xFF;
      int k2 = keyByte[text.charAt(at - 2)] & 0xFF;
      int k3 = keyByte[text.charAt(at - 1)] & 0xFF;
      int k4 = keyByte[text.charAt(at)] & 0xFF;
      long key;
      int last = at;
      if (((k0 - 1) | (k1 - 1) | (k2 - 1) | (k3 - 1) | (k4 - 1)) >= 0) {
        key = ((long) k0 << 32) | ((long) k1 << 24) | (k2 << 16) | (k3 << 8) | k4;
      } else {
        // a line break (or a char whose key byte is 0) among them: the window is the last chars
        // that are not line breaks
        while (last >= 0 && fold(text.charAt(last)) == SKIP) {
          last--;
        }
        key = windowBefore(text, last);
        if (key < 0) {
          continue;
        }
      }
      if (index.mayHold(key)) {
        int slot = index.slot(key);
        if (slot >= 0) {
          spans = candidates(text, last, recentChars(text, last), index, slot, LONG_GRAM, spans);
        }
      }
    }
    return spans;
  }

  /**
   * The key of the last eight chars up to {@code last} that are not line breaks; 0 bytes for chars
   * before the text's start.
   */
  private static long recentChars(String text, int last) {
    return charsBefore(text, last, RECENT, false);
  }

  /**
   * The key of the {@link #LONG_GRAM} chars that are not line breaks ending at {@code last} (itself
   * none), or -1 when the text has fewer before it.
   */
  private static long windowBefore(String text, int last) {
    return charsBefore(text, last, LONG_GRAM, true);
  }

  /**
   * The folded key of up to {@code wanted} chars that are not line breaks, ending at {@code last}.
   */
  private static long charsBefore(String text, int last, int wanted, boolean allWanted) {
    long key = 0;
    int counted = 0;
    for (int i = last; i >= 0 && counted < wanted; i--) {
      int f = fold(text.charAt(i));
      if (f != SKIP) {
        key |= (long) (f & 0xFF) << (8 * counted++);
      }
    }
    return allWanted && counted < wanted ? -1 : key;
  }

  /** {@link #find} when there are short patterns: every char is looked at. */
  private Spans findCharByChar(String text) {
    Spans spans = null;
    long recent = 0;
    long longMask = (1L << (8 * LONG_GRAM)) - 1;
    int n = text.length();
    int[] fold = ASCII_FOLD;
    Index shorts = shortIndex;
    Index longs = longIndex;
    int untilTest = step;
    int counted = 0;
    // The text is read in cache-sized chunks: one copy of a large answer (10 MB become 20 MB of
    // chars) cost more than the scan itself.
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
        counted++;
        recent = (recent << 8) | (f & 0xFF);
        if (--untilTest == 0) {
          untilTest = step;
          long key = recent & longMask;
          if (longs != null && counted >= LONG_GRAM && longs.mayHold(key)) {
            int slot = longs.slot(key);
            if (slot >= 0) {
              spans = candidates(text, base + k, recent, longs, slot, LONG_GRAM, spans);
            }
          }
        }
        long key4 = recent & 0xFFFFFFFFL;
        if (counted >= GRAM && shorts.mayHold(key4)) {
          int slot = shorts.slot(key4);
          if (slot >= 0) {
            spans = candidates(text, base + k, recent, shorts, slot, GRAM, spans);
          }
        }
      }
    }
    return spans;
  }

  /**
   * Whether the ASCII bytes {@code [from, to)} hold any pattern: {@link #find} without spans, for
   * text that is already bytes (a connector's line on its way to a file).
   */
  boolean containsAscii(byte[] text, int from, int to) {
    if (patterns.length == 0) {
      return false;
    }
    return shortIndex == null
        ? containsAsciiSampled(text, from, to)
        : containsAsciiByteByByte(text, from, to);
  }

  /** {@link #containsAscii} when every pattern is long; runs on every record a sync stages. */
  private boolean containsAsciiSampled(byte[] text, int from, int to) {
    Index index = longIndex;
    byte[] keyByte = KEY_BYTE;
    int lastWord = text.length - Long.BYTES + LONG_GRAM - 1; // a long read at at - 4 fits
    for (int at = from + LONG_GRAM - 1; at < to; at += step) {
      if (at <= lastWord) {
        long key = asciiKey((long) BIG_ENDIAN_WORDS.get(text, at - (LONG_GRAM - 1)));
        if (key >= 0) {
          if (index.mayHold(key)) {
            int slot = index.slot(key);
            if (slot >= 0
                && matchesAscii(
                    text, from, to, at, recentAscii(text, from, at), index, slot, LONG_GRAM)) {
              return true;
            }
          }
          continue;
        }
        // a line break or a NUL in the window: read the careful way below
      }
      int k0 = keyByte[text[at - 4] & 0x7F] & 0xFF;
      int k1 = keyByte[text[at - 3] & 0x7F] & 0xFF;
      int k2 = keyByte[text[at - 2] & 0x7F] & 0xFF;
      int k3 = keyByte[text[at - 1] & 0x7F] & 0xFF;
      int k4 = keyByte[text[at] & 0x7F] & 0xFF;
      long key;
      int last = at;
      if (((k0 - 1) | (k1 - 1) | (k2 - 1) | (k3 - 1) | (k4 - 1)) >= 0) {
        key = ((long) k0 << 32) | ((long) k1 << 24) | (k2 << 16) | (k3 << 8) | k4;
      } else {
        while (last >= from && ASCII_FOLD[text[last] & 0x7F] == SKIP) {
          last--;
        }
        key = asciiWindowBefore(text, from, last);
        if (key < 0) {
          continue;
        }
      }
      if (index.mayHold(key)) {
        int slot = index.slot(key);
        if (slot >= 0
            && matchesAscii(
                text, from, to, last, recentAscii(text, from, last), index, slot, LONG_GRAM)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The window key of the first five bytes of {@code word} (the first one highest), folded as
   * {@link #KEY_BYTE} folds ASCII, built with a few long operations instead of five table reads; -1
   * when one of them is a line break or a NUL, whose key byte is 0.
   */
  private static long asciiKey(long word) {
    long w = (word >>> 24) & 0x7F7F7F7F7FL; // the bytes the scan reads, as & 0x7F reads them
    // 'A'..'Z' get 0x20 added: the top bit of b + 0x3F is set from 'A' on, of b + 0x25 from '['
    long upper = (w + 0x3F3F3F3F3FL) & ~(w + 0x2525252525L) & 0x8080808080L;
    w |= upper >>> 2;
    long newline = w ^ 0x0A0A0A0A0AL;
    long carriage = w ^ 0x0D0D0D0D0DL;
    long zero =
        ((w - 0x0101010101L) & ~w)
            | ((newline - 0x0101010101L) & ~newline)
            | ((carriage - 0x0101010101L) & ~carriage);
    return (zero & 0x8080808080L) == 0 ? w : -1;
  }

  private static long recentAscii(byte[] text, int from, int last) {
    long key = 0;
    int counted = 0;
    for (int i = last; i >= from && counted < RECENT; i--) {
      int f = ASCII_FOLD[text[i] & 0x7F];
      if (f != SKIP) {
        key |= (long) f << (8 * counted++);
      }
    }
    return key;
  }

  /**
   * The key of the (up to) eight chars that are not line breaks after {@code last}, first one
   * lowest; 0 bytes past {@code to}, where no pattern can go on.
   */
  private static long aheadAscii(byte[] text, int last, int to) {
    long key = 0;
    int counted = 0;
    for (int i = last + 1; i < to && counted < RECENT; i++) {
      int f = ASCII_FOLD[text[i] & 0x7F];
      if (f != SKIP) {
        key |= (long) f << (8 * counted++);
      }
    }
    return key;
  }

  private static long asciiWindowBefore(byte[] text, int from, int last) {
    long key = 0;
    int counted = 0;
    for (int i = last; i >= from && counted < LONG_GRAM; i--) {
      int f = ASCII_FOLD[text[i] & 0x7F];
      if (f != SKIP) {
        key |= (long) f << (8 * counted++);
      }
    }
    return counted == LONG_GRAM ? key : -1;
  }

  /** {@link #containsAscii} when there are short patterns. */
  private boolean containsAsciiByteByByte(byte[] text, int from, int to) {
    long recent = 0;
    long longMask = (1L << (8 * LONG_GRAM)) - 1;
    Index shorts = shortIndex;
    Index longs = longIndex;
    int untilTest = step;
    int counted = 0;
    for (int i = from; i < to; i++) {
      int f = ASCII_FOLD[text[i] & 0x7F];
      if (f == SKIP) {
        continue;
      }
      counted++;
      recent = (recent << 8) | f;
      if (--untilTest == 0) {
        untilTest = step;
        long key = recent & longMask;
        if (longs != null && counted >= LONG_GRAM && longs.mayHold(key)) {
          int slot = longs.slot(key);
          if (slot >= 0 && matchesAscii(text, from, to, i, recent, longs, slot, LONG_GRAM)) {
            return true;
          }
        }
      }
      long key4 = recent & 0xFFFFFFFFL;
      if (counted >= GRAM && shorts.mayHold(key4)) {
        int slot = shorts.slot(key4);
        if (slot >= 0 && matchesAscii(text, from, to, i, recent, shorts, slot, GRAM)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether one of a slot's entries matches: entry {@code id * MAX_STEP + offset} names a pattern
   * whose {@code gram} chars from {@code offset} end at {@code last}; {@code recent} is the key of
   * the eight chars up to there.
   */
  private boolean matchesAscii(
      byte[] text, int from, int to, int last, long recent, Index index, int slot, int gram) {
    long ahead = aheadAscii(text, last, to);
    for (int e = index.starts[slot]; e < index.starts[slot + 1]; ) {
      if ((recent & index.tailMasks[e]) != index.tails[e]) {
        e = index.nextOtherTail[e];
        continue;
      }
      if ((ahead & index.aheadMasks[e]) != index.aheads[e]) {
        e = index.nextOtherTest[e];
        continue;
      }
      int entry = index.entries[e];
      int id = entry / MAX_STEP;
      int start = last;
      for (int counted = 1; counted < gram + entry % MAX_STEP && start >= from; ) {
        if (--start >= from && ASCII_FOLD[text[start] & 0x7F] != SKIP) {
          counted++;
        }
      }
      if (start < from) {
        e++;
        continue; // fewer chars than the pattern's first ones: the key only looked alike
      }
      char[] pattern = folded[id];
      char[] original = originals[id];
      boolean exact = patterns[id].caseSensitive();
      int pos = start;
      int j = 0;
      while (j < pattern.length && pos < to) {
        int b = text[pos++] & 0x7F;
        int f = ASCII_FOLD[b];
        if (f == SKIP) {
          continue;
        }
        if (f != pattern[j] || (exact && b != original[j])) {
          break;
        }
        j++;
      }
      if (j == pattern.length) {
        return true;
      }
      e++;
    }
    return false;
  }

  /**
   * The patterns of a slot whose {@code gram} chars from an entry's offset end at {@code last}
   * ({@code recent} is the key of the eight chars up to there): compared in full from where the
   * pattern would start.
   */
  private Spans candidates(
      String text, int last, long recent, Index index, int slot, int gram, Spans spans) {
    for (int e = index.starts[slot]; e < index.starts[slot + 1]; e++) {
      if ((recent & index.tailMasks[e]) != index.tails[e]) {
        e = index.nextOtherTail[e] - 1;
        continue;
      }
      int entry = index.entries[e];
      int id = entry / MAX_STEP;
      int start = last;
      for (int counted = 1; counted < gram + entry % MAX_STEP && start >= 0; ) {
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
