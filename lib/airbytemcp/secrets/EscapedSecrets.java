package airbytemcp.secrets;

import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;

/**
 * Finds secrets that are partly %-encoded, partly written as JSON backslash-u escapes or partly as
 * HTML character references (Go's templates write {@code +} as {@code &#43;}, .NET's {@code
 * &#x2B;}). Encoders differ in which chars they escape (OkHttp's path escapes {@code ^} but keeps
 * {@code !}, Python's requests keeps {@code /}, .NET's JSON writer escapes {@code + " `} and Go's
 * {@code & < >}), so instead of one form per encoder the text around an escape is decoded ({@link
 * EscapesDecoded}) and searched again: there a secret is the same whatever subset of its chars was
 * escaped, in either hex case.
 *
 * <p>Only escapes of a char some secret has count ({@code %20} in a URL is no lead unless a secret
 * holds a space), and only the text within reach of them is decoded and searched: the second pass
 * costs nothing for text without such escapes, and little for text with a few.
 */
final class EscapedSecrets {
  static final EscapedSecrets NONE = new EscapedSecrets(List.of());

  private static final long PERCENTS = ByteWords.repeated('%');
  private static final long AMPERSANDS = ByteWords.repeated('&');

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
   * them (in the original text); null when none. {@code marks} are the text's own.
   */
  int[] find(PatternSet set, String text, MarkedChars marks) {
    int[] spans = null;
    int n = text.length();
    Leads leads = new Leads(text, marks);
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
    for (int i = escapeAt(text, from, to - 2); i >= 0; i = escapeAt(text, i + 1, to - 2)) {
      if (text[i] == '%' ? isLead(text[i + 1], text[i + 2]) : isHtmlLead(text, i, to)) {
        String line = new String(text, from, to - from, StandardCharsets.ISO_8859_1);
        return find(set, line, MarkedChars.of(line)) != null;
      }
    }
    return false;
  }

  private boolean isHtmlLead(byte[] text, int at, int to) {
    String reference =
        new String(
            text, at, Math.min(EscapesDecoded.MAX_REFERENCE, to - at), StandardCharsets.ISO_8859_1);
    String decoded = EscapesDecoded.htmlReferenced(reference, 0);
    return decoded != null && secretUnits.get(decoded.charAt(0));
  }

  /**
   * The first {@code %} or {@code &} in ASCII bytes {@code [from, to)}, or -1; eight bytes at a
   * time, as this runs on every record line a sync stages.
   */
  private static int escapeAt(byte[] text, int from, int to) {
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long w = ByteWords.at(text, i);
      if ((ByteWords.has(w, PERCENTS) | ByteWords.has(w, AMPERSANDS)) != 0) {
        break;
      }
    }
    for (; i < to; i++) {
      if (text[i] == '%' || text[i] == '&') {
        return i;
      }
    }
    return -1;
  }

  /**
   * The escapes of a text that stand for a char some secret has, asked for from ever later
   * positions.
   */
  private final class Leads {
    private final String text;
    private final MarkedChars marks;

    Leads(String text, MarkedChars marks) {
      this.text = text;
      this.marks = marks;
    }

    /** The first lead at or after {@code start}; -1 when there is none. */
    int from(int start) {
      for (int k = marks.firstFrom(start); k < marks.count(); k++) {
        int at = marks.position(k);
        char mark = marks.mark(k);
        if (mark == '%' && isPercentLead(at)
            || mark == '\\' && isJsonLead(at)
            || mark == '&' && isHtmlLead(at)) {
          return at;
        }
      }
      return -1;
    }

    private boolean isPercentLead(int at) {
      return at + 2 < text.length() && isLead(text.charAt(at + 1), text.charAt(at + 2));
    }

    private boolean isHtmlLead(int at) {
      String decoded = EscapesDecoded.htmlReferenced(text, at);
      return decoded != null && secretUnits.get(decoded.charAt(0));
    }

    private boolean isJsonLead(int at) {
      int unit = EscapesDecoded.jsonUnit(text, at);
      return unit >= 0 && secretUnits.get(unit);
    }
  }

  private boolean isLead(int high, int low) {
    int h = EscapesDecoded.hex((char) high);
    int l = EscapesDecoded.hex((char) low);
    return h >= 0 && l >= 0 && secretBytes[h * 16 + l];
  }
}
