package airbytemcp.tools;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The helpers every tool uses to write its output schema. Nullable fields say so, or the MCP SDK
 * rejects a result that carries a null there.
 */
public final class OutputSchemas {
  private OutputSchemas() {}

  /** {@code {"result": <items>[]}}, the shape of a tool that answers with a list. */
  public static Map<String, Object> listOf(Map<String, Object> itemSchema) {
    return object(
        Map.of("result", Map.of("type", "array", "items", itemSchema)), List.of("result"));
  }

  public static Map<String, Object> object(Map<String, Object> properties, List<String> required) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", properties);
    schema.put("required", required);
    return schema;
  }

  /** An object whose fields, given as name, schema, name, schema..., are all required. */
  public static Map<String, Object> object(Object... namesAndSchemas) {
    Map<String, Object> properties = new LinkedHashMap<>();
    for (int i = 0; i < namesAndSchemas.length; i += 2) {
      properties.put((String) namesAndSchemas[i], namesAndSchemas[i + 1]);
    }
    return object(properties, List.copyOf(properties.keySet()));
  }

  /** One JSON type, or (with several) a union of them. */
  public static Map<String, Object> type(String... types) {
    return Map.of("type", types.length == 1 ? types[0] : List.of(types));
  }

  public static Map<String, Object> arrayOf(Map<String, Object> item) {
    return Map.of("type", "array", "items", item);
  }

  public static Map<String, Object> string() {
    return type("string");
  }

  public static Map<String, Object> nullableString() {
    return type("string", "null");
  }

  public static Map<String, Object> nullableInteger() {
    return type("integer", "null");
  }

  public static Map<String, Object> nullableObject() {
    return type("object", "null");
  }
}
