package airbytemcp.tools;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers for tools' output schemas. */
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

  public static Map<String, Object> string() {
    return Map.of("type", "string");
  }

  public static Map<String, Object> nullableString() {
    return Map.of("type", List.of("string", "null"));
  }

  public static Map<String, Object> nullableObject() {
    return Map.of("type", List.of("object", "null"));
  }
}
