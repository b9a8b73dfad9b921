package airbytemcp.secrets;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where a text holds the chars that start a second look for secrets: an escape ({@code %}, {@code
 * \}, {@code &}) that {@link EscapedSecrets} decodes, or an elision ({@code *}, {@code .}, {@code
 * •}, {@code …}) that {@link ElidedKeyEnds} reads around. Found in one pass, eight bytes at a time:
 * the server's C1-only JIT has no intrinsic for {@code String.indexOf}, so one scan per char cost
 * more than the search for every secret's forms in a large answer.
 */
final class MarkedChars {
  static final char BULLET = '\u2022';
  static final char ELLIPSIS = '\u2026';

  /**
   * The bytes looked at: the marks below 0x100, and {@code ?}, which a char above 0xFF (a bullet,
   * an ellipsis) becomes in the text's ISO-8859-1 bytes.
   */
  private static final byte[] CANDIDATES = {'%', '\\', '&', '*', '.', '?'};

  private static final boolean[] IS_CANDIDATE = new boolean[256];

  /** Shorter texts are read char by char rather than copied first. */
  private static final int SHORT = 64;

  static {
    for (byte b : CANDIDATES) {
      IS_CANDIDATE[b] = true;
    }
  }

  private final String text;
  private final int[] positions;
  private final int count;

  private MarkedChars(String text, int[] positions, int count) {
    this.text = text;
    this.positions = positions;
    this.count = count;
  }

  static MarkedChars of(String text) {
    Found found = new Found(text);
    if (text.length() < SHORT) {
      // a record's value, say: read without a copy
      for (int i = 0; i < text.length(); i++) {
        found.addIfMark(i);
      }
      return found.marks();
    }
    // a copy for a text of ISO-8859-1 chars (as Java stores it), which the scan reads eight at a
    // time
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    int n = bytes.length;
    if (n != text.length()) {
      // a surrogate pair became one byte, so bytes and chars no longer line up: char by char
      for (int i = 0; i < text.length(); i++) {
        found.addIfMark(i);
      }
      return found.marks();
    }
    int i = 0;
    for (; i + Long.BYTES <= n; i += Long.BYTES) {
      long w = ByteWords.at(bytes, i);
      if ((ByteWords.has(w, 0x2525252525252525L)
              | ByteWords.has(w, 0x5C5C5C5C5C5C5C5CL)
              | ByteWords.has(w, 0x2626262626262626L)
              | ByteWords.has(w, 0x2A2A2A2A2A2A2A2AL)
              | ByteWords.has(w, 0x2E2E2E2E2E2E2E2EL)
              | ByteWords.has(w, 0x3F3F3F3F3F3F3F3FL))
          == 0) {
        continue;
      }
      for (int j = i; j < i + Long.BYTES; j++) {
        if (IS_CANDIDATE[bytes[j] & 0xFF]) {
          found.addIfMark(j);
        }
      }
    }
    for (; i < n; i++) {
      if (IS_CANDIDATE[bytes[i] & 0xFF]) {
        found.addIfMark(i);
      }
    }
    return found.marks();
  }

  /** The positions found so far, in order. */
  private static final class Found {
    private final String text;
    private int[] positions = new int[16];
    private int count;

    Found(String text) {
      this.text = text;
    }

    void addIfMark(int at) {
      if (isMark(text.charAt(at))) {
        positions = count == positions.length ? Arrays.copyOf(positions, 2 * count) : positions;
        positions[count++] = at;
      }
    }

    MarkedChars marks() {
      return new MarkedChars(text, positions, count);
    }
  }

  private static boolean isMark(char c) {
    return c == '%'
        || c == '\\'
        || c == '&'
        || c == '*'
        || c == '.'
        || c == BULLET
        || c == ELLIPSIS;
  }

  int count() {
    return count;
  }

  /** The position in the text of the {@code k}-th mark. */
  int position(int k) {
    return positions[k];
  }

  /** The {@code k}-th mark itself. */
  char mark(int k) {
    return text.charAt(positions[k]);
  }

  /** The index of the first mark at or after position {@code start}; {@link #count} if none. */
  int firstFrom(int start) {
    int k = Arrays.binarySearch(positions, 0, count, start);
    return k >= 0 ? k : -k - 1;
  }
}
