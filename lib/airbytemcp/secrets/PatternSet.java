package airbytemcp.secrets;

import java.util.Arrays;
import java.util.List;

/**
 * Finds every occurrence of many patterns in one pass over a text (Aho-Corasick over case-folded chars), so masking
 * costs the same for 5 registered secrets as for 500.
 *
 * <p>Matching ignores line breaks in the text ({@code \n}, {@code \r}): a secret cut in two by a line break (a
 * stderr tail joined line by line, a wrapped key) is still found, and the break is masked with it. Patterns are
 * matched without regard to case; a pattern marked case-sensitive is then checked against the original text.
 * Immutable once built; safe to share between threads.
 */
final class PatternSet {
  /** One pattern: its text (without line breaks), whether case matters, whether to widen a hit to its token. */
  record Pattern(String text, boolean caseSensitive, boolean wholeToken) {}

  private static final int SKIP = -1;
  private static final int[] ASCII_FOLD = new int[128];

  static {
    for (int c = 0; c < 128; c++) {
      ASCII_FOLD[c] = c >= 'A' && c <= 'Z' ? c + 32 : c;
    }
    ASCII_FOLD['\n'] = SKIP;
    ASCII_FOLD['\r'] = SKIP;
  }

  private final Pattern[] patterns;
  private final int[] foldedLength;
  /** Transitions out of the root, indexed by folded char (0 = stay at the root). */
  private final int[] rootNext = new int[65536];
  private final Transitions next;
  private final int[] fail;
  /** The first pattern ending at a node (-1: none); more in {@link #samePlace}. */
  private final int[] patternAt;
  private final int[] samePlace;
  /** The nearest proper suffix node where a pattern ends (-1: none). */
  private final int[] outputLink;

  static final PatternSet EMPTY = new PatternSet(List.of());

  PatternSet(List<Pattern> list) {
    this.patterns = list.toArray(Pattern[]::new);
    this.foldedLength = new int[patterns.length];
    this.samePlace = new int[patterns.length];
    Arrays.fill(samePlace, -1);
    int capacity = 1;
    for (Pattern p : patterns) {
      capacity += p.text().length();
    }
    Transitions build = new Transitions(capacity);
    int[] patternAtBuild = new int[capacity];
    Arrays.fill(patternAtBuild, -1);
    int[] depthParent = new int[capacity];
    int[] viaChar = new int[capacity];
    int nodes = 1;
    for (int id = 0; id < patterns.length; id++) {
      int node = 0;
      int length = 0;
      String text = patterns[id].text();
      for (int i = 0; i < text.length(); i++) {
        int f = fold(text.charAt(i));
        if (f == SKIP) {
          continue;
        }
        length++;
        int child = node == 0 ? rootNext[f] : build.get(node, f);
        if (child <= 0) {
          child = nodes++;
          depthParent[child] = node;
          viaChar[child] = f;
          if (node == 0) {
            rootNext[f] = child;
          } else {
            build.put(node, f, child);
          }
        }
        node = child;
      }
      foldedLength[id] = length;
      if (node != 0) {
        samePlace[id] = patternAtBuild[node];
        patternAtBuild[node] = id;
      }
    }
    this.next = build;
    this.patternAt = Arrays.copyOf(patternAtBuild, nodes);
    this.fail = new int[nodes];
    this.outputLink = new int[nodes];
    Arrays.fill(outputLink, -1);
    linkFailures(nodes, depthParent, viaChar);
  }

  /** Breadth-first: a node's failure is its parent's failure followed by the same char. */
  private void linkFailures(int nodes, int[] parent, int[] viaChar) {
    int[] order = breadthFirst(nodes, parent);
    for (int k = 0; k < nodes; k++) {
      int node = order[k];
      if (node == 0 || parent[node] == 0) {
        fail[node] = 0;
      } else {
        fail[node] = step(fail[parent[node]], viaChar[node]);
      }
      if (node != 0) {
        int f = fail[node];
        outputLink[node] = patternAt[f] >= 0 ? f : outputLink[f];
      }
    }
  }

  private static int[] breadthFirst(int nodes, int[] parent) {
    // children are created after their parents, so ordering by depth only needs the depth of each node
    int[] depth = new int[nodes];
    int max = 0;
    for (int node = 1; node < nodes; node++) {
      depth[node] = depth[parent[node]] + 1;
      max = Math.max(max, depth[node]);
    }
    int[] count = new int[max + 2];
    for (int node = 0; node < nodes; node++) {
      count[depth[node] + 1]++;
    }
    for (int d = 1; d < count.length; d++) {
      count[d] += count[d - 1];
    }
    int[] order = new int[nodes];
    for (int node = 0; node < nodes; node++) {
      order[count[depth[node]]++] = node;
    }
    return order;
  }

  private int step(int state, int f) {
    while (true) {
      if (state == 0) {
        return rootNext[f];
      }
      int child = next.get(state, f);
      if (child > 0) {
        return child;
      }
      state = fail[state];
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
   * The spans of {@code text} covered by any pattern, merged and in order, as {@code [start0, end0, start1, ...]};
   * null when nothing matches (the common case, which allocates nothing).
   */
  int[] find(CharSequence text) {
    if (patterns.length == 0) {
      return null;
    }
    Spans spans = null;
    int state = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      int f = c < 128 ? ASCII_FOLD[c] : Character.toLowerCase(c);
      if (f == SKIP) {
        continue;
      }
      state = step(state, f);
      if (state != 0 && (patternAt[state] >= 0 || outputLink[state] >= 0)) {
        spans = report(text, i, state, spans);
      }
    }
    return spans == null ? null : spans.merged();
  }

  private Spans report(CharSequence text, int end, int state, Spans spans) {
    for (int node = patternAt[state] >= 0 ? state : outputLink[state]; node >= 0; node = outputLink[node]) {
      for (int id = patternAt[node]; id >= 0; id = samePlace[id]) {
        int start = startOf(text, end, foldedLength[id]);
        Pattern p = patterns[id];
        if (p.caseSensitive() && !sameText(text, start, end, p.text())) {
          continue;
        }
        int from = start;
        int to = end + 1;
        if (p.wholeToken()) {
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
    }
    return spans;
  }

  /** Where a match of {@code length} folded chars ending at {@code end} starts, line breaks included. */
  private static int startOf(CharSequence text, int end, int length) {
    int i = end;
    int counted = 0;
    while (true) {
      if (fold(text.charAt(i)) != SKIP) {
        counted++;
        if (counted == length) {
          return i;
        }
      }
      i--;
    }
  }

  private static boolean sameText(CharSequence text, int start, int end, String pattern) {
    int j = 0;
    for (int i = start; i <= end; i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        continue;
      }
      while (j < pattern.length() && (pattern.charAt(j) == '\n' || pattern.charAt(j) == '\r')) {
        j++;
      }
      if (j >= pattern.length() || pattern.charAt(j) != c) {
        return false;
      }
      j++;
    }
    return true;
  }

  /** The chars of a Base64 (standard or URL-safe) token, padding included. */
  private static boolean isTokenChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
        || c == '+' || c == '/' || c == '=' || c == '-' || c == '_';
  }

  /** Matched spans in the order found; merged (overlapping or touching spans become one) on the way out. */
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

  /** Node-and-char to node, in one open-addressing table (most nodes have a single child). */
  private static final class Transitions {
    private long[] keys;
    private int[] values;
    private int mask;
    private int size;

    Transitions(int expected) {
      int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
      keys = new long[capacity];
      values = new int[capacity];
      Arrays.fill(keys, -1L);
      mask = capacity - 1;
    }

    int get(int node, int f) {
      long key = ((long) node << 16) | f;
      int i = hash(key) & mask;
      while (true) {
        long k = keys[i];
        if (k == key) {
          return values[i];
        }
        if (k == -1L) {
          return 0;
        }
        i = (i + 1) & mask;
      }
    }

    void put(int node, int f, int child) {
      if ((size + 1) * 2 > keys.length) {
        grow();
      }
      long key = ((long) node << 16) | f;
      int i = hash(key) & mask;
      while (keys[i] != -1L && keys[i] != key) {
        i = (i + 1) & mask;
      }
      if (keys[i] == -1L) {
        size++;
      }
      keys[i] = key;
      values[i] = child;
    }

    private void grow() {
      long[] oldKeys = keys;
      int[] oldValues = values;
      keys = new long[oldKeys.length * 2];
      values = new int[oldKeys.length * 2];
      Arrays.fill(keys, -1L);
      mask = keys.length - 1;
      size = 0;
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldKeys[i] != -1L) {
          put((int) (oldKeys[i] >>> 16), (int) (oldKeys[i] & 0xffff), oldValues[i]);
        }
      }
    }

    private static int hash(long key) {
      long h = key * 0x9E3779B97F4A7C15L;
      return (int) (h ^ (h >>> 29));
    }
  }
}
