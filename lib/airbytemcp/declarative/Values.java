package airbytemcp.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Map;

/** Python's notion of truth, for JSON and for the plain Java values templates produce. */
final class Values {
  private Values() {}

  static boolean truthy(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return false;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isNumber()) {
      return node.doubleValue() != 0;
    }
    if (node.isTextual()) {
      return !node.asText().isEmpty();
    }
    return node.size() > 0;
  }

  static boolean truthy(Object value) {
    if (value == null) {
      return false;
    }
    if (value instanceof JsonNode n) {
      return truthy(n);
    }
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof Number n) {
      return n.doubleValue() != 0;
    }
    if (value instanceof CharSequence s) {
      return s.length() > 0;
    }
    if (value instanceof Collection<?> c) {
      return !c.isEmpty();
    }
    if (value instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    return true;
  }
}
