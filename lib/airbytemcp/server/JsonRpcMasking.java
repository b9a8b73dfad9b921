package airbytemcp.server;

import airbytemcp.common.Json;
import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Masks one JSON-RPC message value by value, the last line of defence on every transport: protocol
 * fields are left alone so masking can never break the protocol; text that is not JSON is masked as
 * plain text.
 */
final class JsonRpcMasking {
  /**
   * Where the protocol's own text sits: the version and method at the top, the protocol version an
   * {@code initialize} request or answer carries. Only there is a value left alone: a field of the
   * same name deeper in a message (a tool's result may hold a "method") is masked like any other.
   */
  private static final Set<String> PROTOCOL_FIELDS =
      Set.of("jsonrpc", "method", "params.protocolVersion", "result.protocolVersion");

  private JsonRpcMasking() {}

  static String mask(String message, Masker masker) {
    if (masker.isEmpty()) {
      return message;
    }
    try {
      JsonNode node = Json.MAPPER.readTree(message);
      return node == null ? masker.mask(message) : Json.write(maskValues(node, "", masker));
    } catch (IOException e) {
      return masker.mask(message);
    }
  }

  /** {@code path}: the dotted field names from the top, empty at the top itself. */
  private static JsonNode maskValues(JsonNode node, String path, Masker masker) {
    if (node.isTextual()) {
      return PROTOCOL_FIELDS.contains(path) ? node : TextNode.valueOf(masker.mask(node.asText()));
    }
    if (node.isObject()) {
      ObjectNode masked = Json.object();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> entry = fields.next();
        String key = entry.getKey();
        // below the envelope a key is data too (a record's field named after a config value)
        String shownKey = path.isEmpty() ? key : masker.mask(key);
        masked.set(
            shownKey,
            maskValues(entry.getValue(), path.isEmpty() ? key : path + "." + key, masker));
      }
      return masked;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        ((ArrayNode) node).set(i, maskValues(node.get(i), path + "[]", masker));
      }
    }
    return node;
  }
}
