package airbytemcp.cache;

import airbytemcp.common.Json;
import airbytemcp.protocol.AirbyteMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Builds Airbyte protocol messages and catalogs for tests, in the wire shapes connectors send. */
final class Protocol {
  private Protocol() {}

  static AirbyteMessage record(String stream, String dataJson) {
    ObjectNode m = Json.object();
    m.put("type", "RECORD");
    ObjectNode r = m.putObject("record");
    r.put("stream", stream);
    r.set("data", Json.parse(dataJson));
    r.put("emitted_at", 1_700_000_000_000L);
    return AirbyteMessage.of(m);
  }

  static AirbyteMessage streamState(String stream, String stateJson) {
    ObjectNode m = Json.object();
    m.put("type", "STATE");
    ObjectNode s = m.putObject("state");
    s.put("type", "STREAM");
    ObjectNode st = s.putObject("stream");
    st.putObject("stream_descriptor").put("name", stream);
    st.set("stream_state", Json.parse(stateJson));
    return AirbyteMessage.of(m);
  }

  static AirbyteMessage errorTrace(String message) {
    ObjectNode m = Json.object();
    m.put("type", "TRACE");
    ObjectNode t = m.putObject("trace");
    t.put("type", "ERROR");
    t.putObject("error").put("message", message);
    return AirbyteMessage.of(m);
  }

  /** A discovered stream: {@code properties} is the JSON of the schema's properties. */
  static ObjectNode stream(
      String name, String propertiesJson, List<String> primaryKey, String cursor) {
    ObjectNode s = Json.object();
    s.put("name", name);
    ObjectNode schema = s.putObject("json_schema");
    schema.put("type", "object");
    schema.set("properties", Json.parse(propertiesJson));
    ArrayNode modes = s.putArray("supported_sync_modes");
    modes.add("full_refresh");
    if (cursor != null) {
      modes.add("incremental");
      s.put("source_defined_cursor", true);
      s.putArray("default_cursor_field").add(cursor);
    }
    ArrayNode pk = s.putArray("source_defined_primary_key");
    primaryKey.forEach(k -> pk.addArray().add(k));
    return s;
  }

  static ObjectNode catalog(JsonNode... streams) {
    ObjectNode c = Json.object();
    ArrayNode array = c.putArray("streams");
    for (JsonNode s : streams) {
      array.add(s);
    }
    return c;
  }
}
