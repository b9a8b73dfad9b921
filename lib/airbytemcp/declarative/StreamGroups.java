package airbytemcp.declarative;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The manifest's {@code stream_groups} (StreamGroup with BlockSimultaneousSyncsAction): streams of
 * a group must not be read at the same time. This runtime reads one stream after another, so the
 * blocking always holds; what remains of the CDK's semantics is its refusal of a group that holds a
 * stream and one of its parent streams (the child reads its parent while it runs, which would
 * deadlock the CDK's concurrent reader), so such a manifest fails here as it fails there.
 */
final class StreamGroups {
  private StreamGroups() {}

  static void requireNoParentInItsChildsGroup(JsonNode manifestDefinition, List<JsonNode> streams) {
    Map<String, String> groupOf = new HashMap<>();
    manifestDefinition
        .path("stream_groups")
        .fields()
        .forEachRemaining(
            group ->
                group
                    .getValue()
                    .path("streams")
                    .forEach(
                        s -> {
                          String name = nameOf(s);
                          if (!name.isEmpty()) {
                            groupOf.put(name, group.getKey());
                          }
                        }));
    if (groupOf.isEmpty()) {
      return;
    }
    for (JsonNode stream : streams) {
      String name = nameOf(stream);
      String group = groupOf.get(name);
      if (group == null) {
        continue;
      }
      for (String ancestor : ancestors(stream)) {
        if (group.equals(groupOf.get(ancestor))) {
          throw new DeclarativeError(
              "Stream '"
                  + name
                  + "' and its parent stream '"
                  + ancestor
                  + "' are both in the stream group '"
                  + group
                  + "'.",
              "A child stream must not share a stream group with its parent; take one of them out.");
        }
      }
    }
  }

  /** Names of the parent streams the stream's partition routers read, and theirs, and so on. */
  private static Set<String> ancestors(JsonNode stream) {
    Set<String> out = new LinkedHashSet<>();
    Deque<JsonNode> routers = new ArrayDeque<>();
    addRouters(stream, routers);
    while (!routers.isEmpty()) {
      JsonNode router = routers.pop();
      switch (router.path("type").asText()) {
        case "GroupingPartitionRouter" -> routers.push(router.path("underlying_partition_router"));
        case "UnionPartitionRouter" -> router.path("partition_routers").forEach(routers::push);
        case "SubstreamPartitionRouter" ->
            router
                .path("parent_stream_configs")
                .forEach(
                    parent -> {
                      JsonNode parentStream = parent.path("stream");
                      if (out.add(nameOf(parentStream))) {
                        addRouters(parentStream, routers);
                      }
                    });
        default -> {}
      }
    }
    return out;
  }

  /** Stream names are plain text or templates over parameters only. */
  private static String nameOf(JsonNode stream) {
    return new Tpl(stream).text("name", Scope.of(Json.object()));
  }

  private static void addRouters(JsonNode stream, Deque<JsonNode> routers) {
    JsonNode router = stream.path("retriever").path("partition_router");
    if (router.isArray()) {
      router.forEach(routers::push);
    } else if (router.isObject()) {
      routers.push(router);
    }
  }
}
