package airbytemcp.declarative;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Airbyte's declarative component schema ({@code declarative_component_schema.yaml}): validates
 * manifests and supplies the default values of component fields.
 */
public final class ComponentSchema {
  private static final int MAX_REPORTED = 5;
  private final JsonNode definitions;
  private final Schema validator;
  private final JsonNode root;
  private final Map<String, List<JsonNode>> byType = new HashMap<>();

  private ComponentSchema(JsonNode schema) {
    this.definitions = schema.path("definitions");
    this.root = schema;
    definitions.forEach(
        d ->
            d.path("properties")
                .path("type")
                .path("enum")
                .forEach(t -> byType.computeIfAbsent(t.asText(), k -> new ArrayList<>()).add(d)));
    ObjectNode copy = ((ObjectNode) schema).deepCopy();
    copy.remove("$id"); // the published $id is a GitHub page, and every $ref is local anyway
    Dialect.Builder dialect = Dialect.builder(Dialects.getDraft7());
    // Airbyte's own annotations in the schema: documentation for the Builder UI, nothing to
    // validate.
    for (String keyword :
        List.of(
            "additional_properties",
            "deprecated",
            "deprecation_message",
            "example",
            "interpolation",
            "interpolation_context",
            "linkable",
            "suggestions",
            "version",
            "airbyte_secret",
            "airbyte_hidden",
            "order",
            "group",
            "always_show")) {
      dialect.keyword(new AnnotationKeyword(keyword));
    }
    this.validator = SchemaRegistry.withDefaultDialect(dialect.build()).getSchema(copy);
  }

  public static ComponentSchema fromYaml(String yaml) {
    try {
      JsonNode schema = Json.YAML.readTree(yaml);
      if (schema == null || !schema.isObject()) {
        // e.g. a proxy's HTML page or an empty file: text YAML reads as a scalar
        throw new DeclarativeError(
            "The declarative component schema is not a JSON Schema object.",
            "Point the schema setting at Airbyte's declarative_component_schema.yaml.");
      }
      return new ComponentSchema(schema);
    } catch (IOException e) {
      throw new DeclarativeError(
          "The declarative component schema is not valid YAML: " + e.getMessage(),
          "Point the schema setting at Airbyte's declarative_component_schema.yaml.");
    }
  }

  public static ComponentSchema fromFile(Path path) {
    try {
      return fromYaml(Files.readString(path));
    } catch (IOException e) {
      throw new DeclarativeError(
          "Cannot read the declarative component schema " + path + ": " + e.getMessage(),
          "Point the schema setting at Airbyte's declarative_component_schema.yaml.");
    }
  }

  /** Problems of the manifest, each naming its JSON path; empty when it is valid. */
  public List<String> validate(JsonNode manifest) {
    List<Error> errors = new ArrayList<>(validator.validate(manifest));
    // The deepest locations say most; anyOf alternatives produce a cloud of shallower echoes.
    errors.sort(Comparator.comparingInt((Error e) -> -e.getInstanceLocation().toString().length()));
    List<String> out = new ArrayList<>();
    for (Error e : errors) {
      String line = e.getInstanceLocation() + ": " + e.getMessage();
      if (!out.contains(line)) {
        out.add(line);
      }
      if (out.size() == MAX_REPORTED) {
        break;
      }
    }
    return out;
  }

  /**
   * The component types a manifest instantiates, found as the CDK finds them: only fields a
   * component declares are followed, and only where the schema says a component may sit. Values in
   * request options, schemas, parameters and undeclared fields are never taken for components. An
   * unknown type is listed but not entered.
   */
  public Set<String> componentTypes(JsonNode manifest) {
    Set<String> out = new TreeSet<>();
    walk(manifest, List.of(root), out);
    return out;
  }

  private void walk(JsonNode node, List<JsonNode> expected, Set<String> out) {
    if (node.isArray()) {
      List<JsonNode> items = new ArrayList<>();
      for (JsonNode e : expected) {
        collectItems(e, items);
      }
      node.forEach(item -> walk(item, items, out));
      return;
    }
    if (!node.isObject()) {
      return;
    }
    List<JsonNode> targets = new ArrayList<>();
    List<JsonNode> mapValues = new ArrayList<>();
    for (JsonNode e : expected) {
      collectTargets(e, targets, mapValues);
    }
    JsonNode type = node.get("type");
    List<JsonNode> candidates = targets;
    if (!targets.isEmpty() && type != null && type.isTextual()) {
      out.add(type.asText());
      candidates =
          targets.contains(root) && type.asText().equals("DeclarativeSource")
              ? List.of(root)
              : byType.getOrDefault(type.asText(), List.of());
      if (candidates.isEmpty()) {
        return; // unknown: reported, and nothing inside it is a component the CDK would build
      }
    } else if (targets.isEmpty()) {
      if (!mapValues.isEmpty()) { // a map whose values may be components (e.g. request_parameters)
        node.forEach(v -> walk(v, mapValues, out));
      }
      return; // a plain value: whatever it holds is data
    }
    for (Map.Entry<String, JsonNode> f : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
      List<JsonNode> declared = new ArrayList<>();
      for (JsonNode c : candidates) {
        JsonNode prop = c.path("properties").get(f.getKey());
        if (prop != null && !f.getKey().equals("type") && prop.toString().contains("\"$ref\"")) {
          declared.add(prop);
        }
      }
      if (!declared.isEmpty()) {
        walk(f.getValue(), declared, out);
      }
    }
  }

  private void collectItems(JsonNode schema, List<JsonNode> into) {
    if (schema.has("items")) {
      into.add(schema.get("items"));
    }
    for (String k : List.of("anyOf", "oneOf", "allOf")) {
      schema.path(k).forEach(alt -> collectItems(alt, into));
    }
  }

  /**
   * The definitions (or the root) a schema fragment allows, and the value schemas of maps it
   * allows.
   */
  private void collectTargets(JsonNode schema, List<JsonNode> into, List<JsonNode> mapValues) {
    if (schema == root) {
      into.add(root);
      return;
    }
    JsonNode ref = schema.get("$ref");
    if (ref != null && ref.isTextual() && ref.asText().startsWith("#/definitions/")) {
      JsonNode target = definitions.get(ref.asText().substring("#/definitions/".length()));
      if (target != null && !into.contains(target)) {
        if (target.path("properties").has("type") || !target.has("anyOf")) {
          into.add(target);
        } else {
          collectTargets(target, into, mapValues);
        }
      }
    }
    JsonNode additional = schema.get("additionalProperties");
    if (additional != null && additional.isObject() && additional.toString().contains("\"$ref\"")) {
      mapValues.add(additional);
    }
    for (String k : List.of("anyOf", "oneOf", "allOf")) {
      schema.path(k).forEach(alt -> collectTargets(alt, into, mapValues));
    }
  }

  /**
   * Fills the unset fields of every typed component with the defaults the schema declares for them.
   */
  public void applyDefaults(JsonNode node) {
    if (node.isArray()) {
      node.forEach(this::applyDefaults);
      return;
    }
    if (!node.isObject()) {
      return;
    }
    ObjectNode component = (ObjectNode) node;
    JsonNode type = component.get("type");
    JsonNode properties =
        type != null && type.isTextual()
            ? definitions.path(type.asText()).path("properties")
            : null;
    component.forEach(this::applyDefaults);
    if (properties == null || !properties.isObject()) {
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = properties.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      JsonNode dflt = f.getValue().get("default");
      if (dflt != null
          && !component.has(f.getKey())
          && (dflt.isValueNode() || dflt instanceof ArrayNode)) {
        component.set(f.getKey(), dflt.deepCopy());
      }
    }
  }
}
