package airbytemcp.network;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.function.BiConsumer;

/** The scalar values of a config, each with its dotted path ({@code credentials.api_url}). */
final class ConfigLeaves {
  private ConfigLeaves() {}

  /**
   * @param intoArrays whether the items of arrays count too (under the array's own path)
   */
  static void forEach(JsonNode config, boolean intoArrays, BiConsumer<String, String> leaf) {
    walk("", config, intoArrays, leaf);
  }

  private static void walk(
      String prefix, JsonNode node, boolean intoArrays, BiConsumer<String, String> leaf) {
    if (node == null) {
      return;
    }
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        walk(
            prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(),
            f.getValue(),
            intoArrays,
            leaf);
      }
    } else if (node.isArray()) {
      if (intoArrays) {
        node.forEach(item -> walk(prefix, item, true, leaf));
      }
    } else if (node.isValueNode() && !node.isNull()) {
      leaf.accept(prefix, node.asText());
    }
  }
}
