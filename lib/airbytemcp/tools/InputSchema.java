package airbytemcp.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the JSON Schema of a tool's arguments. */
public final class InputSchema {
  private final Map<String, Object> properties = new LinkedHashMap<>();
  private final List<String> required = new ArrayList<>();

  public static InputSchema builder() {
    return new InputSchema();
  }

  /**
   * A string; a null description is left out (for arguments whose name says it all, e.g.
   * connection_id).
   */
  public InputSchema requiredString(String name, String description) {
    return put(name, true, stringSchema(description));
  }

  /** An optional string without a default. */
  public InputSchema string(String name, String description) {
    return put(name, false, stringSchema(description));
  }

  private static Map<String, Object> stringSchema(String description) {
    return description == null
        ? Map.of("type", "string")
        : Map.of("type", "string", "description", description);
  }

  /** A string with a default. */
  public InputSchema string(ToolParam.Text param, String description) {
    return property(param, Map.of("type", "string", "description", description));
  }

  /** A string limited to {@code values}, without a default. */
  public InputSchema stringEnum(String name, String description, List<String> values) {
    return put(name, false, enumSchema(description, values));
  }

  public InputSchema stringEnum(ToolParam.Text param, String description, List<String> values) {
    return property(param, enumSchema(description, values));
  }

  private static Map<String, Object> enumSchema(String description, List<String> values) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "string");
    schema.put("enum", values);
    if (description != null) {
      schema.put("description", description);
    }
    return schema;
  }

  /** A whole number without a default. */
  public InputSchema integer(String name, String description) {
    return put(name, false, Map.of("type", "integer", "description", description));
  }

  /**
   * An optional count or offset without a default: 0 or more ({@link
   * ToolArgs#optionalNonNegative}).
   */
  public InputSchema nonNegative(String name, String description) {
    return put(name, false, Map.of("type", "integer", "minimum", 0, "description", description));
  }

  /** An optional count without a default that must be 1 or more (a most to return). */
  public InputSchema positive(String name, String description) {
    return put(name, false, Map.of("type", "integer", "minimum", 1, "description", description));
  }

  public InputSchema integer(ToolParam.Int param, String description) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "integer");
    if (param.min() != null) {
      schema.put("minimum", param.min());
    }
    if (param.max() != null) {
      schema.put("maximum", param.max());
    }
    schema.put("description", description);
    return property(param, schema);
  }

  public InputSchema bool(ToolParam.Flag param, String description) {
    return property(param, Map.of("type", "boolean", "description", description));
  }

  /** A string, or a list of strings (optionally limited to {@code values}). */
  public InputSchema stringOrList(
      String name, String description, List<String> values, Object defaultValue) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("type", "string");
    if (values != null) {
      item.put("enum", values);
    }
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("anyOf", List.of(item, Map.of("type", "array", "items", item)));
    schema.put("description", description);
    if (defaultValue != null) {
      // The domain service applies this default to an empty list, from the same constant.
      schema.put("default", defaultValue);
    }
    return put(name, false, schema);
  }

  /** A required string or list of strings (one name, a JSON list, or a comma-separated string). */
  public InputSchema requiredStringOrList(String name, String description) {
    Map<String, Object> item = Map.of("type", "string");
    return put(
        name,
        true,
        Map.of(
            "anyOf",
            List.of(item, Map.of("type", "array", "items", item)),
            "description",
            description));
  }

  /** An object, or a string that holds JSON (some clients can only send strings). */
  public InputSchema objectOrString(String name, String description) {
    return put(name, false, objectOrStringSchema(description));
  }

  public InputSchema requiredObjectOrString(String name, String description) {
    return put(name, true, objectOrStringSchema(description));
  }

  private static Map<String, Object> objectOrStringSchema(String description) {
    return Map.of(
        "anyOf",
        List.of(Map.of("type", "object"), Map.of("type", "string")),
        "description",
        description);
  }

  public InputSchema requiredProperty(String name, Map<String, Object> schema) {
    return put(name, true, schema);
  }

  /**
   * An optional argument with any schema; a default is declared only through a {@link ToolParam},
   * so the handler reads the same one.
   */
  public InputSchema property(String name, Map<String, Object> schema) {
    if (schema.containsKey("default")) {
      throw new IllegalArgumentException(
          name + ": declare a default with a ToolParam, which the handler then reads");
    }
    return put(name, false, schema);
  }

  /** An optional argument with any schema and the default of {@code param}. */
  public InputSchema property(ToolParam<?> param, Map<String, Object> schema) {
    Map<String, Object> withDefault = new LinkedHashMap<>(schema);
    withDefault.put("default", param.defaultValue());
    return put(param.name(), false, withDefault);
  }

  private InputSchema put(String name, boolean isRequired, Map<String, Object> schema) {
    properties.put(name, schema);
    if (isRequired) {
      required.add(name);
    }
    return this;
  }

  public Map<String, Object> build() {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", properties);
    if (!required.isEmpty()) {
      schema.put("required", required);
    }
    schema.put("additionalProperties", false);
    return schema;
  }
}
