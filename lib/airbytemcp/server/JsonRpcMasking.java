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
  private static final Set<String> PROTOCOL_FIELDS = Set.of("jsonrpc", "method", "protocolVersion");

  private JsonRpcMasking() {}

  static String mask(String message, Masker masker) {
    if (masker.isEmpty()) {
      return message;
    }
    try {
      JsonNode node = Json.MAPPER.readTree(message);
      return node == null ? masker.mask(message) : Json.write(maskValues(node, null, masker));
    } catch (IOException e) {
      return masker.mask(message);
    }
  }

  private static JsonNode maskValues(JsonNode node, String field, Masker masker) {
    if (node.isTextual()) {
      return field != null && PROTOCOL_FIELDS.contains(field)
          ? node
          : TextNode.valueOf(masker.mask(node.asText()));
    }
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> entry = fields.next();
        entry.setValue(maskValues(entry.getValue(), entry.getKey(), masker));
      }
      return (ObjectNode) node;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        ((ArrayNode) node).set(i, maskValues(node.get(i), null, masker));
      }
    }
    return node;
  }
}
