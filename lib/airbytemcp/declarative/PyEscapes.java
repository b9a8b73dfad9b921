package airbytemcp.declarative;

/**
 * Python's backslash escapes in string literals, as Jinja and {@code ast.literal_eval} decode them:
 * the named escapes, octal, hex (x, u and U escapes) and Unicode names (N{name}), a backslash
 * before a newline joins the lines, and an unknown escape such as {@code \$} or {@code \d} stays a
 * backslash and the character (which is why regexes in manifests work unescaped).
 */
final class PyEscapes {
  private PyEscapes() {}

  /**
   * The text between a literal's quotes, escapes decoded.
   *
   * @throws IllegalArgumentException for a malformed hex or Unicode-name escape, a syntax error in
   *     Python
   */
  static String decode(String body) {
    if (body.indexOf('\\') < 0) {
      return body;
    }
    StringBuilder b = new StringBuilder(body.length());
    int i = 0;
    while (i < body.length()) {
      char c = body.charAt(i++);
      if (c != '\\' || i >= body.length()) {
        b.append(c);
        continue;
      }
      char e = body.charAt(i++);
      switch (e) {
        case '\n' -> {}
        case '\\', '\'', '"' -> b.append(e);
        case 'a' -> b.append('\u0007');
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'v' -> b.append('\u000b');
        case 'x' -> i = hex(body, i, 2, b);
        case 'u' -> i = hex(body, i, 4, b);
        case 'U' -> i = hex(body, i, 8, b);
        case 'N' -> i = named(body, i, b);
        default -> {
          if (e >= '0' && e <= '7') {
            int end = i;
            while (end < body.length() && end < i + 2 && isOctal(body.charAt(end))) {
              end++;
            }
            b.appendCodePoint(Integer.parseInt(body.substring(i - 1, end), 8));
            i = end;
          } else {
            b.append('\\').append(e);
          }
        }
      }
    }
    return b.toString();
  }

  private static boolean isOctal(char c) {
    return c >= '0' && c <= '7';
  }

  /** Reads {@code digits} hex digits at {@code at}. */
  private static int hex(String s, int at, int digits, StringBuilder b) {
    if (at + digits <= s.length()) {
      String h = s.substring(at, at + digits);
      if (h.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
        long cp = Long.parseLong(h, 16);
        if (cp <= Character.MAX_CODE_POINT) {
          b.appendCodePoint((int) cp);
          return at + digits;
        }
      }
    }
    throw new IllegalArgumentException("truncated \\" + s.charAt(at - 1) + " escape");
  }

  private static int named(String s, int at, StringBuilder b) {
    int end = s.indexOf('}', at);
    if (at < s.length() && s.charAt(at) == '{' && end > at) {
      try {
        b.appendCodePoint(Character.codePointOf(s.substring(at + 1, end)));
        return end + 1;
      } catch (IllegalArgumentException unknownName) {
        throw new IllegalArgumentException("unknown Unicode character name in \\N escape");
      }
    }
    throw new IllegalArgumentException("malformed \\N escape");
  }
}
