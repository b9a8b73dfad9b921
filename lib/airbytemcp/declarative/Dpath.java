package airbytemcp.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * dpath-style lookups: a list of keys (array indices as numbers), where {@code *} matches every key
 * or item.
 */
final class Dpath {
  private Dpath() {}

  static List<JsonNode> values(JsonNode root, List<String> path) {
    List<JsonNode> out = new ArrayList<>();
    collect(root, path, 0, out);
    return out;
  }

  private static void collect(JsonNode node, List<String> path, int at, List<JsonNode> out) {
    if (node == null || node.isMissingNode()) {
      return;
    }
    if (at == path.size()) {
      out.add(node);
      return;
    }
    String key = path.get(at);
    if (key.equals("*") || key.equals("**")) {
      if (node.isObject()) {
        for (Map.Entry<String, JsonNode> f : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
          collect(f.getValue(), path, at + 1, out);
        }
      } else if (node.isArray()) {
        node.forEach(n -> collect(n, path, at + 1, out));
      }
      return;
    }
    collect(child(node, key), path, at + 1, out);
  }

  /**
   * The keys one path element names in {@code node}: for {@code *} and {@code **} every field of an
   * object or index of an array, else the element itself.
   */
  static List<String> keysAt(JsonNode node, String key) {
    if (!key.equals("*") && !key.equals("**")) {
      return List.of(key);
    }
    List<String> keys = new ArrayList<>();
    if (node.isObject()) {
      node.fieldNames().forEachRemaining(keys::add);
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        keys.add(Integer.toString(i));
      }
    }
    return keys;
  }

  static JsonNode child(JsonNode node, String key) {
    if (node.isArray()) {
      try {
        return node.path(Integer.parseInt(key));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return node.isObject() ? node.get(key) : null;
  }

  /** The single value at a path without wildcards, or null. */
  static JsonNode get(JsonNode root, List<String> path) {
    JsonNode at = root;
    for (String key : path) {
      at = at == null ? null : child(at, key);
    }
    return at == null || at.isMissingNode() ? null : at;
  }
}
