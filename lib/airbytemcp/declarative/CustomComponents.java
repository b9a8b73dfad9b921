package airbytemcp.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the parts of a manifest that only custom Python code can run: {@code Custom*} types, and
 * class_name where no standard type is given. Values (request options, schemas, parameters) are
 * never looked into.
 */
final class CustomComponents {
  private CustomComponents() {}

  /** {@code /pointer (Type)} for each custom component, in document order. */
  static List<String> find(JsonNode manifest) {
    List<String> found = new ArrayList<>();
    walk(manifest, "", found);
    return found;
  }

  private static void walk(JsonNode node, String where, List<String> found) {
    if (node.isObject()) {
      JsonNode type = node.get("type");
      JsonNode className = node.get("class_name");
      boolean custom = type != null && type.isTextual() && type.asText().startsWith("Custom");
      // The CDK ignores class_name on a standard component; it only names code where no standard
      // type is given.
      boolean typeless = (type == null || !type.isTextual()) && !node.has("$ref");
      if (custom || (typeless && className != null && className.isTextual())) {
        found.add(
            (where.isEmpty() ? "/" : where)
                + " ("
                + (custom ? type.asText() : className.asText())
                + ")");
        return;
      }
      for (Map.Entry<String, JsonNode> f : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
        if (SupportedComponents.VALUE_FIELDS.contains(f.getKey())) {
          continue;
        }
        walk(f.getValue(), where + "/" + f.getKey(), found);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), where + "/" + i, found);
      }
    }
  }
}
