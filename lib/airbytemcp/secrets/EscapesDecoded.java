package airbytemcp.secrets;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A text with its {@code %XX} escapes (as UTF-8), its JSON backslash-u escapes and its HTML
 * character references ({@code &#43;}, {@code &#x2B;}, {@code &amp;}) decoded, in either hex case,
 * and where in the original each decoded char starts. {@code +} stays as it is (form encoding's
 * space has its own form in {@link SecretForms}); escapes that are no char stay too.
 */
final class EscapesDecoded {
  private static final String[] ASCII = new String[128];

  /** The longest HTML character reference read, {@code ;} included: {@code &#x10FFFF;}. */
  static final int MAX_REFERENCE = 11;

  static {
    for (int c = 0; c < ASCII.length; c++) {
      ASCII[c] = String.valueOf((char) c);
    }
  }

  private final String text;

  /**
   * Each decoded escape (in order) as four ints: where its char starts in {@link #text}, how many
   * chars it decoded to, where its escapes start in the original, how many chars they take there.
   * The text between escapes is the original's, so this is all it takes to map a position back.
   */
  private final int[] escapes;

  private final int count;

  private EscapesDecoded(String text, int[] escapes, int count) {
    this.text = text;
    this.escapes = escapes;
    this.count = count;
  }

  String text() {
    return text;
  }

  /** Copies the text between escapes in bulk: it runs over every char of a large answer. */
  static EscapesDecoded of(String text) {
    int n = text.length();
    char[] out = new char[n];
    int written = 0;
    int[] escapes = new int[16];
    int count = 0;
    int copied = 0;
    Escapes next = new Escapes(text);
    for (int i = next.from(0); i >= 0; i = next.from(i)) {
      String decoded;
      int length; // of the escapes in the original
      if (text.charAt(i) == '%') {
        int b = escapedByte(text, i);
        int bytes = b < 0 ? 0 : utf8Length(b);
        decoded = bytes == 0 ? null : bytes == 1 ? ASCII[b] : decodeCodePoint(text, i, bytes);
        length = 3 * bytes;
      } else if (text.charAt(i) == '&') {
        decoded = htmlReferenced(text, i);
        length = decoded == null ? 0 : referenceEnd(text, i) + 1 - i;
      } else {
        decoded = jsonEscaped(text, i);
        length = decoded == null ? 0 : 6 * decoded.length();
      }
      if (decoded == null) { // no escape, or escapes that are no char: kept as they are
        i++;
        continue;
      }
      text.getChars(copied, i, out, written);
      written += i - copied;
      if (4 * count + 4 > escapes.length) {
        escapes = Arrays.copyOf(escapes, escapes.length * 2);
      }
      escapes[4 * count] = written;
      escapes[4 * count + 1] = decoded.length();
      escapes[4 * count + 2] = i;
      escapes[4 * count + 3] = length;
      count++;
      decoded.getChars(0, decoded.length(), out, written);
      written += decoded.length();
      i += length;
      copied = i;
    }
    text.getChars(copied, n, out, written);
    written += n - copied;
    return new EscapesDecoded(new String(out, 0, written), escapes, count);
  }

  /**
   * The next {@code %}, backslash or {@code &} from ever later positions: each is searched for
   * again only once passed, so a text of nothing but escapes costs one pass, not one per escape.
   */
  private static final class Escapes {
    private static final char[] STARTS = {'%', '\\', '&'};
    private final String text;
    private final int[] next = {-2, -2, -2}; // -2: not searched yet; -1: none left

    Escapes(String text) {
      this.text = text;
    }

    int from(int from) {
      int first = -1;
      for (int k = 0; k < STARTS.length; k++) {
        if (next[k] == -2 || (next[k] >= 0 && next[k] < from)) {
          next[k] = text.indexOf(STARTS[k], from);
        }
        first = next[k] < 0 ? first : first < 0 ? next[k] : Math.min(first, next[k]);
      }
      return first;
    }
  }

  /** The {@code ;} ending an HTML character reference that starts at {@code at}; -1 if none. */
  private static int referenceEnd(String text, int at) {
    int to = Math.min(text.length(), at + MAX_REFERENCE);
    for (int i = at + 1; i < to; i++) {
      if (text.charAt(i) == ';') {
        return i;
      }
    }
    return -1;
  }

  /**
   * The char an HTML character reference at {@code at} stands for ({@code &#43;}, {@code &#x2B;},
   * or one of the five XML names); null when there is none.
   */
  static String htmlReferenced(String text, int at) {
    int end = referenceEnd(text, at);
    if (at + 1 >= text.length() || text.charAt(at) != '&' || end < 0) {
      return null;
    }
    String name = text.substring(at + 1, end);
    switch (name) {
      case "amp":
        return "&";
      case "lt":
        return "<";
      case "gt":
        return ">";
      case "quot":
        return "\"";
      case "apos":
        return "'";
      default:
        break;
    }
    boolean isHex = name.length() > 2 && (name.charAt(1) == 'x' || name.charAt(1) == 'X');
    if (name.length() < 2 || name.charAt(0) != '#') {
      return null;
    }
    int codePoint = 0;
    for (int k = isHex ? 2 : 1; k < name.length(); k++) {
      char c = name.charAt(k);
      int digit = isHex ? hex(c) : c >= '0' && c <= '9' ? c - '0' : -1;
      if (digit < 0 || codePoint > 0x10FFFF) {
        return null;
      }
      codePoint = codePoint * (isHex ? 16 : 10) + digit;
    }
    boolean isChar =
        codePoint <= 0x10FFFF && (codePoint > 0xFFFF || !Character.isSurrogate((char) codePoint));
    return isChar ? new String(Character.toChars(codePoint)) : null;
  }

  /**
   * The char a JSON escape at {@code at} stands for (two for a surrogate pair written as two
   * escapes); null when there is none, or only half of a pair.
   */
  static String jsonEscaped(String text, int at) {
    int unit = jsonUnit(text, at);
    if (unit < 0) {
      return null;
    }
    if (Character.isHighSurrogate((char) unit)) {
      int low = jsonUnit(text, at + 6);
      return low >= 0 && Character.isLowSurrogate((char) low)
          ? new String(new char[] {(char) unit, (char) low})
          : null;
    }
    return Character.isSurrogate((char) unit) ? null : String.valueOf((char) unit);
  }

  /** The UTF-16 unit of the backslash-u escape at {@code at}; -1 when there is none. */
  static int jsonUnit(String text, int at) {
    if (at + 5 >= text.length() || text.charAt(at) != '\\' || text.charAt(at + 1) != 'u') {
      return -1;
    }
    int unit = 0;
    for (int k = 2; k < 6; k++) {
      int digit = hex(text.charAt(at + k));
      if (digit < 0) {
        return -1;
      }
      unit = unit * 16 + digit;
    }
    return unit;
  }

  /**
   * Decoded spans {@code [from0, to0, from1, ...]} as spans of the original text (which then cover
   * the escapes).
   */
  int[] originalSpans(int[] spans) {
    int[] out = new int[spans.length];
    for (int k = 0; k < spans.length; k++) {
      out[k] = original(spans[k]);
    }
    return out;
  }

  /**
   * Where decoded position {@code at} is in the original; inside an escaped char (between the
   * halves of a surrogate pair), where its escapes start.
   */
  private int original(int at) {
    int low = 0;
    int high = count - 1;
    int last = -1; // the last escape that starts at or before at
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (escapes[4 * mid] <= at) {
        last = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    if (last < 0) {
      return at;
    }
    int decodedStart = escapes[4 * last];
    int decodedEnd = decodedStart + escapes[4 * last + 1];
    int originalStart = escapes[4 * last + 2];
    return at < decodedEnd
        ? originalStart
        : originalStart + escapes[4 * last + 3] + (at - decodedEnd);
  }

  /** The char of {@code length} escaped UTF-8 bytes from {@code at}; null when they are not one. */
  private static String decodeCodePoint(String text, int at, int length) {
    byte[] bytes = new byte[length];
    for (int k = 0; k < length; k++) {
      int b = escapedByte(text, at + 3 * k);
      if (b < 0 || (k > 0 && (b & 0xC0) != 0x80)) {
        return null;
      }
      bytes[k] = (byte) b;
    }
    String s = new String(bytes, StandardCharsets.UTF_8);
    return s.indexOf('\uFFFD') >= 0 ? null : s;
  }

  /** The byte the escape at {@code at} stands for; -1 when there is none. */
  static int escapedByte(String text, int at) {
    if (at + 2 >= text.length() || text.charAt(at) != '%') {
      return -1;
    }
    int high = hex(text.charAt(at + 1));
    int low = hex(text.charAt(at + 2));
    return high < 0 || low < 0 ? -1 : high * 16 + low;
  }

  /** The bytes of the UTF-8 sequence a lead byte starts; 0 for a byte no sequence starts with. */
  private static int utf8Length(int lead) {
    if (lead < 0x80) {
      return 1;
    }
    if (lead >= 0xC2 && lead < 0xE0) {
      return 2;
    }
    if (lead >= 0xE0 && lead < 0xF0) {
      return 3;
    }
    return lead >= 0xF0 && lead < 0xF5 ? 4 : 0;
  }

  static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
  }
}
