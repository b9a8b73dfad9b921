package airbytemcp.protocol;

import airbytemcp.common.Json;
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
    if (message.type() != MessageType.TRACE || !"ERROR".equals(message.payload().path("type").asText())) {
      return Optional.empty();
    }
    JsonNode error = message.payload().path("error");
    return Optional.of(
        new TraceError(
            error.path("message").asText("The connector reported an error without a message."),
            textOrNull(error.path("internal_message")),
            textOrNull(error.path("failure_type")),
            textOrNull(error.path("stack_trace"))));
  }

  /** The stream a RECORD, stream STATE or stream-status TRACE belongs to; empty for others. */
  public static Optional<StreamDescriptor> streamOf(AirbyteMessage message) {
    JsonNode payload = message.payload();
    return switch (message.type()) {
      case RECORD -> Optional.of(new StreamDescriptor(payload.path("stream").asText(), textOrNull(payload.path("namespace"))));
      case STATE -> "STREAM".equals(payload.path("type").asText())
          ? Optional.of(StreamDescriptor.of(payload.path("stream").path("stream_descriptor")))
          : Optional.empty();
      default -> Optional.empty();
    };
  }

  private static String textOrNull(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? null : node.asText();
  }
}
