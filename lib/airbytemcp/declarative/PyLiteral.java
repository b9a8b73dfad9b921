package airbytemcp.declarative;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads text as a Python literal, the way the CDK turns a rendered template back into a value
 * ({@code ast.literal_eval}): numbers, quoted strings, True/False/None, lists, tuples and dicts.
 * Anything else is not a literal, and the caller keeps the text.
 */
final class PyLiteral {
  /** Stands for Python's None inside {@link Optional}. */
  static final Object NONE = new Object();

  private final String s;
  private int i;

  private PyLiteral(String s) {
    this.s = s;
  }

  /** The literal's value ({@link #NONE} for None), or empty when the text is not a literal. */
  static Optional<Object> parse(String text) {
    PyLiteral p = new PyLiteral(text.strip());
    if (p.s.isEmpty() || !mayStartLiteral(p.s)) {
      return Optional.empty(); // most text is plainly no literal: said without throwing
    }
    try {
      Object v = p.value();
      p.skipSpace();
      return p.i == p.s.length() ? Optional.of(v == null ? NONE : v) : Optional.empty();
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }

  /** Whether a literal can start {@code text} (not blank): the first test of {@link #value}. */
  private static boolean mayStartLiteral(String text) {
    char c = text.charAt(0);
    return "'\"[({-+.".indexOf(c) >= 0
        || Character.isDigit(c)
        || text.startsWith("True")
        || text.startsWith("False")
        || text.startsWith("None");
  }

  private Object value() {
    skipSpace();
    char c = s.charAt(i);
    if (c == '\'' || c == '"') {
      return string();
    }
    if (c == '[') {
      return sequence(']');
    }
    if (c == '(') {
      return sequence(')');
    }
    if (c == '{') {
      return dict();
    }
    if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
      return number();
    }
    for (String word : new String[] {"True", "False", "None"}) {
      if (s.startsWith(word, i)
          && (i + word.length() == s.length()
              || !Character.isLetterOrDigit(s.charAt(i + word.length())))) {
        i += word.length();
        return word.equals("None") ? null : word.equals("True");
      }
    }
    throw new IllegalArgumentException("not a literal");
  }

  private Object number() {
    int start = i;
    if (s.charAt(i) == '-' || s.charAt(i) == '+') {
      i++;
      skipSpace();
    }
    int digits = i;
    while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '_')) {
      i++;
    }
    String intPart = s.substring(digits, i).replace("_", "");
    boolean isFloat = false;
    if (i < s.length() && s.charAt(i) == '.') {
      isFloat = true;
      i++;
      while (i < s.length() && Character.isDigit(s.charAt(i))) {
        i++;
      }
    }
    if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      isFloat = true;
      i++;
      if (s.charAt(i) == '+' || s.charAt(i) == '-') {
        i++;
      }
      if (!Character.isDigit(s.charAt(i))) {
        throw new IllegalArgumentException("bad exponent");
      }
      while (i < s.length() && Character.isDigit(s.charAt(i))) {
        i++;
      }
    }
    if (i < s.length() && (Character.isLetter(s.charAt(i)) || s.charAt(i) == '_')) {
      throw new IllegalArgumentException("not a number");
    }
    String text = s.substring(start, i).replace("_", "").replace(" ", "");
    if (isFloat) {
      if (text.replaceAll("[-+]", "").equals(".")) {
        throw new IllegalArgumentException("lone dot");
      }
      return Double.parseDouble(text);
    }
    if (intPart.isEmpty()
        || (intPart.length() > 1 && intPart.startsWith("0") && !intPart.matches("0+"))) {
      throw new IllegalArgumentException("leading zeros are not Python");
    }
    BigInteger big = new BigInteger(text.startsWith("+") ? text.substring(1) : text);
    return big.bitLength() < 64 ? (Object) big.longValue() : big;
  }

  private String string() {
    char quote = s.charAt(i++);
    int start = i;
    while (s.charAt(i) != quote) {
      i += s.charAt(i) == '\\' ? 2 : 1;
    }
    return PyEscapes.decode(s.substring(start, i++));
  }

  private List<Object> sequence(char close) {
    i++;
    List<Object> items = new ArrayList<>();
    skipSpace();
    while (s.charAt(i) != close) {
      items.add(value());
      skipSpace();
      if (s.charAt(i) == ',') {
        i++;
        skipSpace();
      } else if (s.charAt(i) != close) {
        throw new IllegalArgumentException("expected , or " + close);
      }
    }
    i++;
    return items;
  }

  private Map<String, Object> dict() {
    i++;
    Map<String, Object> map = new LinkedHashMap<>();
    skipSpace();
    while (s.charAt(i) != '}') {
      Object key = value();
      skipSpace();
      if (s.charAt(i++) != ':') {
        throw new IllegalArgumentException("expected :");
      }
      map.put(PyValues.str(key), value());
      skipSpace();
      if (s.charAt(i) == ',') {
        i++;
        skipSpace();
      } else if (s.charAt(i) != '}') {
        throw new IllegalArgumentException("expected , or }");
      }
    }
    i++;
    return map;
  }

  private void skipSpace() {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
  }
}
