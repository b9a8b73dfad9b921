package airbytemcp.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * CheckStream's {@code dynamic_streams_check_configs}: for each DynamicStreamCheckConfig, the
 * streams its dynamic definition (found by name, or {@code dynamic_stream_N} when unnamed)
 * generates, the first {@code stream_count} of them or all when it is unset.
 */
final class DynamicStreamChecks {
  private DynamicStreamChecks() {}

  static List<JsonNode> streams(
      JsonNode checkDef, Manifest manifest, JsonNode config, RuntimeOptions options) {
    List<JsonNode> out = new ArrayList<>();
    JsonNode dynamics = manifest.definition().path("dynamic_streams");
    for (JsonNode checkConfig : checkDef.path("dynamic_streams_check_configs")) {
      String wanted = checkConfig.path("dynamic_stream_name").asText();
      JsonNode dynamic = null;
      for (int i = 0; i < dynamics.size() && dynamic == null; i++) {
        if (dynamics.get(i).path("name").asText("dynamic_stream_" + i).equals(wanted)) {
          dynamic = dynamics.get(i);
        }
      }
      if (dynamic == null) {
        throw new DeclarativeError(
            "Dynamic stream " + wanted + " is not found in manifest.",
            "Name a dynamic_streams entry of the manifest in dynamic_stream_name.");
      }
      List<JsonNode> generated = DynamicStreams.resolve(dynamic, manifest, config, options);
      int count =
          checkConfig.has("stream_count")
              ? Math.min(generated.size(), checkConfig.path("stream_count").asInt())
              : generated.size();
      out.addAll(generated.subList(0, count));
    }
    return out;
  }
}
