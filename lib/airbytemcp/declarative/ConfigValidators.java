package airbytemcp.declarative;

import airbytemcp.common.Json;
import airbytemcp.connectors.ConfigValidator;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The validations of a spec's {@code config_normalization_rules}: {@code DpathValidator} (the
 * values at a path of the config) and {@code PredicateValidator} (a value, usually a template over
 * the config), each checked by a {@code ValidateAdheresToSchema} strategy.
 */
final class ConfigValidators {
  private ConfigValidators() {}

  /**
   * Why {@code config} fails the validator, or empty when it passes. The reason may quote parts of
   * the config: callers mask it.
   *
   * @param scope the config's scope, with its secrets' decoys
   */
  static Optional<String> failure(JsonNode def, JsonNode config, Scope scope) {
    Tpl t = new Tpl(def);
    JsonNode strategy = def.path("validation_strategy");
    return switch (def.path("type").asText()) {
      case "DpathValidator" -> {
        List<String> path = new ArrayList<>();
        def.path("field_path").forEach(p -> path.add(t.text(p, scope)));
        if (path.isEmpty()) {
          throw new DeclarativeError(
              "A DpathValidator has an empty field_path.", "Name the config field to validate.");
        }
        // a field that is not there is not validated, as in the CDK
        List<JsonNode> values =
            path.contains("*")
                ? Dpath.values(config, path)
                : Optional.ofNullable(Dpath.get(config, path)).map(List::of).orElse(List.of());
        for (JsonNode value : values) {
          Optional<String> why = adheres(strategy, value, scope);
          if (why.isPresent()) {
            yield Optional.of("config field " + String.join(".", path) + ": " + why.get());
          }
        }
        yield Optional.empty();
      }
      case "PredicateValidator" -> {
        JsonNode field = def.get("value");
        JsonNode value =
            field != null && field.isTextual() ? PyValues.toJson(t.value(field, scope)) : field;
        yield adheres(strategy, value == null ? Json.MAPPER.nullNode() : value, scope);
      }
      default ->
          throw new DeclarativeError(
              "The config validator " + def.path("type").asText() + " is not supported.",
              "Run the connector with Docker or Python.");
    };
  }

  /**
   * ValidateAdheresToSchema: a text value is read as JSON first; {@code base_schema} is an object,
   * or text (a template over the config) holding one.
   */
  private static Optional<String> adheres(JsonNode strategy, JsonNode value, Scope scope) {
    if (!"ValidateAdheresToSchema".equals(strategy.path("type").asText())) {
      throw new DeclarativeError(
          "The validation strategy " + strategy.path("type").asText() + " is not supported.",
          "Run the connector with Docker or Python.");
    }
    JsonNode instance = value;
    if (value.isTextual()) {
      try {
        instance = Json.parse(value.asText());
      } catch (RuntimeException notJson) {
        return Optional.of("the value is not valid JSON.");
      }
    }
    List<String> problems = ConfigValidator.problems(schema(strategy, scope), instance);
    return problems.isEmpty()
        ? Optional.empty()
        : Optional.of("JSON schema validation error: " + String.join("; ", problems));
  }

  private static JsonNode schema(JsonNode strategy, Scope scope) {
    JsonNode base = strategy.path("base_schema");
    if (!base.isTextual()) {
      return base;
    }
    JsonNode rendered = PyValues.toJson(new Tpl(strategy).value(base, scope));
    if (rendered.isTextual()) {
      try {
        return Json.parse(rendered.asText());
      } catch (RuntimeException notJson) {
        throw new DeclarativeError(
            "The base_schema of a ValidateAdheresToSchema is not a JSON schema.",
            "Give base_schema as an object, or as text holding a JSON object.");
      }
    }
    return rendered;
  }
}
