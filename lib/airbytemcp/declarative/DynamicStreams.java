package airbytemcp.declarative;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DynamicDeclarativeStream: stream definitions made from a template, once per component value. The
 * values come from an API (HttpComponentsResolver: the records of its retriever) or from the config
 * (ConfigComponentsResolver: the list at {@code configs_pointer}) or the manifest itself
 * (ParametrizedComponentsResolver: its StreamParametersDefinition's list, one stream per entry);
 * each ComponentMappingDefinition writes an interpolated value into the template at its {@code
 * field_path}.
 */
final class DynamicStreams {
  private DynamicStreams() {}

  static List<JsonNode> resolve(
      JsonNode dynamic, Manifest manifest, JsonNode config, RuntimeOptions options) {
    JsonNode resolver = dynamic.path("components_resolver");
    List<Map.Entry<JsonNode, Map<String, Object>>> values = new ArrayList<>();
    switch (resolver.path("type").asText()) {
      case "HttpComponentsResolver":
        {
          ObjectNode reader =
              Json.object().put("type", "DeclarativeStream").put("name", "components_resolver");
          reader.set("retriever", resolver.path("retriever"));
          StreamRuntime.of(reader, manifest, config, options, false)
              .read(
                  null,
                  0,
                  new StreamRuntime.Sink() {
                    @Override
                    public void record(ObjectNode data, Map<String, Object> slice) {
                      values.add(Map.entry(data, slice));
                    }

                    @Override
                    public void state(JsonNode streamState) {}
                  });
          break;
        }
      case "ConfigComponentsResolver":
        {
          JsonNode at = config;
          for (JsonNode key : resolver.path("stream_config").path("configs_pointer")) {
            at = at == null ? null : Dpath.child(at, key.asText());
          }
          if (at != null && at.isArray()) {
            at.forEach(v -> values.add(Map.entry(v, Map.of())));
          } else if (at != null && at.isObject()) {
            values.add(Map.entry(at, Map.of()));
          }
          break;
        }
      case "ParametrizedComponentsResolver":
        resolver
            .path("stream_parameters")
            .path("list_of_parameters_for_stream")
            .forEach(v -> values.add(Map.entry(v, Map.of())));
        break;
      default:
        throw new DeclarativeError(
            "The components resolver " + resolver.path("type").asText() + " is not supported.",
            "Run the connector with Docker or Python.");
    }
    // the parametrized resolver reads each mapped text as YAML, so "42" or "[a, b]" become values
    boolean parsesYaml = "ParametrizedComponentsResolver".equals(resolver.path("type").asText());
    // the stream renders what is mapped into it again: data (the config, an API's records) goes in
    // as text, while template code the manifest's own values or mappings write stays code
    JsonNode configAsText = TemplateLiterals.escape(config);
    // a mapping may turn a config value into a stream's name or path: a secret must keep its form
    SecretDecoys decoys = SecretDecoys.of(configAsText, options.masker());
    List<JsonNode> streams = new ArrayList<>();
    for (Map.Entry<JsonNode, Map<String, Object>> v : values) {
      Scope scope =
          Scope.of(configAsText)
              .withSecretDecoys(decoys)
              .with(
                  "components_values",
                  parsesYaml ? v.getKey() : TemplateLiterals.escape(v.getKey()))
              .with("stream_slice", new PyDict(TemplateLiterals.escape(v.getValue())));
      ObjectNode stream = dynamic.path("stream_template").deepCopy();
      for (JsonNode mapping : resolver.path("components_mapping")) {
        Tpl t = new Tpl(mapping);
        if (!t.condition("condition", scope, true)) {
          continue;
        }
        List<String> path = new ArrayList<>();
        mapping.path("field_path").forEach(p -> path.add(t.text(p, scope)));
        JsonNode value = PyValues.toJson(t.value("value", scope));
        if (parsesYaml && value.isTextual()) {
          value = yamlOrText(value);
        }
        set(stream, path, 0, value, mapping.path("create_or_update").asBoolean(false));
      }
      streams.add(stream);
    }
    return streams;
  }

  private static JsonNode yamlOrText(JsonNode text) {
    try {
      JsonNode parsed = Json.parseJsonOrYaml(text.asText());
      return parsed == null || parsed.isMissingNode() ? text : parsed;
    } catch (IllegalArgumentException e) {
      return text; // not YAML (a template expression, say): the text itself, as in the CDK
    }
  }

  /**
   * Writes at a dpath: {@code *} updates every existing key; missing keys are created only when
   * asked.
   */
  private static void set(
      JsonNode node, List<String> path, int at, JsonNode value, boolean create) {
    String key = path.get(at);
    boolean last = at == path.size() - 1;
    if (key.equals("*") || key.equals("**")) {
      List<String> keys = new ArrayList<>();
      if (node.isObject()) {
        node.fieldNames().forEachRemaining(keys::add);
      } else {
        for (int i = 0; i < node.size(); i++) {
          keys.add(Integer.toString(i));
        }
      }
      for (String k : keys) {
        List<String> concrete = new ArrayList<>(path);
        concrete.set(at, k);
        set(node, concrete, at, value, false);
      }
      return;
    }
    JsonNode child = Dpath.child(node, key);
    if (last) {
      if (node instanceof ObjectNode o && (child != null || create)) {
        o.set(key, value);
      } else if (node instanceof ArrayNode a && child != null && !child.isMissingNode()) {
        a.set(Integer.parseInt(key), value);
      }
      return;
    }
    if ((child == null || child.isMissingNode()) && create && node instanceof ObjectNode o) {
      child = o.putObject(key);
    }
    if (child != null && !child.isMissingNode()) {
      set(child, path, at + 1, value, create);
    }
  }
}
