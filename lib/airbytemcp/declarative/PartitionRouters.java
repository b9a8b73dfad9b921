package airbytemcp.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Partitions from ListPartitionRouter and SubstreamPartitionRouter; a list of routers yields their cartesian
 * product. Parent streams are read through {@link Parents}, which also keeps their state when the dependency is
 * incremental.
 */
final class PartitionRouters {
  /** Reads a parent stream's records, incrementally when asked. */
  interface Parents {
    List<ParentRecord> read(JsonNode streamDef, boolean incremental);
  }

  /** A parent record with the slice it was read in. */
  record ParentRecord(ObjectNode record, Map<String, Object> slice) {}

  private PartitionRouters() {}

  static List<Partition> partitions(JsonNode routers, Scope scope, Parents parents) {
    List<Partition> result = List.of(Partition.NONE);
    if (routers == null || routers.isNull()) {
      return result;
    }
    List<JsonNode> list = new ArrayList<>();
    if (routers.isArray()) {
      routers.forEach(list::add);
    } else {
      list.add(routers);
    }
    for (JsonNode router : list) {
      List<Partition> own = one(router, scope, parents);
      List<Partition> product = new ArrayList<>();
      for (Partition left : result) {
        for (Partition right : own) {
          product.add(left.merge(right));
        }
      }
      result = product;
    }
    return result;
  }

  private static List<Partition> one(JsonNode router, Scope scope, Parents parents) {
    Tpl t = new Tpl(router);
    switch (router.path("type").asText()) {
      case "ListPartitionRouter": {
        String field = t.text("cursor_field", scope);
        Object values = t.value("values", scope);
        List<Object> items = new ArrayList<>();
        if (values instanceof Iterable<?> it) {
          it.forEach(items::add);
        } else if (values instanceof String s) {
          items.addAll(Arrays.asList(s.split(",")));
        }
        List<Partition> out = new ArrayList<>();
        for (Object v : items) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put(field, v);
          out.add(new Partition(m, Map.of(), options(router.get("request_option"), v)));
        }
        return out;
      }
      case "SubstreamPartitionRouter": {
        List<Partition> out = new ArrayList<>();
        for (JsonNode parent : router.path("parent_stream_configs")) {
          Tpl pt = new Tpl(parent);
          String parentKey = pt.text("parent_key", scope);
          String field = pt.text("partition_field", scope);
          boolean incremental = parent.path("incremental_dependency").asBoolean(false);
          for (ParentRecord pr : parents.read(parent.get("stream"), incremental)) {
            JsonNode key = Dpath.get(pr.record(), List.of(parentKey.split("/")));
            if (key == null || key.isNull()) {
              continue;
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
            out.add(new Partition(values, extra, options(parent.get("request_option"), value)));
          }
        }
        return out;
      }
      default:
        throw new DeclarativeError("The partition router " + router.path("type").asText() + " is not supported.",
            "Run the connector with Docker or Python.");
    }
  }

  private static List<Map.Entry<JsonNode, Object>> options(JsonNode option, Object value) {
    if (option == null || option.isNull()) {
      return List.of();
    }
    return List.of(new AbstractMap.SimpleImmutableEntry<>(option, value));
  }
}
