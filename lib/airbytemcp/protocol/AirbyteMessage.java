package airbytemcp.protocol;

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

  /** The payload object named after the type ({@code record}, {@code state}, {@code log}, ...). */
  public JsonNode payload() {
    return json.path(type.payloadField());
  }
}
