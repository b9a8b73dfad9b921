package airbytemcp.declarative;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A response the requester settled on.
 *
 * @param ignored an error handler chose to ignore it: it yields no records
 * @param headers header names in lower case
 */
record HttpOutcome(int status, Map<String, String> headers, byte[] body, boolean ignored) {
  String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body as JSON, or an empty object when it is not JSON (the CDK's lenient reading). */
  JsonNode json() {
    try {
      JsonNode n = Json.MAPPER.readTree(body);
      return n == null ? JsonNodeFactory.instance.objectNode() : n;
    } catch (java.io.IOException | RuntimeException e) {
      return JsonNodeFactory.instance.objectNode();
    }
  }

  String header(String name) {
    return headers.get(name.toLowerCase(java.util.Locale.ROOT));
  }
}
