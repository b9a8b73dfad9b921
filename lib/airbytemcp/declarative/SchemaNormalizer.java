package airbytemcp.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code schema_normalization: Default}: values whose JSON type differs from the one the stream's
 * schema declares are converted when they can be (numeric text to numbers, numbers and booleans to
 * text, "true"/"false" to booleans), through nested objects and arrays; values that cannot be
 * converted stay as they are.
 */
final class SchemaNormalizer {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private SchemaNormalizer() {}

  static ObjectNode normalize(ObjectNode record, JsonNode schema) {
    JsonNode out = convert(record, schema);
    return out instanceof ObjectNode o ? o : record;
  }

  private static JsonNode convert(JsonNode value, JsonNode schema) {
    if (value == null || value.isNull() || schema == null || !schema.isObject()) {
      return value;
    }
    List<String> types = types(schema);
    if (value.isObject()) {
      JsonNode props = schema.get("properties");
      if (props != null && props.isObject()) {
        ObjectNode o = (ObjectNode) value;
        for (Map.Entry<String, JsonNode> f :
            (Iterable<Map.Entry<String, JsonNode>>) props::fields) {
          JsonNode v = o.get(f.getKey());
          if (v != null) {
            o.set(f.getKey(), convert(v, f.getValue()));
          }
        }
      }
      return value;
    }
    if (value.isArray()) {
      JsonNode items = schema.get("items");
      if (items != null && items.isObject()) {
        ArrayNode a = (ArrayNode) value;
        for (int i = 0; i < a.size(); i++) {
          a.set(i, convert(a.get(i), items));
        }
      }
      return value;
    }
    if (types.isEmpty() || matches(value, types)) {
      return value;
    }
    String text = value.asText();
    try {
      if (types.contains("integer") && value.isTextual()) {
        return F.numberNode(Long.parseLong(text.strip()));
      }
      if (types.contains("number") && value.isTextual()) {
        return F.numberNode(Double.parseDouble(text.strip()));
      }
    } catch (NumberFormatException e) {
      return value;
    }
    if (types.contains("integer")
        && value.isNumber()
        && value.doubleValue() == Math.rint(value.doubleValue())) {
      return F.numberNode(value.longValue());
    }
    if (types.contains("boolean")
        && value.isTextual()
        && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
      return F.booleanNode(Boolean.parseBoolean(text));
    }
    if (types.contains("string") && (value.isNumber() || value.isBoolean())) {
      return F.textNode(value.isBoolean() ? (value.booleanValue() ? "True" : "False") : text);
    }
    return value;
  }

  private static List<String> types(JsonNode schema) {
    List<String> out = new ArrayList<>();
    JsonNode t = schema.get("type");
    if (t != null && t.isTextual()) {
      out.add(t.asText());
    } else if (t != null && t.isArray()) {
      t.forEach(x -> out.add(x.asText()));
    }
    return out;
  }

  private static boolean matches(JsonNode v, List<String> types) {
    return (v.isTextual() && types.contains("string"))
        || (v.isIntegralNumber() && (types.contains("integer") || types.contains("number")))
        || (v.isFloatingPointNumber() && types.contains("number"))
        || (v.isBoolean() && types.contains("boolean"));
  }
}
