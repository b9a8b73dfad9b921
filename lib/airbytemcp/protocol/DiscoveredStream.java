package airbytemcp.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One stream of a discovered catalog (an {@code AirbyteStream}), with the fields the server acts
 * on.
 */
public record DiscoveredStream(
    String name,
    String namespace,
    ObjectNode jsonSchema,
    List<String> supportedSyncModes,
    boolean sourceDefinedCursor,
    List<String> defaultCursorField,
    List<List<String>> sourceDefinedPrimaryKey,
    ObjectNode raw) {

  public static DiscoveredStream of(JsonNode stream) {
    JsonNode namespace = stream.path("namespace");
    JsonNode schema = stream.path("json_schema");
    return new DiscoveredStream(
        stream.path("name").asText(),
        namespace.isTextual() ? namespace.asText() : null,
        schema.isObject() ? (ObjectNode) schema : JsonNodeFactory.instance.objectNode(),
        strings(stream.path("supported_sync_modes")),
        stream.path("source_defined_cursor").asBoolean(false),
        strings(stream.path("default_cursor_field")),
        keys(stream.path("source_defined_primary_key")),
        (ObjectNode) stream);
  }

  /** Every stream of a CATALOG payload ({@code {"streams": [...]}}). */
  public static List<DiscoveredStream> allOf(JsonNode catalog) {
    List<DiscoveredStream> streams = new ArrayList<>();
    catalog.path("streams").forEach(s -> streams.add(of(s)));
    return streams;
  }

  public boolean supportsIncremental() {
    return supportedSyncModes.contains("incremental");
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return List.copyOf(out);
  }

  private static List<List<String>> keys(JsonNode array) {
    List<List<String>> out = new ArrayList<>();
    array.forEach(path -> out.add(strings(path)));
    return List.copyOf(out);
  }
}
