package airbytemcp.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * UnionPartitionRouter: the partitions of its child routers, in order, each value of {@code
 * partition_field} once (the first wins). A partition is reduced to that one key, so per-partition
 * state keys are the same whichever child produced it; the child's other keys (a substream's {@code
 * parent_slice}) move to the extra fields. Children inject no request options: templates place the
 * value.
 */
final class UnionPartitions {
  private UnionPartitions() {}

  /**
   * @param child lists one child router's partitions (lazily, as parent records arrive)
   */
  static void forEach(
      JsonNode router,
      Scope scope,
      BooleanSupplier done,
      BiConsumer<JsonNode, Consumer<Partition>> child,
      Consumer<Partition> each) {
    String field = new Tpl(router).text("partition_field", scope);
    Set<JsonNode> seen = new HashSet<>();
    for (JsonNode router1 : router.path("partition_routers")) {
      if (done.getAsBoolean()) {
        return;
      }
      child.accept(
          router1,
          p -> {
            if (done.getAsBoolean()) {
              return;
            }
            if (!p.values().containsKey(field)) {
              throw new DeclarativeError(
                  "UnionPartitionRouter expects every child router to give the partition field '"
                      + field
                      + "'; one gave "
                      + p.values().keySet()
                      + ".",
                  "Name the same partition_field (cursor_field or partition_field) in every child"
                      + " router.");
            }
            Object value = p.values().get(field);
            if (!seen.add(PyValues.toJson(value))) {
              return;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put(field, value);
            Map<String, Object> extra = new LinkedHashMap<>(p.extraFields());
            p.values()
                .forEach(
                    (k, v) -> {
                      if (!k.equals(field)) {
                        extra.put(k, v);
                      }
                    });
            each.accept(new Partition(values, extra, List.of()));
          });
    }
  }
}
