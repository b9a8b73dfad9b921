package airbytemcp.declarative;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between JSON and the plain values templates work on (dicts, lists, strings, numbers,
 * booleans).
 */
public final class PyValues {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private PyValues() {}

  public static Object fromJson(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        map.put(f.getKey(), fromJson(f.getValue()));
      }
      return new PyDict(map);
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>(node.size());
      node.forEach(n -> list.add(fromJson(n)));
      return list;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    return node.asText();
  }

  public static JsonNode toJson(Object value) {
    if (value == null) {
      return F.nullNode();
    }
    if (value instanceof JsonNode n) {
      return n;
    }
    if (value instanceof String s) {
      return F.textNode(s);
    }
    if (value instanceof Boolean b) {
      return F.booleanNode(b);
    }
    if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      return F.numberNode(((Number) value).longValue());
    }
    if (value instanceof BigInteger b) {
      return F.numberNode(b);
    }
    if (value instanceof BigDecimal b) {
      return F.numberNode(b);
    }
    if (value instanceof Number n) {
      return F.numberNode(n.doubleValue());
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode o = F.objectNode();
      map.forEach((k, v) -> o.set(String.valueOf(k), toJson(v)));
      return o;
    }
    if (value instanceof Iterable<?> items) {
      ArrayNode a = F.arrayNode();
      items.forEach(v -> a.add(toJson(v)));
      return a;
    }
    if (value.getClass().isArray() && value instanceof Object[] items) {
      ArrayNode a = F.arrayNode();
      for (Object v : items) {
        a.add(toJson(v));
      }
      return a;
    }
    return F.textNode(str(value));
  }

  /** Python's {@code str()} of a value, as a template would print it. */
  public static String str(Object value) {
    if (value == null) {
      return "None";
    }
    if (value instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof JsonNode n) {
      return n.isTextual() ? n.asText() : str(fromJson(n));
    }
    if (value instanceof Map<?, ?> || value instanceof Iterable<?>) {
      return repr(value);
    }
    return String.valueOf(value);
  }

  /** Python's {@code repr()} for literals: strings quoted, containers recursively. */
  public static String repr(Object value) {
    if (value instanceof String s) {
      return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
    if (value instanceof Map<?, ?> map) {
      StringBuilder b = new StringBuilder("{");
      map.forEach(
          (k, v) ->
              b.append(b.length() > 1 ? ", " : "").append(repr(k)).append(": ").append(repr(v)));
      return b.append('}').toString();
    }
    if (value instanceof Iterable<?> items) {
      StringBuilder b = new StringBuilder("[");
      items.forEach(v -> b.append(b.length() > 1 ? ", " : "").append(repr(v)));
      return b.append(']').toString();
    }
    return str(value);
  }

  static String json(Object value) {
    return Json.write(toJson(value));
  }
}
