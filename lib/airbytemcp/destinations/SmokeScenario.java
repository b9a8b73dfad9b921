package airbytemcp.destinations;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One synthetic stream sent to a destination: its name, JSON schema, primary key and records
 * (generated on demand, so a large batch is never held whole).
 */
public record SmokeScenario(
    String name,
    ObjectNode jsonSchema,
    List<String> primaryKey,
    Supplier<Stream<ObjectNode>> records,
    boolean slow) {

  /**
   * A scenario given by a caller: {@code name}, {@code json_schema}, optional {@code records} and
   * {@code primary_key}.
   */
  public static SmokeScenario custom(JsonNode definition) {
    String name = definition.path("name").asText("");
    JsonNode schema = definition.get("json_schema");
    if (name.isBlank() || schema == null || !schema.isObject()) {
      throw new SmokeTestError(
          "A custom scenario needs a 'name' and a 'json_schema' object.",
          "Give each custom scenario {\"name\": ..., \"json_schema\": {...}, \"records\": [...]}.");
    }
    List<ObjectNode> records = new ArrayList<>();
    for (JsonNode r : definition.path("records")) {
      if (!r.isObject()) {
        throw new SmokeTestError(
            "Records of custom scenario '" + name + "' must be objects.", null);
      }
      records.add((ObjectNode) r);
    }
    List<String> key = new ArrayList<>();
    JsonNode pk = definition.path("primary_key");
    if (pk.isTextual()) {
      key.add(pk.asText());
    } else {
      pk.forEach(k -> key.add(k.isArray() ? k.path(0).asText() : k.asText()));
    }
    return new SmokeScenario(name, (ObjectNode) schema, key, records::stream, false);
  }

  long recordCount() {
    return records.get().count();
  }

  static ObjectNode object(String json) {
    return (ObjectNode) Json.parse(json);
  }
}
