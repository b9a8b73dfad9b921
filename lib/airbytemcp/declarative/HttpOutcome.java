package airbytemcp.declarative;

import airbytemcp.common.Json;
import airbytemcp.common.Redactor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * A response the requester settled on.
 *
 * @param ignored an error handler chose to ignore it: it yields no records
 * @param headers header names in lower case
 * @param masker the runtime's masker: what the body's decoders quote of an unreadable body is
 *     masked with it before it is cut
 */
record HttpOutcome(
    int status, Map<String, String> headers, byte[] body, boolean ignored, Redactor masker) {
  String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body as JSON; a body that is not JSON fails with the reason and a masked excerpt. */
  JsonNode json() {
    try {
      JsonNode n = body.length == 0 ? null : Json.MAPPER.readTree(body);
      return n == null ? JsonNodeFactory.instance.objectNode() : n;
    } catch (IOException e) {
      throw Decoders.undecodable("JSON reader", e, body, masker);
    }
  }

  /**
   * The body as JSON where it is only consulted, not required: error responses (often HTML pages)
   * for error handlers, and responses of non-JSON decoders for paginators. Not JSON reads as an
   * empty object.
   */
  JsonNode jsonOrEmpty() {
    try {
      JsonNode n = body.length == 0 ? null : Json.MAPPER.readTree(body);
      return n == null ? JsonNodeFactory.instance.objectNode() : n;
    } catch (IOException e) {
      return JsonNodeFactory.instance.objectNode();
    }
  }

  String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }
}
