package airbytemcp.secrets;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;

/**
 * Finds secrets that are partly %-encoded or partly written as JSON backslash-u escapes. Encoders
 * differ in which chars they escape (OkHttp's path escapes {@code ^} but keeps {@code !}, Python's
 * requests keeps {@code /}, .NET's JSON writer escapes {@code + " `} and Go's {@code & < >}), so
 * instead of one form per encoder the text around an escape is decoded ({@link EscapesDecoded}) and
 * searched again: there a secret is the same whatever subset of its chars was escaped, in either
 * hex case.
 *
 * <p>Only escapes of a char some secret has count ({@code %20} in a URL is no lead unless a secret
 * holds a space), and only the text within reach of them is decoded and searched: the second pass
 * costs nothing for text without such escapes, and little for text with a few.
 */
final class EscapedSecrets {
  static final EscapedSecrets NONE = new EscapedSecrets(List.of());

  private static final VarHandle WORDS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long PERCENTS = 0x2525252525252525L;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;

  /** An escaped char spans at most 9 chars (3 UTF-8 bytes, {@code %XX} each) per Java char. */
  private static final int CHARS_PER_ESCAPED_CHAR = 9;

  /** The UTF-8 bytes secrets are made of, by value. */
  private final boolean[] secretBytes = new boolean[256];

  /** The UTF-16 units secrets are made of. */
  private final BitSet secretUnits = new BitSet();

  /** How far from an escape a partly escaped secret can reach. */
  private final int reach;

  EscapedSecrets(Collection<String> secrets) {
    int longest = 0;
    for (String secret : secrets) {
      for (byte b : secret.getBytes(StandardCharsets.UTF_8)) {
        secretBytes[b & 0xFF] = true;
      }
      secret.chars().forEach(secretUnits::set);
      longest = Math.max(longest, secret.length());
    }
    reach = CHARS_PER_ESCAPED_CHAR * longest;
  }

  /**
   * The spans of {@code text} that hold a secret once decoded, as {@link PatternSet#find} gives
   * them (in the original text); null when none.
   */
  int[] find(PatternSet set, String text) {
    int[] spans = null;
    int n = text.length();
    Leads leads = new Leads(text);
    int at = leads.from(0);
    while (at >= 0) {
      int from = Math.max(0, at - reach);
      int to = Math.min(n, at + reach);
      // leads within reach of the region's end widen it: a secret may span both
      for (int next = leads.from(at + 3);
          next >= 0 && next - reach <= to;
          next = leads.from(next + 3)) {
        to = Math.min(n, next + reach);
        at = next;
      }
      EscapesDecoded decoded = EscapesDecoded.of(text.substring(from, to));
      int[] found = set.find(decoded.text());
      if (found != null) {
        int[] original = decoded.originalSpans(found);
        for (int k = 0; k < original.length; k++) {
          original[k] += from;
        }
        spans = PatternSet.union(spans, original);
      }
      at = to >= n ? -1 : leads.from(to);
    }
    return spans;
  }

  /**
   * {@link #find} for ASCII bytes {@code [from, to)} (a record line with no backslash, so no JSON
   * escape): whether any is found.
   */
  boolean foundInAscii(PatternSet set, byte[] text, int from, int to) {
    for (int i = percentAt(text, from, to - 2); i >= 0; i = percentAt(text, i + 1, to - 2)) {
      if (isLead(text[i + 1], text[i + 2])) {
        String line = new String(text, from, to - from, StandardCharsets.ISO_8859_1);
        return find(set, line) != null;
      }
    }
    return false;
  }

  /**
   * The first {@code %} in ASCII bytes {@code [from, to)}, or -1; eight bytes at a time, as this
   * runs on every record line a sync stages.
   */
  private static int percentAt(byte[] text, int from, int to) {
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long w = (long) WORDS.get(text, i) ^ PERCENTS;
      if (((w - ONES) & ~w & HIGH_BITS) != 0) { // a zero byte: a '%' among these eight
        break;
      }
    }
    for (; i < to; i++) {
      if (text[i] == '%') {
        return i;
      }
    }
    return -1;
  }

  /**
   * The escapes of a text that stand for a char some secret has, asked for from ever later
   * positions: each kind is searched for once over the text, however many of the other there are.
   */
  private final class Leads {
    private final String text;
    // the next lead of each kind at or after the last position asked for; -2 before the first
    private int percent = -2;
    private int json = -2;

    Leads(String text) {
      this.text = text;
    }

    /** The first lead at or after {@code start}; -1 when there is none. */
    int from(int start) {
      if (percent == -2 || (percent >= 0 && percent < start)) {
        percent = nextPercentLead(text, start);
      }
      if (json == -2 || (json >= 0 && json < start)) {
        json = nextJsonLead(text, start);
      }
      return percent < 0 ? json : json < 0 ? percent : Math.min(percent, json);
    }
  }

  private int nextPercentLead(String text, int start) {
    for (int i = text.indexOf('%', start); i >= 0; i = text.indexOf('%', i + 1)) {
      if (i + 2 < text.length() && isLead(text.charAt(i + 1), text.charAt(i + 2))) {
        return i;
      }
    }
    return -1;
  }

  private int nextJsonLead(String text, int start) {
    for (int i = text.indexOf('\\', start); i >= 0; i = text.indexOf('\\', i + 1)) {
      int unit = EscapesDecoded.jsonUnit(text, i);
      if (unit >= 0 && secretUnits.get(unit)) {
        return i;
      }
    }
    return -1;
  }

  private boolean isLead(int high, int low) {
    int h = EscapesDecoded.hex((char) high);
    int l = EscapesDecoded.hex((char) low);
    return h >= 0 && l >= 0 && secretBytes[h * 16 + l];
  }
}
