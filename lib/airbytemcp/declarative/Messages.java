package airbytemcp.declarative;

import airbytemcp.common.Json;
import airbytemcp.protocol.AirbyteMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Airbyte protocol messages the declarative runtime emits, in the standard JSON shapes. */
final class Messages {
  private Messages() {}

  static AirbyteMessage record(String stream, ObjectNode data) {
    ObjectNode m = Json.object().put("type", "RECORD");
    m.putObject("record")
        .put("stream", stream)
        .<ObjectNode>set("data", data)
        .put("emitted_at", System.currentTimeMillis());
    return AirbyteMessage.of(m);
  }

  static AirbyteMessage state(String stream, JsonNode streamState, long recordCount) {
    ObjectNode m = Json.object().put("type", "STATE");
    ObjectNode state = m.putObject("state").put("type", "STREAM");
    ObjectNode s = state.putObject("stream");
    s.putObject("stream_descriptor").put("name", stream);
    s.set("stream_state", streamState);
    state.putObject("sourceStats").put("recordCount", (double) recordCount);
    return AirbyteMessage.of(m);
  }

  /** The connector's config as rewritten (rotated OAuth tokens): secrets inside, never shown. */
  static AirbyteMessage control(ObjectNode config) {
    ObjectNode m = Json.object().put("type", "CONTROL");
    ObjectNode control =
        m.putObject("control")
            .put("type", "CONNECTOR_CONFIG")
            .put("emitted_at", (double) System.currentTimeMillis());
    control.putObject("connectorConfig").set("config", config);
    return AirbyteMessage.of(m);
  }

  static AirbyteMessage log(String level, String message) {
    ObjectNode m = Json.object().put("type", "LOG");
    m.putObject("log").put("level", level).put("message", message);
    return AirbyteMessage.of(m);
  }

  static AirbyteMessage status(String stream, String status) {
    ObjectNode m = Json.object().put("type", "TRACE");
    ObjectNode trace =
        m.putObject("trace")
            .put("type", "STREAM_STATUS")
            .put("emitted_at", (double) System.currentTimeMillis());
    ObjectNode st = trace.putObject("stream_status");
    st.putObject("stream_descriptor").put("name", stream);
    st.put("status", status);
    return AirbyteMessage.of(m);
  }

  static AirbyteMessage error(String stream, String message, String internal, String failureType) {
    ObjectNode m = Json.object().put("type", "TRACE");
    ObjectNode trace =
        m.putObject("trace")
            .put("type", "ERROR")
            .put("emitted_at", (double) System.currentTimeMillis());
    ObjectNode error =
        trace.putObject("error").put("message", message).put("failure_type", failureType);
    if (internal != null) {
      error.put("internal_message", internal);
    }
    if (stream != null) {
      error.putObject("stream_descriptor").put("name", stream);
    }
    return AirbyteMessage.of(m);
  }
}
