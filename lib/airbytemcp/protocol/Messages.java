package airbytemcp.protocol;

import airbytemcp.common.Json;
import airbytemcp.protocol.model.TraceMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** Building and reading the protocol messages the server itself needs to look into. */
public final class Messages {
  private Messages() {}

  public static AirbyteMessage log(String level, String text) {
    ObjectNode json = Json.object().put("type", MessageType.LOG.name());
    json.putObject("log").put("level", level).put("message", text);
    return AirbyteMessage.of(json);
  }

  /** The failure a TRACE ERROR message reports, if this is one. */
  public static Optional<TraceError> traceError(AirbyteMessage message) {
    if (message.type() != MessageType.TRACE
        || !"ERROR".equals(message.payload().path("type").asText())) {
      return Optional.empty();
    }
    TraceMessage.Error error;
    try {
      error = message.payloadAs(TraceMessage.class).error();
    } catch (ProtocolError e) {
      error = null;
    }
    if (error == null) {
      return Optional.of(
          new TraceError("The connector reported an error it did not describe.", null, null, null));
    }
    return Optional.of(
        new TraceError(
            error.message() == null
                ? "The connector reported an error without a message."
                : error.message(),
            error.internalMessage(),
            error.failureType(),
            error.stackTrace()));
  }

  /** The stream a RECORD, stream STATE or stream-status TRACE belongs to; empty for others. */
  public static Optional<StreamDescriptor> streamOf(AirbyteMessage message) {
    JsonNode payload = message.payload();
    return switch (message.type()) {
      case RECORD ->
          Optional.of(
              new StreamDescriptor(
                  payload.path("stream").asText(), textOrNull(payload.path("namespace"))));
      case STATE ->
          "STREAM".equals(payload.path("type").asText())
              ? Optional.of(StreamDescriptor.of(payload.path("stream").path("stream_descriptor")))
              : Optional.empty();
      default -> Optional.empty();
    };
  }

  private static String textOrNull(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? null : node.asText();
  }
}
