package airbytemcp.declarative;

import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The config transformations of a spec's {@code config_normalization_rules} (used by its migrations
 * too): {@code ConfigAddFields}, {@code ConfigRemapField} and {@code ConfigRemoveFields}, each
 * changing the config in place as the CDK's do.
 */
final class ConfigTransformations {
  private ConfigTransformations() {}

  /**
   * Applies one transformation to {@code config}, in place. Its templates are checked against
   * decoys of the secrets {@code masker} knows in the config: a migration may copy or move a secret
   * but not compute another value from it (split it into words a path then sends).
   */
  static void apply(JsonNode def, ObjectNode config, Masker masker) {
    switch (def.path("type").asText()) {
      case "ConfigAddFields" -> addFields(def, config, masker);
      case "ConfigRemapField" -> remap(def, config, checked(config, masker));
      case "ConfigRemoveFields" -> removeFields(def, config, checked(config, masker));
      default ->
          throw new DeclarativeError(
              "The config transformation " + def.path("type").asText() + " is not supported.",
              "Run the connector with Docker or Python.");
    }
  }

  private static Scope checked(ObjectNode config, Masker masker) {
    return Scope.of(config).withSecretDecoys(SecretDecoys.of(config, masker));
  }

  /**
   * Each field's value is computed from the config first; the condition then sees the config, the
   * value ({@code value}, also as {@code property}) and its {@code path}.
   */
  private static void addFields(JsonNode def, ObjectNode config, Masker masker) {
    Tpl t = new Tpl(def);
    for (JsonNode field : def.path("fields")) {
      Tpl ft = new Tpl(field);
      // each field sees the config as the fields before it left it
      Scope scope = checked(config, masker);
      Object value =
          Transformations.typed(ft.value("value", scope), field.path("value_type").asText(""));
      List<String> path = new ArrayList<>();
      field.path("path").forEach(p -> path.add(p.asText()));
      if (path.isEmpty()) {
        continue;
      }
      Scope withValue =
          scope.with("value", value).with("property", value).with("path", List.copyOf(path));
      if (t.condition("condition", withValue, true)) {
        Transformations.put(config, path, value);
      }
    }
  }

  /**
   * Replaces the value at {@code field_path} by its entry in {@code map} when it has one; a path
   * that is not there, or a value the map does not name, leaves the config as it is. Map keys are
   * text, so only a text value can match, as in the CDK.
   */
  private static void remap(JsonNode def, ObjectNode config, Scope scope) {
    Tpl t = new Tpl(def);
    List<String> path = new ArrayList<>();
    def.path("field_path").forEach(p -> path.add(t.text(p, scope)));
    if (path.isEmpty()) {
      throw new DeclarativeError(
          "A ConfigRemapField has an empty field_path.", "Name the config field to remap.");
    }
    JsonNode parent = Dpath.get(config, path.subList(0, path.size() - 1));
    String name = path.get(path.size() - 1);
    JsonNode current = parent instanceof ObjectNode p ? p.get(name) : null;
    if (current == null || !current.isTextual()) {
      return;
    }
    ObjectNode o = (ObjectNode) parent;
    JsonNode map = mapping(def.path("map"), t, scope);
    Iterator<Map.Entry<String, JsonNode>> entries = map.fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> e = entries.next();
      if (t.text(TextNode.valueOf(e.getKey()), scope).equals(current.asText())) {
        o.set(
            name,
            e.getValue().isTextual()
                ? PyValues.toJson(t.value(e.getValue(), scope))
                : e.getValue());
        return;
      }
    }
  }

  /** The map as written, or the object a template ({@code {{ config['mapping'] }}}) gives. */
  private static JsonNode mapping(JsonNode map, Tpl t, Scope scope) {
    if (map.isObject()) {
      return map;
    }
    if (map.isTextual() && PyValues.toJson(t.value(map, scope)) instanceof ObjectNode o) {
      return o;
    }
    return JsonNodeFactory.instance.objectNode();
  }

  /**
   * Removes every field a pointer names ({@code *} matches any key or item); an item of a list is
   * set to null rather than removed, as dpath does. Missing fields are no error.
   */
  private static void removeFields(JsonNode def, ObjectNode config, Scope scope) {
    if (!new Tpl(def).condition("condition", scope, true)) {
      return;
    }
    for (JsonNode pointer : def.path("field_pointers")) {
      List<String> path = new ArrayList<>();
      pointer.forEach(p -> path.add(p.asText()));
      if (!path.isEmpty()) {
        remove(config, path, 0);
      }
    }
  }

  private static void remove(JsonNode node, List<String> path, int at) {
    for (String k : Dpath.keysAt(node, path.get(at))) {
      JsonNode child = Dpath.child(node, k);
      if (child == null || child.isMissingNode()) {
        continue;
      }
      if (at < path.size() - 1) {
        remove(child, path, at + 1);
      } else if (node instanceof ObjectNode o) {
        o.remove(k);
      } else if (node instanceof ArrayNode a) {
        a.set(Integer.parseInt(k), NullNode.getInstance());
      }
    }
  }
}
