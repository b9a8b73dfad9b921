package airbytemcp.declarative;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The CDK's RecordExpander, an extractor's {@code record_expander}: every item of the arrays at
 * {@code expand_records_from_field} (wildcards allowed) becomes a record of its own, optionally
 * with the whole parent under {@code original_record}. A record with nothing to expand is dropped,
 * or kept as it is with {@code on_no_records: emit_parent}.
 */
final class RecordExpander {
  private final Tpl t;

  private RecordExpander(JsonNode def) {
    this.t = new Tpl(def);
  }

  /** The expander an extractor names, or null when it names none. */
  static RecordExpander of(JsonNode extractor) {
    JsonNode def = extractor.get("record_expander");
    return def == null || def.isNull() ? null : new RecordExpander(def);
  }

  List<JsonNode> expand(JsonNode record, Scope scope) {
    List<String> path = new ArrayList<>();
    t.node().path("expand_records_from_field").forEach(p -> path.add(t.text(p, scope)));
    if (!record.isObject() || path.isEmpty()) {
      return List.of(record);
    }
    boolean withParent = t.node().path("remain_original_record").asBoolean(false);
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode found : Dpath.values(record, path)) {
      if (!found.isArray()) {
        continue;
      }
      for (JsonNode item : found) {
        if (item instanceof ObjectNode o) {
          ObjectNode expanded = o.deepCopy();
          if (withParent) {
            expanded.set("original_record", record.deepCopy());
          }
          out.add(expanded);
        } else if (withParent) {
          ObjectNode wrapped = Json.object();
          wrapped.set("value", item);
          wrapped.set("original_record", record.deepCopy());
          out.add(wrapped);
        } else {
          out.add(item);
        }
      }
    }
    if (out.isEmpty() && "emit_parent".equals(t.node().path("on_no_records").asText("skip"))) {
      out.add(record);
    }
    return out;
  }
}
