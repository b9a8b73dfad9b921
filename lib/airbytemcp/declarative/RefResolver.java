package airbytemcp.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * Replaces manifest references by what they point at, as the CDK does: an object with {@code $ref}
 * becomes the referenced object with the object's own keys laid over it (its keys win, a shallow
 * merge), a string {@code "#/a/b"} becomes the value at that path, and references inside referenced
 * values are followed in turn.
 */
final class RefResolver {
  private static final String REF = "$ref";
  private final JsonNode root;
  private final Deque<String> visiting = new ArrayDeque<>();

  private RefResolver(JsonNode root) {
    this.root = root;
  }

  static JsonNode resolve(JsonNode manifest) {
    return new RefResolver(manifest).evaluate(manifest, "");
  }

  private JsonNode evaluate(JsonNode node, String where) {
    if (node.isObject()) {
      ObjectNode own = JsonNodeFactory.instance.objectNode();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        if (!f.getKey().equals(REF)) {
          own.set(f.getKey(), evaluate(f.getValue(), where + "/" + f.getKey()));
        }
      }
      JsonNode ref = node.get(REF);
      if (ref == null) {
        return own;
      }
      JsonNode target =
          ref.isTextual()
              ? follow(ref.asText(), where + "/" + REF)
              : evaluate(ref, where + "/" + REF);
      if (!target.isObject()) {
        return target;
      }
      ObjectNode merged = ((ObjectNode) target).deepCopy();
      merged.setAll(own);
      return merged;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (int i = 0; i < node.size(); i++) {
        out.add(evaluate(node.get(i), where + "/" + i));
      }
      return out;
    }
    if (node.isTextual() && node.asText().startsWith("#/")) {
      return follow(node.asText(), where);
    }
    return node;
  }

  private JsonNode follow(String ref, String where) {
    if (!ref.startsWith("#/")) {
      throw new DeclarativeError(
          "The reference '" + ref + "' at " + pointer(where) + " is not a local reference.",
          "Only references into the manifest itself (#/definitions/...) are supported.");
    }
    if (visiting.contains(ref)) {
      throw new DeclarativeError(
          "The reference '"
              + ref
              + "' at "
              + pointer(where)
              + " refers to itself through "
              + visiting
              + ".",
          "Break the reference cycle in the manifest.");
    }
    JsonNode target = root;
    for (String part : ref.substring(2).split("/")) {
      String key = part.replace("~1", "/").replace("~0", "~");
      target =
          target.isArray() && key.matches("\\d+")
              ? target.path(Integer.parseInt(key))
              : target.path(key);
      if (target.isMissingNode()) {
        throw new DeclarativeError(
            "The reference '"
                + ref
                + "' at "
                + pointer(where)
                + " points at nothing (no '"
                + key
                + "').",
            "Fix the reference or add the definition it names.");
      }
    }
    visiting.push(ref);
    try {
      return evaluate(target, where);
    } finally {
      visiting.pop();
    }
  }

  private static String pointer(String where) {
    return where.isEmpty() ? "/" : where;
  }
}
