package airbytemcp.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which config fields a connector's spec marks secret ({@code airbyte_secret}, {@code writeOnly} or
 * {@code format: password}), and which of them a config fills with a literal value instead of a
 * reference.
 */
public final class SecretFields {
  private final Set<String> names;

  private SecretFields(Set<String> names) {
    this.names = Set.copyOf(names);
  }

  public static SecretFields of(JsonNode specSchema) {
    Set<String> names = new LinkedHashSet<>();
    collect(specSchema, null, names);
    return new SecretFields(names);
  }

  public Set<String> names() {
    return names;
  }

  /** Dotted paths of literal strings under a secret field. */
  public List<String> hardCoded(JsonNode config) {
    List<String> found = new ArrayList<>();
    walk(
        config,
        "",
        false,
        (path, value) -> {
          if (value.isTextual() && !SecretReferences.isReference(value)) {
            found.add(path);
          }
        });
    return found;
  }

  /** Registers the value of every secret field of a (hydrated) config with the masker. */
  public void registerValues(JsonNode config, Masker masker) {
    walk(config, "", false, (path, value) -> masker.registerLeaves(value));
  }

  private interface Visitor {
    void visit(String path, JsonNode value);
  }

  private void walk(JsonNode node, String path, boolean underSecret, Visitor visitor) {
    if (node == null) {
      return;
    }
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String childPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        walk(field.getValue(), childPath, underSecret || names.contains(field.getKey()), visitor);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), path + "[" + i + "]", underSecret, visitor);
      }
    } else if (underSecret) {
      visitor.visit(path, node);
    }
  }

  private static void collect(JsonNode schema, String key, Set<String> names) {
    if (schema == null || !schema.isContainerNode()) {
      return;
    }
    if (schema.isObject()
        && key != null
        && (schema.path("airbyte_secret").asBoolean(false)
            || schema.path("writeOnly").asBoolean(false)
            || "password".equals(schema.path("format").asText()))) {
      names.add(key);
    }
    if (schema.isObject()) {
      JsonNode properties = schema.get("properties");
      if (properties != null && properties.isObject()) {
        properties.fields().forEachRemaining(p -> collect(p.getValue(), p.getKey(), names));
      }
      schema
          .fields()
          .forEachRemaining(
              f -> {
                if (!f.getKey().equals("properties")) {
                  collect(f.getValue(), null, names);
                }
              });
    } else {
      schema.forEach(element -> collect(element, null, names));
    }
  }
}
