package airbytemcp.server;

import airbytemcp.tools.ToolDefinition;
import airbytemcp.tools.ToolResult;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        validator.validate(schema, arguments == null ? Map.of() : arguments);
    if (response.valid()) {
      return Optional.empty();
    }
    String errors = String.valueOf(response.errorMessage());
    if (errors.startsWith(VALIDATOR_PREFIX)) {
      errors = errors.substring(VALIDATOR_PREFIX.length());
    }
    return Optional.of(
        ToolResult.error(
            "Tool (" + tool.name() + ") input validation failed: " + errors, takes(tool)));
  }

  /** {@code x takes: a (string, required), b (integer).}, from the schema the agent was shown. */
  private static String takes(ToolDefinition tool) {
    Object properties = tool.inputSchema().get("properties");
    Object required = tool.inputSchema().get("required");
    List<String> named = new ArrayList<>();
    if (properties instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> property : map.entrySet()) {
        List<String> traits = new ArrayList<>();
        if (property.getValue() instanceof Map<?, ?> definition && definition.get("type") != null) {
          traits.add(typeName(definition.get("type")));
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

  private static String typeName(Object type) {
    return type instanceof List<?> types
        ? String.join(" or ", types.stream().map(String::valueOf).toList())
        : String.valueOf(type);
  }
}
