package airbytemcp.network;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The scalar values of a config, each with its dotted path ({@code credentials.api_url}), and the
 * keys of its objects: what checks of a config name when they refuse it (never the values).
 */
public final class ConfigLeaves {
  private ConfigLeaves() {}

  /**
   * @param intoArrays whether the items of arrays count too (under the array's own path)
   */
  public static void forEach(JsonNode config, boolean intoArrays, BiConsumer<String, String> leaf) {
    walk("", config, intoArrays, leaf, (path, key) -> {});
  }

  /** Every key of the config's objects (arrays' items included), with the path of the field. */
  public static void forEachKey(JsonNode config, BiConsumer<String, String> key) {
    walk("", config, true, (path, value) -> {}, key);
  }

  private static void walk(
      String prefix,
      JsonNode node,
      boolean intoArrays,
      BiConsumer<String, String> leaf,
      BiConsumer<String, String> key) {
    if (node == null) {
      return;
    }
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        String path = prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey();
        key.accept(path, f.getKey());
        walk(path, f.getValue(), intoArrays, leaf, key);
      }
    } else if (node.isArray()) {
      if (intoArrays) {
        node.forEach(item -> walk(prefix, item, true, leaf, key));
      }
    } else if (node.isValueNode() && !node.isNull()) {
      leaf.accept(prefix, node.asText());
    }
  }
}
