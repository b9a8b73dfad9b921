package airbytemcp.protocol;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * The one place that writes Airbyte protocol messages (what the declarative runtime and the smoke
 * test emit, and the server's own log lines), in the shapes of the protocol's schema, and reads the
 * few the server looks into. A stream is named by name and, when there is one, namespace.
 */
public final class Messages {
  private Messages() {}

  /** RECORD: one row of a stream. */
  public static AirbyteMessage record(
      StreamDescriptor stream, JsonNode data, long emittedAtMillis) {
    // One per record read: maps sized for their few fields, and the type's text node shared.
    ObjectNode record = new ObjectNode(JsonNodeFactory.instance, new LinkedHashMap<>(8));
    record.put("stream", stream.name());
    if (stream.namespace() != null) {
      record.put("namespace", stream.namespace());
    }
    record.set("data", data);
    record.put("emitted_at", emittedAtMillis);
    ObjectNode json = new ObjectNode(JsonNodeFactory.instance, new LinkedHashMap<>(4));
    json.set("type", RECORD_TYPE);
    json.set(MessageType.RECORD.payloadField(), record);
    return AirbyteMessage.of(MessageType.RECORD, json);
  }

  private static final TextNode RECORD_TYPE = TextNode.valueOf(MessageType.RECORD.name());

  /** STATE of type STREAM: one stream's checkpoint and how many records it covers. */
  public static AirbyteMessage streamState(
      StreamDescriptor stream, JsonNode streamState, long recordCount) {
    ObjectNode state = Json.object().put("type", "STREAM");
    ObjectNode s = state.putObject("stream");
    s.set("stream_descriptor", descriptor(stream));
    s.set("stream_state", streamState);
    state.putObject("sourceStats").put("recordCount", (double) recordCount);
    return message(MessageType.STATE, state);
  }

  /** LOG: a line of the connector's log at a protocol level (INFO, WARN, ...). */
  public static AirbyteMessage log(String level, String text) {
    return message(MessageType.LOG, Json.object().put("level", level).put("message", text));
  }

  /**
   * CONTROL of type CONNECTOR_CONFIG: the connector's config as it rewrote it (rotated OAuth
   * tokens), secrets inside, so it is never shown.
   */
  public static AirbyteMessage connectorConfig(ObjectNode config) {
    ObjectNode control =
        Json.object()
            .put("type", "CONNECTOR_CONFIG")
            .put("emitted_at", (double) System.currentTimeMillis());
    control.putObject("connectorConfig").set("config", config);
    return message(MessageType.CONTROL, control);
  }

  /** TRACE STREAM_STATUS: STARTED, RUNNING, COMPLETE or INCOMPLETE. */
  public static AirbyteMessage streamStatus(StreamDescriptor stream, String status) {
    ObjectNode trace = trace("STREAM_STATUS");
    trace
        .putObject("stream_status")
        .put("status", status)
        .set("stream_descriptor", descriptor(stream));
    return message(MessageType.TRACE, trace);
  }

  /**
   * TRACE ERROR: a failure with a message for people, optionally one for maintainers, and its
   * protocol failure type; {@code stream} is null when the failure is not one stream's.
   */
  public static AirbyteMessage traceError(
      StreamDescriptor stream, String message, String internalMessage, String failureType) {
    ObjectNode trace = trace("ERROR");
    ObjectNode error =
        trace.putObject("error").put("message", message).put("failure_type", failureType);
    if (internalMessage != null) {
      error.put("internal_message", internalMessage);
    }
    if (stream != null) {
      error.set("stream_descriptor", descriptor(stream));
    }
    return message(MessageType.TRACE, trace);
  }

  /** The failure a TRACE ERROR message reports, if this is one. */
  public static Optional<TraceError> traceError(AirbyteMessage message) {
    if (message.type() != MessageType.TRACE
        || !"ERROR".equals(message.payload().path("type").asText())) {
      return Optional.empty();
    }
    JsonNode error = message.payload().path("error");
    if (!error.isObject()) {
      return Optional.of(
          new TraceError("The connector reported an error it did not describe.", null, null, null));
    }
    String text = text(error.path("message"));
    return Optional.of(
        new TraceError(
            text == null ? "The connector reported an error without a message." : text,
            text(error.path("internal_message")),
            text(error.path("failure_type")),
            text(error.path("stack_trace"))));
  }

  /** The stream a RECORD, stream STATE or stream-status TRACE belongs to; empty for others. */
  public static Optional<StreamDescriptor> streamOf(AirbyteMessage message) {
    JsonNode payload = message.payload();
    return switch (message.type()) {
      case RECORD ->
          Optional.of(
              new StreamDescriptor(
                  payload.path("stream").asText(), text(payload.path("namespace"))));
      case STATE ->
          "STREAM".equals(payload.path("type").asText())
              ? Optional.of(StreamDescriptor.of(payload.path("stream").path("stream_descriptor")))
              : Optional.empty();
      default -> Optional.empty();
    };
  }

  private static ObjectNode trace(String type) {
    return Json.object().put("type", type).put("emitted_at", (double) System.currentTimeMillis());
  }

  private static ObjectNode descriptor(StreamDescriptor stream) {
    ObjectNode d = Json.object().put("name", stream.name());
    if (stream.namespace() != null) {
      d.put("namespace", stream.namespace());
    }
    return d;
  }

  private static AirbyteMessage message(MessageType type, ObjectNode payload) {
    ObjectNode json = Json.object().put("type", type.name());
    json.set(type.payloadField(), payload);
    return AirbyteMessage.of(type, json);
  }

  /** A field's text, or null when it is absent, null, or not a plain value. */
  private static String text(JsonNode node) {
    return node.isValueNode() && !node.isNull() ? node.asText() : null;
  }
}
