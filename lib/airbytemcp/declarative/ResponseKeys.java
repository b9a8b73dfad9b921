package airbytemcp.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;

/**
 * The CDK's lookup of a named key in a token response: the key at the top level, else the first one
 * found depth first in nested objects and arrays (five levels deep), so {@code access_token} also
 * finds {@code {"data": {"access_token": ...}}}.
 */
final class ResponseKeys {
  private static final int MAX_DEPTH = 5;

  private ResponseKeys() {}

  /** The value at {@code key}, or null when no level holds a non-null one. */
  static JsonNode find(JsonNode response, String key) {
    return find(response, key, 0);
  }

  private static JsonNode find(JsonNode node, String key, int depth) {
    if (node == null || depth > MAX_DEPTH) {
      return null;
    }
    if (node.isObject()) {
      JsonNode here = node.get(key);
      if (here != null && !here.isNull()) {
        return here;
      }
      for (Iterator<JsonNode> values = node.elements(); values.hasNext(); ) {
        JsonNode found = find(values.next(), key, depth + 1);
        if (found != null) {
          return found;
        }
      }
    } else if (node.isArray()) {
      for (JsonNode item : node) {
        JsonNode found = find(item, key, depth + 1);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
