package airbytemcp.cloud;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A connection's state and catalog, converted from the Config API's camelCase to the Airbyte
 * protocol's snake_case, ready for a connector's {@code --state} and {@code --catalog}. Connector
 * data inside (states, JSON schemas) is left as it is.
 */
public final class ConnectionArtifacts {
  /** Values that belong to the connector, not the API: their keys are never renamed. */
  private static final Set<String> OPAQUE =
      Set.of("sharedState", "streamState", "state", "jsonSchema");

  private final AirbyteApi api;

  ConnectionArtifacts(AirbyteApi api) {
    this.api = api;
  }

  public JsonNode state(String connectionId) {
    JsonNode state =
        api.config("/state/get", Json.object().put("connectionId", Connections.id(connectionId)));
    String type = state.path("stateType").asText("not_set");
    ArrayNode messages = Json.array();
    switch (type) {
      case "legacy" -> messages.addObject().put("type", "LEGACY").set("data", state.path("state"));
      case "global" ->
          messages
              .addObject()
              .put("type", "GLOBAL")
              .set("global", snake(state.path("globalState")));
      case "stream" ->
          state
              .path("streamState")
              .forEach(s -> messages.addObject().put("type", "STREAM").set("stream", snake(s)));
      default -> {
        return Json.object()
            .put("ERROR", "No state is set for this connection (stateType: " + type + ")");
      }
    }
    return messages;
  }

  public JsonNode catalog(String connectionId) {
    JsonNode answer =
        api.config(
            "/web_backend/connections/get",
            Json.object()
                .put("connectionId", Connections.id(connectionId))
                .put("withRefreshedCatalog", false));
    JsonNode catalog = answer.path("syncCatalog");
    if (!catalog.isObject()) {
      return Json.object().put("ERROR", "No catalog found for this connection");
    }
    ObjectNode out = Json.object();
    ArrayNode streams = out.putArray("streams");
    for (JsonNode entry : catalog.path("streams")) {
      ObjectNode stream = streams.addObject();
      stream.set("stream", snake(entry.path("stream")));
      snake(entry.path("config"))
          .fields()
          .forEachRemaining(f -> stream.set(f.getKey(), f.getValue()));
    }
    return out;
  }

  static ObjectNode snake(JsonNode node) {
    ObjectNode out = Json.object();
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      out.set(
          toSnake(field.getKey()),
          OPAQUE.contains(field.getKey()) ? field.getValue() : snakeAny(field.getValue()));
    }
    return out;
  }

  private static JsonNode snakeAny(JsonNode value) {
    if (value.isObject()) {
      return snake(value);
    }
    if (value.isArray()) {
      ArrayNode out = Json.array();
      value.forEach(v -> out.add(snakeAny(v)));
      return out;
    }
    return value;
  }

  static String toSnake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }
}
