package airbytemcp.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Evaluates the template fields of one component, with that component's parameters in scope. */
final class Tpl {
  private final JsonNode component;

  Tpl(JsonNode component) {
    this.component = component;
  }

  JsonNode node() {
    return component;
  }

  /**
   * The field's value; non-text JSON comes back as itself (converted), text is evaluated as a
   * template.
   */
  Object value(JsonNode field, Scope scope) {
    if (field == null || field.isNull() || field.isMissingNode()) {
      return null;
    }
    if (!field.isTextual()) {
      return PyValues.fromJson(field);
    }
    String template = field.asText();
    return checked(template, scope, v -> Interpolator.shared().eval(template, v));
  }

  Object value(String field, Scope scope) {
    return value(component.get(field), scope);
  }

  /** The field evaluated and printed as text ({@code ""} when it has no value). */
  String text(String field, Scope scope) {
    return text(component.get(field), scope);
  }

  String text(JsonNode field, Scope scope) {
    if (field == null || field.isNull() || field.isMissingNode()) {
      return "";
    }
    if (!field.isTextual()) {
      return field.asText();
    }
    String template = field.asText();
    return checked(template, scope, v -> Interpolator.shared().render(template, v));
  }

  /** Request option values: text or a list of texts; numbers stay as written. */
  Object requestValue(JsonNode field, Scope scope) {
    if (field == null || !field.isTextual()) {
      return field == null || field.isNull() ? null : PyValues.fromJson(field);
    }
    String template = field.asText();
    return checked(
        template, scope, v -> Interpolator.shared().eval(template, v, Tpl::requestShaped));
  }

  /**
   * {@code template} rendered by {@code render} with the scope's variables, after the scope's
   * decoys found it keeps every secret's form; a failure is judged the same way before it is
   * thrown.
   */
  private <T> T checked(String template, Scope scope, Function<Map<String, Object>, T> render) {
    Map<String, Object> vars = vars(template, scope);
    T value;
    try {
      value = render.apply(vars);
    } catch (RuntimeException failure) {
      scope.secretDecoys().requireSameFailureWithDecoys(template, vars, failure, render::apply);
      throw failure;
    }
    scope.secretDecoys().requireSameWithDecoys(template, vars, value, render::apply);
    return value;
  }

  private static boolean requestShaped(Object value) {
    return value instanceof String || value instanceof List;
  }

  boolean condition(String field, Scope scope, boolean whenAbsent) {
    JsonNode f = component.get(field);
    if (f == null || f.isNull() || (f.isTextual() && f.asText().isBlank())) {
      return whenAbsent;
    }
    if (f.isBoolean()) {
      return f.booleanValue();
    }
    String template = f.asText();
    return checked(template, scope, v -> Interpolator.shared().evalBoolean(template, v));
  }

  /**
   * The variables for {@code text}: none for plain text, which reads none, so the many plain fields
   * read on every page (paths, field names) cost no copy of the scope.
   */
  private Map<String, Object> vars(String text, Scope scope) {
    return Interpolator.isTemplate(text) ? scope.forComponent(component) : Map.of();
  }
}
