package airbytemcp.server;

import airbytemcp.common.CloseNames;
import airbytemcp.tools.ToolDefinition;
import airbytemcp.tools.ToolParam;
import airbytemcp.tools.ToolResult;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a call's arguments against its tool's input schema, as the SDK would, but answers a
 * mismatch with the arguments the tool takes: the SDK's own answer names only what is wrong ({@code
 * property 'connector' is not defined}), so an agent that guessed a name had to list the tools
 * again to find the right one. The SDK's own check is turned off, so this is the only one.
 */
final class ArgumentCheck {
  /** How the SDK's validator starts its message; the errors after it are what the agent needs. */
  private static final String VALIDATOR_PREFIX =
      "Validation failed: JSON schema validation errors: ";

  private final JsonSchemaValidator validator;

  ArgumentCheck(JsonSchemaValidator validator) {
    this.validator = validator;
  }

  /** The answer to a call whose arguments do not fit the tool's schema; empty when they fit. */
  Optional<ToolResult> refusal(ToolDefinition tool, Map<String, Object> arguments) {
    Map<String, Object> schema = tool.inputSchema();
    if (schema.isEmpty()) {
      return Optional.empty();
    }
    JsonSchemaValidator.ValidationResponse response =
        validator.validate(
            schema, wholeNumbersRead(schema, arguments == null ? Map.of() : arguments));
    if (response.valid()) {
      return Optional.empty();
    }
    String errors = misnamed(tool, arguments == null ? Map.of() : arguments);
    if (errors.isEmpty()) {
      errors = String.valueOf(response.errorMessage());
      if (errors.startsWith(VALIDATOR_PREFIX)) {
        errors = errors.substring(VALIDATOR_PREFIX.length());
      }
    }
    return Optional.of(
        ToolResult.error(
            "Tool (" + tool.name() + ") input validation failed: " + errors, takes(tool)));
  }

  /**
   * The arguments as the schema sees them when a whole number came as a string ({@code "4"} for an
   * integer argument, as some clients send every value): the number, which the handler reads from
   * the string as well ({@code ToolArgs.integer}). Anything else is left for the schema to judge.
   */
  static Map<String, Object> wholeNumbersRead(
      Map<String, Object> schema, Map<String, Object> arguments) {
    if (!(schema.get("properties") instanceof Map<?, ?> properties)) {
      return arguments;
    }
    Map<String, Object> read = null;
    for (Map.Entry<String, Object> argument : arguments.entrySet()) {
      if (argument.getValue() instanceof String text
          && WHOLE_NUMBER.matcher(text.strip()).matches()
          && properties.get(argument.getKey()) instanceof Map<?, ?> property
          && "integer".equals(property.get("type"))) {
        if (read == null) {
          read = new LinkedHashMap<>(arguments);
        }
        read.put(argument.getKey(), Integer.valueOf(text.strip()));
      }
    }
    return read == null ? arguments : read;
  }

  /** A whole number an int holds: a sign, then at most 9 digits. */
  private static final Pattern WHOLE_NUMBER = Pattern.compile("[-+]?\\d{1,9}");

  /**
   * The arguments the tool does not take, each with the one it likely meant, and the required ones
   * missing, in words ({@code 'sql' is not an argument of run_sql_query (did you mean
   * 'sql_query'?)}); empty when the names are right (then the validator's errors say what is
   * wrong). The validator's own words for these ({@code : property 'sql' is not defined in the
   * schema and the schema does not allow additional properties}) are the most common misfit.
   */
  private static String misnamed(ToolDefinition tool, Map<String, Object> arguments) {
    Set<String> known =
        tool.inputSchema().get("properties") instanceof Map<?, ?> properties
            ? properties.keySet().stream().map(String::valueOf).collect(Collectors.toSet())
            : Set.of();
    List<String> problems = new ArrayList<>();
    boolean closed = Boolean.FALSE.equals(tool.inputSchema().get("additionalProperties"));
    for (String name : arguments.keySet()) {
      if (closed && !known.contains(name)) {
        List<String> meant = meant(name, known);
        problems.add(
            "'"
                + name
                + "' is not an argument of "
                + tool.name()
                + (meant.isEmpty()
                    ? ""
                    : " (did you mean '" + String.join("' or '", meant) + "'?)"));
      }
    }
    if (tool.inputSchema().get("required") instanceof List<?> required) {
      for (Object name : required) {
        if (!arguments.containsKey(String.valueOf(name))) {
          problems.add("the required argument '" + name + "' is missing");
        }
      }
    }
    return String.join("; ", problems) + (problems.isEmpty() ? "" : ".");
  }

  /** The closest known name, or those that hold the given one ('sql' → 'sql_query'). */
  private static List<String> meant(String name, Set<String> known) {
    List<String> close = CloseNames.closest(name, known, 1);
    if (!close.isEmpty()) {
      return close;
    }
    String key = name.toLowerCase(Locale.ROOT).replace('-', '_');
    return known.stream()
        .filter(k -> key.length() >= 3 && k.contains(key))
        .sorted(Comparator.comparingInt(String::length).thenComparing(k -> k))
        .limit(2)
        .toList();
  }

  /**
   * {@code x takes: a (string, required), b (integer 1 to 500).}, from the schema the agent was
   * shown.
   */
  private static String takes(ToolDefinition tool) {
    Object properties = tool.inputSchema().get("properties");
    Object required = tool.inputSchema().get("required");
    List<String> named = new ArrayList<>();
    if (properties instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> property : map.entrySet()) {
        List<String> traits = new ArrayList<>();
        if (property.getValue() instanceof Map<?, ?> definition && definition.get("type") != null) {
          traits.add(
              typeName(definition.get("type"))
                  + (definition.get("enum") instanceof List<?> values
                      ? ": " + String.join(" or ", values.stream().map(String::valueOf).toList())
                      : "")
                  + bounds(definition));
        }
        if (required instanceof List<?> list && list.contains(property.getKey())) {
          traits.add("required");
        }
        named.add(
            property.getKey() + (traits.isEmpty() ? "" : " (" + String.join(", ", traits) + ")"));
      }
    }
    return named.isEmpty()
        ? tool.name() + " takes no arguments."
        : tool.name()
            + " takes: "
            + String.join(", ", named)
            + ". Names are exact; tools/list describes each.";
  }

  /** A number's bounds as the schema states them, after a space ({@code 1 to 500}); or empty. */
  private static String bounds(Map<?, ?> definition) {
    String words = ToolParam.Int.inWords(definition.get("minimum"), definition.get("maximum"));
    return words.isEmpty() ? "" : " " + words;
  }

  private static String typeName(Object type) {
    return type instanceof List<?> types
        ? String.join(" or ", types.stream().map(String::valueOf).toList())
        : String.valueOf(type);
  }
}
