package airbytemcp.declarative;

/**
 * Rewrites the parts of Jinja's expression syntax that Jinjava reads differently, so a manifest's
 * template means what it means to the CDK:
 *
 * <ul>
 *   <li>String literals follow Python's escape rules in Jinja ({@code '\$'} is a backslash and a
 *       dollar, {@code "\n"} a newline, {@code "\x41"} an A), while Jinjava's EL knows only {@code
 *       \\} and an escaped quote and rejects the rest. Each literal is decoded as Jinja decodes it
 *       and written back with only those two escapes.
 *   <li>A trailing comma in a list or dict ({@code ['a', 'b',]}) is valid Python; Jinjava rejects
 *       it, so it is dropped. (A tuple's trailing comma is kept: {@code (x,)} is not {@code (x)}.)
 * </ul>
 *
 * Only code is touched: the insides of {@code {{ }}} and {@code {% %}}, never text, comments or raw
 * blocks.
 */
final class JinjaSyntax {
  private JinjaSyntax() {}

  /** A whole template: text with {@code {{ }}} and {@code {% %}} sites. */
  static String template(String template) {
    if (template.indexOf('\\') < 0 && template.indexOf(',') < 0) {
      return template;
    }
    StringBuilder out = new StringBuilder(template.length() + 8);
    int i = 0;
    while (i < template.length()) {
      int open = nextSite(template, i);
      if (open < 0) {
        break;
      }
      out.append(template, i, open + 2);
      char kind = template.charAt(open + 1);
      if (kind == '#') {
        int end = template.indexOf("#}", open + 2);
        i = end < 0 ? template.length() : end + 2;
        out.append(template, open + 2, i);
        continue;
      }
      if (kind == '%' && isRawOpening(template, open)) {
        int end = endOfRaw(template, open);
        out.append(template, open + 2, end);
        i = end;
        continue;
      }
      i = code(template, open + 2, kind == '{' ? '}' : '%', out);
    }
    return out.append(template, Math.min(i, template.length()), template.length()).toString();
  }

  /** A bare expression (what stands between {@code {{ }}}), all of it code. */
  static String expression(String expr) {
    if (expr.indexOf('\\') < 0 && expr.indexOf(',') < 0) {
      return expr;
    }
    StringBuilder out = new StringBuilder(expr.length() + 8);
    code(expr, 0, (char) 0, out);
    return out.toString();
  }

  private static int nextSite(String s, int from) {
    for (int i = s.indexOf('{', from); i >= 0 && i + 1 < s.length(); i = s.indexOf('{', i + 1)) {
      char c = s.charAt(i + 1);
      if (c == '{' || c == '%' || c == '#') {
        return i;
      }
    }
    return -1;
  }

  /**
   * Copies code from {@code from} up to and including the site's closing {@code }}} or {@code %}}
   * (brackets balanced, as Jinja's lexer balances them; {@code close} 0 means to the end), and
   * returns the index after it.
   */
  private static int code(String s, int from, char close, StringBuilder out) {
    int depth = 0;
    int i = from;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\'' || c == '"') {
        i = literal(s, i, out);
        continue;
      }
      if (close != 0 && depth == 0 && c == close && i + 1 < s.length() && s.charAt(i + 1) == '}') {
        out.append(c).append('}');
        return i + 2;
      }
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
        depth--;
      } else if (c == ',' && closesListOrDict(s, i + 1)) {
        i++;
        continue;
      }
      out.append(c);
      i++;
    }
    return i;
  }

  private static boolean closesListOrDict(String s, int from) {
    int j = from;
    while (j < s.length() && Character.isWhitespace(s.charAt(j))) {
      j++;
    }
    if (j >= s.length()) {
      return false;
    }
    char c = s.charAt(j);
    // "}}" right after the comma ends the site ({{ a, }} is a tuple), it closes no dict
    return c == ']' || (c == '}' && !(j + 1 < s.length() && s.charAt(j + 1) == '}'));
  }

  /** Copies the string literal opening at {@code at} in Jinjava's form; returns the index after. */
  private static int literal(String s, int at, StringBuilder out) {
    char quote = s.charAt(at);
    int i = at + 1;
    boolean escapes = false;
    while (i < s.length() && s.charAt(i) != quote) {
      if (s.charAt(i) == '\\') {
        escapes = true;
        i++;
      }
      i++;
    }
    if (i >= s.length()) { // unterminated: not ours to judge, Jinjava reports it
      out.append(s, at, s.length());
      return s.length();
    }
    if (!escapes) {
      out.append(s, at, i + 1);
      return i + 1;
    }
    String value;
    try {
      value = PyEscapes.decode(s.substring(at + 1, i));
    } catch (IllegalArgumentException malformed) {
      // a syntax error in Jinja too: left as written for Jinjava to report
      out.append(s, at, i + 1);
      return i + 1;
    }
    out.append(quote);
    for (int k = 0; k < value.length(); k++) {
      char c = value.charAt(k);
      if (c == '\\' || c == quote) {
        out.append('\\');
      }
      out.append(c);
    }
    out.append(quote);
    return i + 1;
  }

  private static boolean isRawOpening(String s, int open) {
    int end = s.indexOf("%}", open + 2);
    return end > 0
        && s.substring(open + 2, end).replace("-", "").replace("+", "").strip().equals("raw");
  }

  /** The index of the {@code {% endraw %}} site's opening brace (or the end of the text). */
  private static int endOfRaw(String s, int open) {
    int from = s.indexOf("%}", open + 2) + 2;
    for (int i = s.indexOf("{%", from); i >= 0; i = s.indexOf("{%", i + 2)) {
      int end = s.indexOf("%}", i + 2);
      if (end > 0
          && s.substring(i + 2, end).replace("-", "").replace("+", "").strip().equals("endraw")) {
        return i;
      }
    }
    return s.length();
  }
}
