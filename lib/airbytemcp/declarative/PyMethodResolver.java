package airbytemcp.declarative;

import java.beans.FeatureDescriptor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

/**
 * Python's string methods ({@code ','.join(xs)}, {@code s.startswith('a')}, {@code s.lower()}, ...)
 * and a string's characters by index ({@code s[0]}, {@code s[-1]}), which manifests use but Java
 * strings lack. Consulted before Jinjava's own resolver; resolves nothing else.
 */
final class PyMethodResolver extends ELResolver {
  private static final Pattern INDEX = Pattern.compile("-?\\d{1,9}");

  @Override
  public Object invoke(
      ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
    if (base instanceof Map<?, ?> map
        && !(base instanceof PyDict)
        && "get".equals(String.valueOf(method))
        && params != null
        && params.length == 2) {
      // a dict literal ({} in "response.get('a', {}).get('b', {})") is Jinjava's own map, whose
      // get takes one argument; Python's takes a default too
      context.setPropertyResolved(true);
      return map.containsKey(params[0]) ? map.get(params[0]) : params[1];
    }
    if ((base instanceof Boolean
            || base instanceof Number
            || (base instanceof List<?> && "get".equals(String.valueOf(method))))
        && method != null) {
      // Jinja: a bool, number or list has no such attribute, so it is Undefined, and calling it
      // raises UndefinedError (the CDK then gives the template its default)
      throw new JinjaUndefined(base.getClass().getSimpleName() + " has no method " + method);
    }
    if (!(base instanceof String s) || method == null) {
      return null;
    }
    Object[] a = params == null ? new Object[0] : params;
    Object result = call(s, method.toString(), a);
    if (result != NOT_HANDLED) {
      context.setPropertyResolved(true);
      return result;
    }
    return null;
  }

  private static final Object NOT_HANDLED = new Object();

  private static Object call(String s, String name, Object[] a) {
    switch (name) {
      case "join":
        {
          List<String> parts = new ArrayList<>();
          if (a.length == 1 && a[0] instanceof Iterable<?> items) {
            items.forEach(v -> parts.add(PyValues.str(v)));
          }
          return String.join(s, parts);
        }
      case "split":
        {
          List<String> out = new ArrayList<>();
          if (a.length == 0 || a[0] == null) {
            for (String p : s.strip().split("\\s+")) {
              if (!p.isEmpty()) {
                out.add(p);
              }
            }
            return out;
          }
          String sep = String.valueOf(a[0]);
          int max = a.length > 1 ? ((Number) a[1]).intValue() : -1;
          int from = 0;
          while (max != 0) {
            int at = s.indexOf(sep, from);
            if (at < 0) {
              break;
            }
            out.add(s.substring(from, at));
            from = at + sep.length();
            max--;
          }
          out.add(s.substring(from));
          return out;
        }
      case "format":
        {
          StringBuilder b = new StringBuilder();
          Matcher m = Pattern.compile("\\{(\\d*)}").matcher(s);
          int next = 0;
          while (m.find()) {
            int index = m.group(1).isEmpty() ? next++ : Integer.parseInt(m.group(1));
            m.appendReplacement(
                b, Matcher.quoteReplacement(index < a.length ? PyValues.str(a[index]) : ""));
          }
          m.appendTail(b);
          return b.toString();
        }
      case "startswith":
        return s.startsWith(String.valueOf(a[0]));
      case "endswith":
        return s.endsWith(String.valueOf(a[0]));
      case "lower":
        return s.toLowerCase(Locale.ROOT);
      case "upper":
        return s.toUpperCase(Locale.ROOT);
      case "strip":
        return a.length == 0 ? s.strip() : stripChars(s, String.valueOf(a[0]), true, true);
      case "lstrip":
        return a.length == 0 ? s.stripLeading() : stripChars(s, String.valueOf(a[0]), true, false);
      case "rstrip":
        return a.length == 0 ? s.stripTrailing() : stripChars(s, String.valueOf(a[0]), false, true);
      case "replace":
        return s.replace(String.valueOf(a[0]), String.valueOf(a[1]));
      case "find":
        return (long) s.indexOf(String.valueOf(a[0]));
      case "count":
        return (long)
            (s.isEmpty() ? 0 : s.split(Pattern.quote(String.valueOf(a[0])), -1).length - 1);
      case "isdigit":
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
      case "capitalize":
        return s.isEmpty()
            ? s
            : Character.toUpperCase(s.charAt(0)) + s.substring(1).toLowerCase(Locale.ROOT);
      case "title":
        {
          StringBuilder b = new StringBuilder();
          boolean up = true;
          for (char c : s.toCharArray()) {
            b.append(up ? Character.toUpperCase(c) : Character.toLowerCase(c));
            up = !Character.isLetter(c);
          }
          return b.toString();
        }
      case "zfill":
        {
          long width = ((Number) a[0]).longValue();
          if (width > Interpolator.MAX_OUTPUT_CHARS) {
            throw new DeclarativeError(
                "zfill("
                    + width
                    + ") asks for more than "
                    + Interpolator.MAX_OUTPUT_CHARS
                    + " characters.",
                "Templates may produce at most " + Interpolator.MAX_OUTPUT_CHARS + " characters.");
          }
          return s.length() >= width ? s : "0".repeat((int) width - s.length()) + s;
        }
      default:
        return NOT_HANDLED;
    }
  }

  private static String stripChars(String s, String chars, boolean left, boolean right) {
    int start = 0;
    int end = s.length();
    while (left && start < end && chars.indexOf(s.charAt(start)) >= 0) {
      start++;
    }
    while (right && end > start && chars.indexOf(s.charAt(end - 1)) >= 0) {
      end--;
    }
    return s.substring(start, end);
  }

  @Override
  public Object getValue(ELContext context, Object base, Object property) {
    // Jinjava hands an integer index over as its digits
    if (base instanceof String s
        && property instanceof String digits
        && INDEX.matcher(digits).matches()) {
      // Python counts code points, not UTF-16 units
      int length = s.codePointCount(0, s.length());
      long index = Long.parseLong(digits);
      long at = index < 0 ? length + index : index;
      if (at >= 0 && at < length) {
        context.setPropertyResolved(true);
        return Character.toString(s.codePointAt(s.offsetByCodePoints(0, (int) at)));
      }
    }
    return null; // out of range: undefined, as in Jinja
  }

  @Override
  public Class<?> getType(ELContext context, Object base, Object property) {
    return null;
  }

  @Override
  public void setValue(ELContext context, Object base, Object property, Object value) {
    // read-only: templates never assign through this resolver
  }

  @Override
  public boolean isReadOnly(ELContext context, Object base, Object property) {
    return true;
  }

  @Override
  public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
    return null;
  }

  @Override
  public Class<?> getCommonPropertyType(ELContext context, Object base) {
    return null;
  }
}
