package airbytemcp.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.util.List;

/**
 * Checks a config against the JSON Schema of a connector's spec before the connector ever sees it.
 */
public final class ConfigValidator {
  // As in the CDK (jsonschema without a format checker), "format" documents a field but is no rule:
  // specs say
  // format: date for values like 01-03-2024 that their own pattern requires.
  private static final SchemaRegistry SCHEMAS =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_7,
          b ->
              b.schemaRegistryConfig(
                  SchemaRegistryConfig.builder().formatAssertionsEnabled(false).build()));

  /** Enum errors list every allowed value; a few hundred characters say enough. */
  private static final int MAX_MESSAGE = 200;

  private ConfigValidator() {}

  /**
   * The problems found, each naming the field (e.g. {@code $.port: string found, integer
   * expected}); empty when valid.
   */
  public static List<String> problems(JsonNode specSchema, JsonNode config) {
    if (specSchema == null || !specSchema.isObject() || specSchema.isEmpty()) {
      return List.of();
    }
    Schema schema = SCHEMAS.getSchema(specSchema);
    List<Error> errors = schema.validate(config);
    return errors.stream().map(ConfigValidator::describe).distinct().toList();
  }

  private static String describe(Error error) {
    String message =
        error.getMessage().length() > MAX_MESSAGE
            ? error.getMessage().substring(0, MAX_MESSAGE) + "..."
            : error.getMessage();
    String location =
        error.getInstanceLocation() == null ? "$" : error.getInstanceLocation().toString();
    return message.startsWith(location) ? message : location + ": " + message;
  }
}
