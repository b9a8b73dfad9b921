package airbytemcp.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Data (an API's records, the agent's config) written into text that is rendered as a template
 * later, as a dynamic stream's mapped values are: a string holding template syntax gets each
 * {@code {} written as {@code {{ '{' }}}, which renders back to itself. So the data reaches the
 * request or the record as the text it is, and Jinja in it never runs with the config's secrets
 * in scope. Strings without template syntax are left as they are.
 */
final class TemplateLiterals {
  private static final String OPEN_BRACE = "{{ '{' }}";

  private TemplateLiterals() {}

  static boolean holdsTemplateSyntax(String text) {
    return text.contains("{{") || text.contains("{%") || text.contains("{#");
  }

  static String escape(String text) {
    return holdsTemplateSyntax(text) ? text.replace("{", OPEN_BRACE) : text;
  }

  /**
   * A copy of {@code node} with its strings (keys too) escaped; the node itself when none needs it.
   */
  static JsonNode escape(JsonNode node) {
    if (node == null || !needsEscape(node)) {
      return node;
    }
    if (node.isTextual()) {
      return TextNode.valueOf(escape(node.asText()));
    }
    if (node instanceof ObjectNode object) {
      ObjectNode copy = object.objectNode();
      object.fields().forEachRemaining(f -> copy.set(escape(f.getKey()), escape(f.getValue())));
      return copy;
    }
    ArrayNode copy = ((ArrayNode) node).arrayNode();
    node.forEach(item -> copy.add(escape(item)));
    return copy;
  }

  /** A slice: its strings escaped at any depth (an API decides whether a value is a list). */
  static Map<String, Object> escape(Map<String, Object> slice) {
    Map<String, Object> copy = new LinkedHashMap<>();
    slice.forEach((k, v) -> copy.put(escape(k), escapeValue(v)));
    return copy;
  }

  private static Object escapeValue(Object value) {
    if (value instanceof String s) {
      return escape(s);
    }
    if (value instanceof JsonNode node) {
      return escape(node);
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(escapeValue(k), escapeValue(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(escapeValue(v)));
      return copy;
    }
    return value;
  }

  private static boolean needsEscape(JsonNode node) {
    if (node.isTextual()) {
      return holdsTemplateSyntax(node.asText());
    }
    if (node.isObject()) {
      var fields = node.fields();
      while (fields.hasNext()) {
        var f = fields.next();
        if (holdsTemplateSyntax(f.getKey()) || needsEscape(f.getValue())) {
          return true;
        }
      }
      return false;
    }
    if (node.isArray()) {
      for (JsonNode item : node) {
        if (needsEscape(item)) {
          return true;
        }
      }
    }
    return false;
  }
}
