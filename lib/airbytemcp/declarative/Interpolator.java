package airbytemcp.declarative;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.FatalTemplateErrorsException;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jinjava.javax.el.CompositeELResolver;

/**
 * Evaluates the CDK's Jinja templates with Jinjava: the CDK's macros and filters, Python string and
 * dict methods, and the CDK's rule for results — the rendered text is read back as a Python literal
 * ({@code "5"} becomes 5, {@code "['a']"} a list), and a falsy result counts as no value.
 */
public final class Interpolator {
  private static final Pattern SINGLE_EXPRESSION =
      Pattern.compile("^\\s*\\{\\{(.*)}}\\s*$", Pattern.DOTALL);
  private static final Interpolator SHARED = new Interpolator();

  /**
   * The most characters a template may produce (rendered output, one string, a zfill): enough for
   * any URL, header or field value, far below what would exhaust the heap.
   */
  static final int MAX_OUTPUT_CHARS = 10_000_000;

  /**
   * Nested templates, macros, loops: deep enough for every manifest seen, bounded against runaway
   * nesting.
   */
  private static final int MAX_RENDER_DEPTH = 10;

  private static final int MAX_ITEMS = 100_000;
  private final Jinjava jinjava;

  private Interpolator() {
    CompositeELResolver resolver = new CompositeELResolver();
    resolver.add(new PyMethodResolver());
    resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
    jinjava =
        new PyJinjava(
            JinjavaConfig.newBuilder()
                .withElResolver(resolver)
                .withFailOnUnknownTokens(false)
                // Jinja (and the CDK) never renders a value's own {{ }}: a config value or an API's
                // text would otherwise run as template code, with the config's secrets in scope
                .withNestedInterpretationEnabled(false)
                .withMaxOutputSize(MAX_OUTPUT_CHARS)
                .withMaxStringLength(MAX_OUTPUT_CHARS)
                .withMaxRenderDepth(MAX_RENDER_DEPTH)
                .withMaxMacroRecursionDepth(MAX_RENDER_DEPTH)
                .withMaxListSize(MAX_ITEMS)
                .withMaxMapSize(MAX_ITEMS)
                .withRangeLimit(MAX_ITEMS)
                .withLegacyOverrides(
                    LegacyOverrides.newBuilder().withUsePyishObjectMapper(true).build())
                .build());
    for (Method m : TemplateMacros.class.getDeclaredMethods()) {
      if (Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers())) {
        jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", m.getName(), m));
      }
    }
    TemplateFilters.all().forEach(f -> jinjava.getGlobalContext().registerFilter(f));
  }

  public static Interpolator shared() {
    return SHARED;
  }

  /** Whether {@code text} holds template code; text without any renders as itself. */
  static boolean isTemplate(String text) {
    return text.contains("{{") || text.contains("{%");
  }

  /**
   * The template's value as the CDK computes it; null when it renders to nothing or to a falsy
   * value.
   */
  public Object eval(String template, Map<String, Object> vars) {
    return eval(template, vars, v -> true);
  }

  /**
   * Like {@link #eval(String, Map)}, but a literal the caller cannot take (e.g. a number where only
   * text and lists are valid) stays the rendered text.
   */
  public Object eval(String template, Map<String, Object> vars, Predicate<Object> valid) {
    if (template == null) {
      return null;
    }
    Object result;
    if (!isTemplate(template)) {
      result = literal(template, valid);
    } else {
      Optional<String> expression = singleExpression(template);
      if (expression.isPresent()) {
        Object value = expression(expression.get(), vars, template);
        result = value instanceof String s ? literal(s, valid) : plain(value, valid);
      } else {
        result = literal(render(template, vars), valid);
      }
    }
    return Values.truthy(result) ? result : null;
  }

  /**
   * Templates come from manifests, a bounded set read over and over (on every page, often every
   * record): each is rewritten into Jinjava's syntax once. A cache is emptied when full rather than
   * grown without end.
   */
  private static final int MAX_CACHED = 4096;

  /** Template -> the one expression it consists of, rewritten (empty when it is more than that). */
  private final Map<String, Optional<String>> expressions = new ConcurrentHashMap<>();

  /** Template -> the whole template, rewritten. */
  private final Map<String, String> templates = new ConcurrentHashMap<>();

  private Optional<String> singleExpression(String template) {
    Optional<String> e = expressions.get(template);
    if (e == null) {
      Matcher single = SINGLE_EXPRESSION.matcher(template);
      e =
          single.matches() && !single.group(1).contains("{{") && !single.group(1).contains("}}")
              ? Optional.of(spaceOperators(JinjaSyntax.expression(single.group(1).strip())))
              : Optional.empty();
      cache(expressions, template, e);
    }
    return e;
  }

  private String jinjavaTemplate(String template) {
    String t = templates.get(template);
    if (t == null) {
      t = spaceOperators(JinjaSyntax.template(template));
      cache(templates, template, t);
    }
    return t;
  }

  private static <V> void cache(Map<String, V> cache, String template, V value) {
    if (cache.size() >= MAX_CACHED) {
      cache.clear();
    }
    cache.put(template, value);
  }

  /** The template rendered to text (no literal reading), e.g. for paths and header values. */
  public String render(String template, Map<String, Object> vars) {
    if (!isTemplate(template)) {
      return template;
    }
    try {
      return jinjava.render(jinjavaTemplate(template), vars);
    } catch (JinjaUndefined e) {
      return "";
    } catch (FatalTemplateErrorsException e) {
      if (undefined(e.getErrors())) {
        return "";
      }
      throw failure(template, e.getErrors());
    } catch (InterpretException e) { // a template problem; our own bugs propagate
      throw new DeclarativeError(
          "The template '" + template + "' failed: " + e.getMessage(),
          "The manifest uses a template this runtime cannot evaluate; run the connector with Docker or Python.");
    }
  }

  /** The CDK's truth test for conditions (stop conditions, filters, predicates). */
  public boolean evalBoolean(String template, Map<String, Object> vars) {
    Object v = eval(template, vars);
    if (v instanceof String s) {
      return !List.of("False", "false", "{}", "[]", "()", "0", "0.0", "None").contains(s.strip());
    }
    return Values.truthy(v);
  }

  /** {@code expr} is already in Jinjava's syntax. */
  private Object expression(String expr, Map<String, Object> vars, String template) {
    JinjavaInterpreter interpreter = jinjava.newInterpreter();
    interpreter.getContext().putAll(vars);
    JinjavaInterpreter.pushCurrent(interpreter);
    try {
      Object value = interpreter.resolveELExpression(expr, 1);
      List<TemplateError> errors =
          interpreter.getErrors().stream()
              .filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL)
              .toList();
      if (!errors.isEmpty()) {
        if (undefined(errors)) {
          return null;
        }
        throw failure(template, errors);
      }
      return value;
    } catch (JinjaUndefined e) {
      return null;
    } finally {
      JinjavaInterpreter.popCurrent();
    }
  }

  /**
   * Whether a template failed as Jinja fails on an undefined value; the CDK then gives the whole
   * template its default (no value).
   */
  private static boolean undefined(Iterable<TemplateError> errors) {
    for (TemplateError e : errors) {
      for (Throwable t = e.getException(); t != null; t = t.getCause()) {
        if (t instanceof JinjaUndefined) {
          return true;
        }
      }
    }
    return false;
  }

  private static DeclarativeError failure(String template, Iterable<TemplateError> errors) {
    String first = "unknown error";
    if (errors.iterator().hasNext()) {
      TemplateError error = errors.iterator().next();
      first = error.getMessage() + why(error.getException(), error.getMessage());
    }
    return new DeclarativeError(
        "The template '" + template + "' failed: " + first,
        "Check the template and the config values it reads.");
  }

  /**
   * The innermost cause's message, when it adds to Jinjava's summary ("Error invoking function
   * 'format_datetime'" says which macro, not why): the unknown time zone, the unreadable date.
   */
  private static String why(Throwable thrown, String summary) {
    Throwable root = thrown;
    while (root != null && root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root == null ? null : root.getMessage();
    return message == null || message.isBlank() || (summary != null && summary.contains(message))
        ? ""
        : " (" + message + ")";
  }

  private static Object plain(Object value, Predicate<Object> valid) {
    if (value instanceof PyDateTime || value instanceof PyDate || value instanceof IsoDuration) {
      return value.toString();
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      value = ((Number) value).longValue();
    } else if (value instanceof Float f) {
      value = f.doubleValue();
    }
    return value == null || valid.test(value) ? value : PyValues.str(value);
  }

  private static Object literal(String text, Predicate<Object> valid) {
    Optional<Object> parsed = PyLiteral.parse(text);
    if (parsed.isEmpty()) {
      return text;
    }
    Object v = parsed.get() == PyLiteral.NONE ? null : parsed.get();
    return v == null || valid.test(v) ? v : text;
  }

  /**
   * Jinjava reads {@code x+1} as {@code x} followed by the number {@code +1}; Jinja reads an
   * addition. Spacing binary plus and minus that follow an operand (outside string literals) gives
   * Jinjava Jinja's reading.
   */
  static String spaceOperators(String template) {
    return chainedComparisons(durationArithmetic(spaceBinaryOperators(template)));
  }

  private static final Pattern EXPRESSION_SITES =
      Pattern.compile("(\\{%-?\\s*(?:if|elif)\\s)(.*?)(-?%})|(\\{\\{)(.*?)(}})", Pattern.DOTALL);

  /**
   * Python's {@code a <= b <= c} means {@code a <= b and b <= c}; Jinjava reads only one
   * comparison.
   */
  static String chainedComparisons(String template) {
    if (!template.contains("{")) {
      return chainExpression(template);
    }
    Matcher m = EXPRESSION_SITES.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String open = m.group(1) != null ? m.group(1) : m.group(4);
      String expr = m.group(1) != null ? m.group(2) : m.group(5);
      String close = m.group(1) != null ? m.group(3) : m.group(6);
      m.appendReplacement(out, Matcher.quoteReplacement(open + chainExpression(expr) + close));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String chainExpression(String expr) {
    List<String> operands = new ArrayList<>();
    List<String> operators = new ArrayList<>();
    int depth = 0;
    char quote = 0;
    int start = 0;
    for (int i = 0; i < expr.length(); i++) {
      char c = expr.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
        continue;
      }
      if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (depth == 0
          && (c == '<'
              || c == '>'
              || ((c == '=' || c == '!') && i + 1 < expr.length() && expr.charAt(i + 1) == '='))) {
        int len = i + 1 < expr.length() && expr.charAt(i + 1) == '=' ? 2 : 1;
        operands.add(expr.substring(start, i));
        operators.add(expr.substring(i, i + len));
        i += len - 1;
        start = i + 1;
      } else if (depth == 0 && expr.startsWith(" and ", i)
          || depth == 0 && expr.startsWith(" or ", i)) {
        return expr;
      }
    }
    if (operators.size() < 2) {
      return expr;
    }
    operands.add(expr.substring(start));
    StringBuilder b = new StringBuilder(" ");
    for (int k = 0; k < operators.size(); k++) {
      b.append(k > 0 ? " and " : "")
          .append('(')
          .append(operands.get(k).strip())
          .append(' ')
          .append(operators.get(k))
          .append(' ')
          .append(operands.get(k + 1).strip())
          .append(')');
    }
    return b.append(' ').toString();
  }

  private static final Pattern DURATION_OPERATOR = Pattern.compile("\\s*([-+])\\s*duration\\(");

  /**
   * Jinjava's arithmetic knows numbers only; {@code now_utc() - duration('P30D')} becomes {@code
   * now_utc().minus(duration('P30D'))}, a method of the date-time on the left.
   */
  static String durationArithmetic(String template) {
    Matcher m = DURATION_OPERATOR.matcher(template);
    StringBuilder out = new StringBuilder();
    int from = 0;
    while (m.find(from)) {
      if (insideQuotes(template, m.start())) {
        out.append(template, from, m.end());
        from = m.end();
        continue;
      }
      int close = matchingParen(template, m.end() - 1);
      if (close < 0) {
        break;
      }
      out.append(template, from, m.start())
          .append(m.group(1).equals("-") ? ".minus(" : ".plus(")
          .append(template, m.end() - "duration(".length(), close + 1)
          .append(')');
      from = close + 1;
    }
    return out.append(template.substring(from)).toString();
  }

  private static boolean insideQuotes(String s, int at) {
    char quote = 0;
    for (int i = 0; i < at; i++) {
      char c = s.charAt(i);
      if (quote != 0 && c == '\\') {
        i++;
      } else if (quote != 0 && c == quote) {
        quote = 0;
      } else if (quote == 0 && (c == '\'' || c == '"')) {
        quote = c;
      }
    }
    return quote != 0;
  }

  private static int matchingParen(String s, int open) {
    int depth = 0;
    char quote = 0;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  private static String spaceBinaryOperators(String template) {
    StringBuilder out = new StringBuilder(template.length() + 8);
    char quote = 0;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (quote != 0) {
        if (c == '\\' && i + 1 < template.length()) {
          out.append(c).append(template.charAt(++i));
          continue;
        }
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if ((c == '+' || c == '-')
          && i > 0
          && i + 1 < template.length()
          && Character.isDigit(template.charAt(i + 1))
          && isOperandEnd(template, i - 1)) {
        out.append(' ').append(c).append(' ');
        continue;
      }
      out.append(c);
    }
    return out.toString();
  }

  private static boolean isOperandEnd(String s, int at) {
    char p = s.charAt(at);
    if (p == ']' || p == ')') {
      return true;
    }
    if (!Character.isLetterOrDigit(p) && p != '_') {
      return false;
    }
    // 1e-5 is a number, not a subtraction
    return !((p == 'e' || p == 'E') && at > 0 && Character.isDigit(s.charAt(at - 1)));
  }
}
