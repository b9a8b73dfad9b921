package airbytemcp.protocol;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One Airbyte protocol message, kept as the JSON object it came as (connectors add fields the protocol does not
 * name, and passing them through untouched is the protocol's rule).
 */
public record AirbyteMessage(MessageType type, ObjectNode json) {
  public static AirbyteMessage of(ObjectNode json) {
    return new AirbyteMessage(MessageType.fromWire(json.path("type").asText()), json);
  }

  /** A message of the given type around a payload model (or any JSON-able value). */
  public static AirbyteMessage of(MessageType type, Object payload) {
    ObjectNode json = Json.object().put("type", type.name());
    json.set(type.payloadField(), Json.toTree(payload));
    return new AirbyteMessage(type, json);
  }

  /**
   * The payload read into its model ({@link MessageType#model()}); fails with a {@link ProtocolError} when the
   * connector sent something the protocol does not allow.
   */
  public <T> T payloadAs(Class<T> model) {
    try {
      return Json.MAPPER.treeToValue(payload(), model);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw malformed(e.getOriginalMessage());
    } catch (IllegalArgumentException e) {
      throw malformed(e.getMessage());
    }
  }

  private ProtocolError malformed(String reason) {
    return new ProtocolError(
        "The connector sent a " + type + " message the protocol does not allow: " + reason,
        "This is a bug in the connector; try another version (the version argument).");
  }

  /** The payload object named after the type ({@code record}, {@code state}, {@code log}, ...). */
  public JsonNode payload() {
    return json.path(type.payloadField());
  }
}
