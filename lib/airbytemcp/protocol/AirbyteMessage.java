package airbytemcp.protocol;

import airbytemcp.common.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;

/**
 * One Airbyte protocol message, kept as the JSON object it came as (connectors add fields the
 * protocol does not name, and passing them through untouched is the protocol's rule). A RECORD read
 * from a connector keeps its line and builds the JSON tree only when asked: a sync reads records
 * straight from the text ({@link RecordFields}), which is most of the work of moving data.
 */
public final class AirbyteMessage {
  private final MessageType type;
  private final String line;
  private volatile ObjectNode json;

  private AirbyteMessage(MessageType type, ObjectNode json, String line) {
    this.type = type;
    this.json = json;
    this.line = line;
  }

  public static AirbyteMessage of(ObjectNode json) {
    return new AirbyteMessage(MessageType.fromWire(json.path("type").asText()), json, null);
  }

  /** A message built here, whose type is known (no lookup of its name: one per record). */
  static AirbyteMessage of(MessageType type, ObjectNode json) {
    return new AirbyteMessage(type, json, null);
  }

  /** A message known by its type whose line is parsed on first use. */
  static AirbyteMessage unparsed(MessageType type, String line) {
    return new AirbyteMessage(type, null, line);
  }

  public MessageType type() {
    return type;
  }

  /**
   * The whole message; fails with a {@link ProtocolError} when a line kept unparsed turns out not
   * to be JSON.
   */
  public ObjectNode json() {
    ObjectNode parsed = json;
    if (parsed == null) {
      try {
        JsonNode node = Json.MAPPER.readTree(line);
        if (!(node instanceof ObjectNode object)) {
          throw malformed("not a JSON object");
        }
        parsed = object;
      } catch (JsonProcessingException e) {
        // not Jackson's reason: it quotes a token cut at 256 chars or its first non-identifier
        // char, and a secret there would keep a prefix that masking no longer matches
        throw malformed("not valid JSON " + Json.where(e));
      }
      json = parsed;
    }
    return parsed;
  }

  /** The connector's line when the message was read from one and not parsed yet. */
  public Optional<String> unparsedLine() {
    return json == null ? Optional.ofNullable(line) : Optional.empty();
  }

  /** The payload object named after the type ({@code record}, {@code state}, {@code log}, ...). */
  public JsonNode payload() {
    return json().path(type.payloadField());
  }

  private ProtocolError malformed(String reason) {
    return new ProtocolError(
        "The connector sent a " + type + " message the protocol does not allow: " + reason,
        "This is a bug in the connector; try another version (the version argument).");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AirbyteMessage m && type == m.type && json().equals(m.json());
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, json());
  }

  @Override
  public String toString() {
    return type + " " + (json == null ? line : json.toString());
  }
}
