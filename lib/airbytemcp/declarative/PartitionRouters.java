package airbytemcp.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Partitions from ListPartitionRouter, SubstreamPartitionRouter and the routers over them
 * (grouping, union); a list of routers yields their cartesian product. Partitions are handed out
 * one at a time as parent records arrive, so a reader that stops early has read only the parent
 * pages it needed. Parent streams are read through {@link Parents}, which also keeps their state
 * when the dependency is incremental.
 */
final class PartitionRouters {
  /** Reads a parent stream's records, incrementally when asked, handing each over as it is read. */
  interface Parents {
    void read(JsonNode streamDef, boolean incremental, Consumer<ParentRecord> each);
  }

  /** A parent record with the slice it was read in. */
  record ParentRecord(ObjectNode record, Map<String, Object> slice) {}

  private PartitionRouters() {}

  /**
   * Hands every partition to {@code each} until {@code done} says the reader has enough. With
   * several routers the first substream router is walked lazily and the others (usually fixed
   * lists) are listed once.
   */
  static void forEach(
      JsonNode routers,
      Scope scope,
      Parents parents,
      BooleanSupplier done,
      Consumer<Partition> each) {
    if (routers == null || routers.isNull()) {
      each.accept(Partition.NONE);
      return;
    }
    List<JsonNode> list = new ArrayList<>();
    if (routers.isArray()) {
      routers.forEach(list::add);
    } else {
      list.add(routers);
    }
    if (list.isEmpty()) {
      each.accept(Partition.NONE);
      return;
    }
    int lazy = 0;
    for (int i = 0; i < list.size(); i++) {
      if (walksParents(list.get(i))) {
        lazy = i;
        break;
      }
    }
    List<List<Partition>> listed = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      List<Partition> own = new ArrayList<>();
      if (i != lazy) {
        one(list.get(i), scope, parents, () -> false, own::add);
      }
      listed.add(own);
    }
    int lazyIndex = lazy;
    one(
        list.get(lazy),
        scope,
        parents,
        done,
        p -> {
          List<Partition> combos = List.of(Partition.NONE);
          for (int i = 0; i < listed.size(); i++) {
            List<Partition> right = i == lazyIndex ? List.of(p) : listed.get(i);
            List<Partition> product = new ArrayList<>();
            for (Partition left : combos) {
              for (Partition r : right) {
                product.add(left.merge(r));
              }
            }
            combos = product;
          }
          for (Partition combo : combos) {
            if (done.getAsBoolean()) {
              return;
            }
            each.accept(combo);
          }
        });
  }

  /** Every partition, listed: for the few places that need them all at once. */
  static List<Partition> all(JsonNode routers, Scope scope, Parents parents) {
    List<Partition> out = new ArrayList<>();
    forEach(routers, scope, parents, () -> false, out::add);
    return out;
  }

  private static void one(
      JsonNode router,
      Scope scope,
      Parents parents,
      BooleanSupplier done,
      Consumer<Partition> each) {
    Tpl t = new Tpl(router);
    switch (router.path("type").asText()) {
      case "ListPartitionRouter":
        {
          String field = t.text("cursor_field", scope);
          Object values = t.value("values", scope);
          List<Object> items = new ArrayList<>();
          if (values instanceof Iterable<?> it) {
            it.forEach(items::add);
          } else if (values instanceof String s) {
            items.addAll(Arrays.asList(s.split(",")));
          }
          for (Object v : items) {
            if (done.getAsBoolean()) {
              return;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(field, v);
            each.accept(new Partition(m, Map.of(), options(router.get("request_option"), v)));
          }
          return;
        }
      case "SubstreamPartitionRouter":
        {
          for (JsonNode parent : router.path("parent_stream_configs")) {
            if (done.getAsBoolean()) {
              return;
            }
            Tpl pt = new Tpl(parent);
            String parentKey = pt.text("parent_key", scope);
            String field = pt.text("partition_field", scope);
            boolean incremental = parent.path("incremental_dependency").asBoolean(false);
            parents.read(
                parent.get("stream"),
                incremental,
                pr -> {
                  JsonNode key = Dpath.get(pr.record(), List.of(parentKey.split("/")));
                  if (key == null || key.isNull() || done.getAsBoolean()) {
                    return;
                  }
                  Object value = PyValues.fromJson(key);
                  Map<String, Object> values = new LinkedHashMap<>();
                  values.put(field, value);
                  values.put("parent_slice", pr.slice());
                  Map<String, Object> extra = new LinkedHashMap<>();
                  for (JsonNode path : parent.path("extra_fields")) {
                    List<String> p = new ArrayList<>();
                    path.forEach(k -> p.add(k.asText()));
                    extra.put(String.join(".", p), PyValues.fromJson(Dpath.get(pr.record(), p)));
                  }
                  each.accept(
                      new Partition(values, extra, options(parent.get("request_option"), value)));
                });
          }
          return;
        }
      case "GroupingPartitionRouter":
        grouped(router, scope, parents, done, each);
        return;
      case "UnionPartitionRouter":
        UnionPartitions.forEach(
            router, scope, done, (child, out) -> one(child, scope, parents, done, out), each);
        return;
      default:
        throw new DeclarativeError(
            "The partition router " + router.path("type").asText() + " is not supported.",
            "Run the connector with Docker or Python.");
    }
  }

  private static boolean walksParents(JsonNode router) {
    String type = router.path("type").asText();
    if ("UnionPartitionRouter".equals(type)) {
      for (JsonNode child : router.path("partition_routers")) {
        if (walksParents(child)) {
          return true;
        }
      }
    }
    return "SubstreamPartitionRouter".equals(type)
        || ("GroupingPartitionRouter".equals(type)
            && walksParents(router.path("underlying_partition_router")));
  }

  /**
   * GroupingPartitionRouter: the underlying router's partitions in batches of {@code group_size}
   * (the last one may be smaller), each batch one partition whose values and extra fields are lists
   * in batch order. Partitions repeating a key already batched are dropped unless {@code
   * deduplicate} is false. Like the CDK, the batch injects no request options of its own: templates
   * place the lists.
   */
  private static void grouped(
      JsonNode router,
      Scope scope,
      Parents parents,
      BooleanSupplier done,
      Consumer<Partition> each) {
    int size = Math.max(1, router.path("group_size").asInt(1));
    boolean deduplicate = router.path("deduplicate").asBoolean(true);
    List<Partition> batch = new ArrayList<>();
    Set<Object> seen = new HashSet<>();
    one(
        router.path("underlying_partition_router"),
        scope,
        parents,
        done,
        p -> {
          List<String> keys = new ArrayList<>(p.values().keySet());
          keys.remove("parent_slice");
          if (keys.size() != 1) {
            throw new DeclarativeError(
                "GroupingPartitionRouter needs partitions with one key; got " + keys + ".",
                "Give its underlying router a single partition field.");
          }
          Object key = p.values().get(keys.get(0));
          if (deduplicate && !seen.add(PyValues.toJson(key))) {
            return;
          }
          batch.add(p);
          if (batch.size() == size) {
            each.accept(group(batch));
            batch.clear();
          }
        });
    if (!batch.isEmpty() && !done.getAsBoolean()) {
      each.accept(group(batch));
    }
  }

  private static Partition group(List<Partition> batch) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (String key : batch.get(0).values().keySet()) {
      List<Object> column = new ArrayList<>();
      batch.forEach(p -> column.add(p.values().get(key)));
      values.put(key, column);
    }
    Map<String, Object> extra = new LinkedHashMap<>();
    batch.forEach(p -> p.extraFields().keySet().forEach(k -> extra.putIfAbsent(k, null)));
    for (String key : new ArrayList<>(extra.keySet())) {
      List<Object> column = new ArrayList<>();
      batch.forEach(p -> column.add(p.extraFields().get(key)));
      extra.put(key, column);
    }
    return new Partition(values, extra, List.of());
  }

  private static List<Map.Entry<JsonNode, Object>> options(JsonNode option, Object value) {
    if (option == null || option.isNull()) {
      return List.of();
    }
    return List.of(new AbstractMap.SimpleImmutableEntry<>(option, value));
  }
}
