package airbytemcp.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One partition of a stream from its partition routers.
 *
 * @param values what {@code stream_partition} holds (with {@code parent_slice} for substreams);
 *     also the state key
 * @param extraFields parent fields a substream copies ({@code stream_slice.extra_fields})
 * @param options request options to inject, each a RequestOption with its value
 */
record Partition(
    Map<String, Object> values,
    Map<String, Object> extraFields,
    List<Map.Entry<JsonNode, Object>> options) {
  static final Partition NONE = new Partition(Map.of(), Map.of(), List.of());

  Partition merge(Partition other) {
    Map<String, Object> v = new LinkedHashMap<>(values);
    v.putAll(other.values);
    Map<String, Object> e = new LinkedHashMap<>(extraFields);
    e.putAll(other.extraFields);
    List<Map.Entry<JsonNode, Object>> o = new ArrayList<>(options);
    o.addAll(other.options);
    return new Partition(v, e, o);
  }

  /** The partition as state keys it: its values as JSON. */
  JsonNode key() {
    return PyValues.toJson(values);
  }
}
