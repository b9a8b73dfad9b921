package airbytemcp.declarative;

import com.hubspot.jinjava.objects.SafeString;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import jinjava.de.odysseus.el.misc.TypeConverter;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary;

/**
 * Python's {@code ==} and {@code !=} for template values. JUEL's {@code ==} coerces both sides to a
 * number as soon as one is a number, so {@code 5 == "null"} raises; Python compares values of
 * different kinds as different ({@code 5 == "null"} and {@code "1" == 1} are False) and numbers by
 * value ({@code 1 == 1.0} and {@code True == 1} are True).
 */
final class PyEquality extends AstBinary.SimpleOperator {
  static final PyEquality EQ = new PyEquality(false);
  static final PyEquality NE = new PyEquality(true);

  private final boolean negated;

  private PyEquality(boolean negated) {
    this.negated = negated;
  }

  @Override
  protected Object apply(TypeConverter converter, Object left, Object right) {
    return equal(left, right) != negated;
  }

  @Override
  public String toString() {
    return negated ? "!=" : "==";
  }

  static boolean equal(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (isNumber(a) && isNumber(b)) {
      return numbersEqual(a, b);
    }
    String textA = text(a);
    String textB = text(b);
    if (textA != null || textB != null) {
      return textA != null && textA.equals(textB);
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      return listsEqual(x, y);
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      return mapsEqual(x, y);
    }
    return a.equals(b);
  }

  /** Python's bool is an int, so it counts as a number here. */
  private static boolean isNumber(Object v) {
    return v instanceof Number || v instanceof Boolean;
  }

  private static boolean numbersEqual(Object a, Object b) {
    if (isFloat(a) || isFloat(b)) {
      double x = ((Number) number(a)).doubleValue();
      double y = ((Number) number(b)).doubleValue();
      if (Double.isNaN(x) || Double.isNaN(y) || Double.isInfinite(x) || Double.isInfinite(y)) {
        return x == y;
      }
    }
    return decimal(a).compareTo(decimal(b)) == 0;
  }

  private static boolean isFloat(Object v) {
    return v instanceof Double || v instanceof Float;
  }

  private static Object number(Object v) {
    return v instanceof Boolean bool ? (bool ? 1L : 0L) : v;
  }

  /** Exact values, as Python compares an int with a float (2**53 + 1 != 2.0**53). */
  private static BigDecimal decimal(Object v) {
    Object n = number(v);
    if (n instanceof BigDecimal d) {
      return d;
    }
    if (n instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if (n instanceof Double || n instanceof Float) {
      return new BigDecimal(((Number) n).doubleValue());
    }
    return BigDecimal.valueOf(((Number) n).longValue());
  }

  /** The value as a Python str when it is one (Jinjava's markup-safe text and characters too). */
  private static String text(Object v) {
    if (v instanceof CharSequence || v instanceof Character) {
      return v.toString();
    }
    return v instanceof SafeString s ? s.getValue() : null;
  }

  private static boolean listsEqual(List<?> x, List<?> y) {
    if (x.size() != y.size()) {
      return false;
    }
    Iterator<?> i = y.iterator();
    for (Object item : x) {
      if (!equal(item, i.next())) {
        return false;
      }
    }
    return true;
  }

  private static boolean mapsEqual(Map<?, ?> x, Map<?, ?> y) {
    if (x.size() != y.size()) {
      return false;
    }
    for (Map.Entry<?, ?> e : x.entrySet()) {
      if (!y.containsKey(e.getKey()) || !equal(e.getValue(), y.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
