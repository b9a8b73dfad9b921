package airbytemcp.declarative;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DynamicSchemaLoader: a stream's JSON schema read from the API. Its retriever's records hold field
 * definitions (under {@code schema_pointer}); each gives a property name ({@code key_pointer}) and
 * an Airbyte type ({@code type_pointer}, renamed by the first matching TypesMap), and the schema
 * transformations then reshape the properties as they would a record.
 */
final class DynamicSchema {
  private static final String STRING_NULL = "[\"null\",\"string\"]";

  private DynamicSchema() {}

  static ObjectNode load(
      JsonNode loader,
      String streamName,
      Manifest manifest,
      JsonNode config,
      RuntimeOptions options) {
    ObjectNode source = Json.object().put("type", "DeclarativeStream").put("name", streamName);
    source.set("retriever", loader.get("retriever"));
    JsonNode identifier = loader.path("schema_type_identifier");
    Scope scope = Scope.of(config).withSecretDecoys(SecretDecoys.of(config, options.masker()));
    ObjectNode properties = Json.object();
    StreamRuntime.of(source, manifest, config, options, false)
        .read(
            null,
            0,
            new StreamRuntime.Sink() {
              @Override
              public void record(ObjectNode data, Map<String, Object> slice) {
                JsonNode fields = Dpath.get(data, pointer(identifier.path("schema_pointer")));
                if (fields == null || !fields.isArray()) {
                  fields = Json.array().add(fields == null ? data : fields);
                }
                for (JsonNode field : fields) {
                  JsonNode key = Dpath.get(field, pointer(identifier.path("key_pointer")));
                  if (key != null && !key.isNull()) {
                    properties.set(key.asText(), type(field, identifier, scope));
                  }
                }
              }

              @Override
              public void state(JsonNode streamState) {}
            });
    ObjectNode transformed =
        new Transformations(loader.path("schema_transformations"))
            .apply(filtered(properties, loader.get("schema_filter"), scope), scope);
    ObjectNode schema =
        Json.object()
            .put("$schema", "http://json-schema.org/draft-07/schema#")
            .put("type", "object")
            .put("additionalProperties", true);
    schema.set("properties", transformed);
    return schema;
  }

  /**
   * The schema_filter (a RecordFilter) keeps the properties whose one-entry record {@code {name:
   * type}} meets its condition, as the CDK filters them.
   */
  private static ObjectNode filtered(ObjectNode properties, JsonNode filter, Scope scope) {
    if (filter == null || !filter.hasNonNull("condition")) {
      return properties;
    }
    Tpl f = new Tpl(filter);
    ObjectNode kept = Json.object();
    properties
        .fields()
        .forEachRemaining(
            e -> {
              ObjectNode record = Json.object().set(e.getKey(), e.getValue());
              if (f.condition("condition", scope.with("record", record), true)) {
                kept.set(e.getKey(), e.getValue());
              }
            });
    return kept;
  }

  private static List<String> pointer(JsonNode path) {
    List<String> out = new ArrayList<>();
    path.forEach(p -> out.add(p.asText()));
    return out;
  }

  private static JsonNode type(JsonNode field, JsonNode identifier, Scope scope) {
    JsonNode typePointer = identifier.path("type_pointer");
    JsonNode raw =
        typePointer.isArray() && !typePointer.isEmpty()
            ? Dpath.get(field, pointer(typePointer))
            : null;
    JsonNode mapped =
        raw == null || raw.isNull() ? Json.MAPPER.getNodeFactory().textNode("string") : raw;
    for (JsonNode map : identifier.path("types_mapping")) {
      boolean matches =
          map.path("current_type").equals(mapped)
              || (map.path("current_type").isArray() && contains(map.path("current_type"), mapped));
      if (matches && new Tpl(map).condition("condition", scope.with("raw_schema", field), true)) {
        mapped = map.get("target_type");
        break;
      }
    }
    if (mapped.isArray()
        && mapped.size() == 2
        && mapped.get(0).isTextual()
        && mapped.get(1).isTextual()) {
      ArrayNode oneOf =
          Json.array()
              .add(airbyteType(mapped.get(0).asText()))
              .add(airbyteType(mapped.get(1).asText()));
      return Json.object().set("oneOf", oneOf);
    }
    if (mapped.isObject()) { // ComplexFieldType: field_type with the type of its items
      ObjectNode out = airbyteType(mapped.path("field_type").asText());
      if (mapped.has("items")) {
        JsonNode items = mapped.get("items");
        out.set(
            "items",
            items.isTextual()
                ? airbyteType(items.asText())
                : airbyteType(items.path("field_type").asText()));
      }
      return out;
    }
    return airbyteType(mapped.asText());
  }

  private static boolean contains(JsonNode list, JsonNode value) {
    for (JsonNode v : list) {
      if (v.equals(value)) {
        return true;
      }
    }
    return false;
  }

  /** The JSON schema of an Airbyte data type name. */
  private static ObjectNode airbyteType(String name) {
    String json =
        switch (name) {
          case "string" -> "{\"type\": " + STRING_NULL + "}";
          case "boolean", "integer", "number", "array", "object" ->
              "{\"type\": [\"null\", \"" + name + "\"]}";
          case "date" -> "{\"type\": " + STRING_NULL + ", \"format\": \"date\"}";
          case "timestamp_without_timezone", "timestamp_with_timezone" ->
              "{\"type\": "
                  + STRING_NULL
                  + ", \"format\": \"date-time\", \"airbyte_type\": \""
                  + name
                  + "\"}";
          case "time_without_timezone", "time_with_timezone" ->
              "{\"type\": "
                  + STRING_NULL
                  + ", \"format\": \"time\", \"airbyte_type\": \""
                  + name
                  + "\"}";
          default ->
              throw new DeclarativeError(
                  "The dynamic schema names the type '"
                      + name
                      + "', which is not an Airbyte"
                      + " data type.",
                  "Add a TypesMap to the manifest's schema_type_identifier that maps it to one.");
        };
    return (ObjectNode) Json.parse(json);
  }
}
