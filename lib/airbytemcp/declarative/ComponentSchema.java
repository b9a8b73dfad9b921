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
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Airbyte's declarative component schema ({@code declarative_component_schema.yaml}): validates manifests and
 * supplies the default values of component fields.
 */
public final class ComponentSchema {
  private static final int MAX_REPORTED = 5;
  private final JsonNode definitions;
  private final Schema validator;

  private ComponentSchema(JsonNode schema) {
    this.definitions = schema.path("definitions");
    ObjectNode copy = ((ObjectNode) schema).deepCopy();
    copy.remove("$id"); // the published $id is a GitHub page, and every $ref is local anyway
    Dialect.Builder dialect = Dialect.builder(Dialects.getDraft7());
    // Airbyte's own annotations in the schema: documentation for the Builder UI, nothing to validate.
    for (String keyword : List.of("additional_properties", "deprecated", "deprecation_message", "example",
        "interpolation", "interpolation_context", "linkable", "suggestions", "version", "airbyte_secret",
        "airbyte_hidden", "order", "group", "always_show")) {
      dialect.keyword(new AnnotationKeyword(keyword));
    }
    this.validator = SchemaRegistry.withDefaultDialect(dialect.build()).getSchema(copy);
  }

  public static ComponentSchema fromYaml(String yaml) {
    try {
      return new ComponentSchema(Json.YAML.readTree(yaml));
    } catch (IOException e) {
      throw new DeclarativeError("The declarative component schema is not valid YAML: " + e.getMessage(),
          "Point the schema setting at Airbyte's declarative_component_schema.yaml.");
    }
  }

  public static ComponentSchema fromFile(Path path) {
    try {
      return fromYaml(Files.readString(path));
    } catch (IOException e) {
      throw new DeclarativeError("Cannot read the declarative component schema " + path + ": " + e.getMessage(),
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

  /** Fills the unset fields of every typed component with the defaults the schema declares for them. */
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
    JsonNode properties = type != null && type.isTextual() ? definitions.path(type.asText()).path("properties")
        : null;
    component.forEach(this::applyDefaults);
    if (properties == null || !properties.isObject()) {
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = properties.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      JsonNode dflt = f.getValue().get("default");
      if (dflt != null && !component.has(f.getKey()) && (dflt.isValueNode() || dflt instanceof ArrayNode)) {
        component.set(f.getKey(), dflt.deepCopy());
      }
    }
  }
}
