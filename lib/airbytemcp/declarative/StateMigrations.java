package airbytemcp.declarative;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * A stream's {@code state_migrations}, applied in order to the state a read resumes from. The
 * schema's one non-custom migration, LegacyToPerPartitionStateMigration, turns the old
 * per-partition shape {@code {"<parent id>": {"<cursor field>": value}}} into {@code {"states":
 * [{"partition": {"<partition field>": "<parent id>"}, "cursor": {...}}]}}, taking the partition
 * field from the stream's single parent stream config and the cursor field from its cursor.
 */
final class StateMigrations {
  private StateMigrations() {}

  static JsonNode apply(JsonNode streamDef, JsonNode state, Scope scope) {
    if (state == null || !state.isObject()) {
      return state;
    }
    JsonNode out = state;
    for (JsonNode migration : streamDef.path("state_migrations")) {
      if ("LegacyToPerPartitionStateMigration".equals(migration.path("type").asText())) {
        out = legacyToPerPartition(streamDef, out, scope);
      }
    }
    return out;
  }

  private static JsonNode legacyToPerPartition(JsonNode streamDef, JsonNode state, Scope scope) {
    JsonNode router = streamDef.path("retriever").path("partition_router");
    if (router.isArray() && router.size() == 1) {
      router = router.get(0);
    }
    JsonNode parents = router.path("parent_stream_configs");
    JsonNode cursor = streamDef.path("incremental_sync");
    if (state.has("states") || parents.size() != 1 || !cursor.has("cursor_field")) {
      return state; // already migrated, or not the shape this migration knows
    }
    String partitionField = new Tpl(parents.get(0)).text("partition_field", scope);
    String cursorField = new Tpl(cursor).text("cursor_field", scope);
    if (state.isEmpty()) {
      return state;
    }
    Iterator<Map.Entry<String, JsonNode>> entries = state.fields();
    while (entries.hasNext()) {
      JsonNode value = entries.next().getValue();
      if (!value.isObject() || value.size() != 1 || !value.has(cursorField)) {
        return state;
      }
    }
    ObjectNode migrated = Json.object();
    ArrayNode states = migrated.putArray("states");
    state
        .fields()
        .forEachRemaining(
            e -> {
              ObjectNode s = states.addObject();
              s.putObject("partition").put(partitionField, e.getKey());
              s.set("cursor", e.getValue());
            });
    return migrated;
  }
}
