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
  private final JsonNode schema;
  private final Set<String> names;

  private SecretFields(JsonNode schema, Set<String> names) {
    this.schema = schema;
    this.names = Set.copyOf(names);
  }

  public static SecretFields of(JsonNode specSchema) {
    Set<String> names = new LinkedHashSet<>();
    collect(specSchema, null, names);
    return new SecretFields(specSchema, names);
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

  /**
   * Dotted paths of the {@code secret_reference::} values of a config that are not inside a field
   * the spec declares {@code airbyte_secret: true} at that very path, the one mark Airbyte stores
   * as a secret. Paths follow {@code properties}, every {@code oneOf}/{@code anyOf}/{@code allOf}
   * branch and array {@code items}. Unlike {@link #names()}, a field that is only named like a
   * secret field elsewhere in the spec, or marked secret only by {@code writeOnly} or {@code
   * format: password} (which Airbyte stores as plain fields), does not count.
   */
  public List<String> referencesOutsideAirbyteSecrets(JsonNode config) {
    List<String> found = new ArrayList<>();
    placeReferences(config, branches(schema), "", false, found);
    return found;
  }

  private static void placeReferences(
      JsonNode node, List<JsonNode> schemas, String path, boolean secret, List<String> found) {
    if (node == null || secret) {
      return;
    }
    if (SecretReferences.isReference(node)) {
      found.add(path.isEmpty() ? "(the whole config)" : path);
    } else if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        List<JsonNode> children = new ArrayList<>();
        boolean childSecret = false;
        for (JsonNode parent : schemas) {
          JsonNode property = parent.path("properties").get(field.getKey());
          if (property != null && property.isObject()) {
            childSecret |= property.path("airbyte_secret").asBoolean(false);
            children.addAll(branches(property));
          }
        }
        String childPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        placeReferences(field.getValue(), children, childPath, childSecret, found);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        List<JsonNode> children = new ArrayList<>();
        for (JsonNode parent : schemas) {
          JsonNode items = parent.get("items");
          if (items != null && items.isObject()) {
            children.addAll(branches(items));
          } else if (items != null && items.isArray() && items.get(i) != null) {
            children.addAll(branches(items.get(i)));
          }
        }
        placeReferences(node.get(i), children, path + "[" + i + "]", false, found);
      }
    }
  }

  /**
   * A schema and, recursively, its oneOf/anyOf/allOf branches. A {@code $ref} is not followed:
   * nothing behind one counts as secret.
   */
  private static List<JsonNode> branches(JsonNode node) {
    List<JsonNode> out = new ArrayList<>();
    addBranches(node, out);
    return out;
  }

  private static void addBranches(JsonNode node, List<JsonNode> out) {
    if (node == null || !node.isObject()) {
      return;
    }
    out.add(node);
    for (String keyword : List.of("oneOf", "anyOf", "allOf")) {
      JsonNode alternatives = node.get(keyword);
      if (alternatives != null && alternatives.isArray()) {
        alternatives.forEach(branch -> addBranches(branch, out));
      }
    }
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
