package airbytemcp.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the state a read resumes from: per-stream state messages (a list), one message, or a legacy
 * object.
 */
final class StateInput {
  private StateInput() {}

  static Map<String, JsonNode> byStream(JsonNode state) {
    Map<String, JsonNode> out = new HashMap<>();
    if (state == null || state.isNull()) {
      return out;
    }
    if (state.isArray()) {
      state.forEach(m -> one(m, out));
    } else if (state.has("type") || state.has("stream")) {
      one(state, out);
    } else {
      state.fields().forEachRemaining(f -> out.put(f.getKey(), f.getValue()));
    }
    return out;
  }

  private static void one(JsonNode message, Map<String, JsonNode> out) {
    JsonNode m =
        message.has("state") && "STATE".equals(message.path("type").asText())
            ? message.get("state")
            : message;
    JsonNode stream = m.path("stream");
    String name = stream.path("stream_descriptor").path("name").asText("");
    if (!name.isEmpty() && stream.hasNonNull("stream_state")) {
      out.put(name, stream.get("stream_state"));
    }
  }
}
