package airbytemcp.server;

import airbytemcp.common.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks that an incoming message is one well-formed JSON-RPC 2.0 message before the MCP SDK sees
 * it. The SDK stops reading stdio at the first line it cannot parse and answers some malformed HTTP
 * bodies with an internal error carrying a Java stack trace; a message refused here is answered
 * with a plain JSON-RPC error instead.
 */
final class JsonRpcGate {
  static final int PARSE_ERROR = -32700;
  static final int INVALID_REQUEST = -32600;
  static final int INVALID_PARAMS = -32602;

  /**
   * Requests the SDK cannot answer without params (it fails with an internal error instead of
   * saying so).
   */
  private static final Set<String> NEEDS_PARAMS =
      Set.of(
          "initialize",
          "tools/call",
          "prompts/get",
          "resources/read",
          "resources/subscribe",
          "resources/unsubscribe",
          "logging/setLevel",
          "completion/complete");

  /** The string that names what these requests act on. */
  private static final Map<String, String> NAMED_BY =
      Map.of(
          "tools/call",
          "name",
          "prompts/get",
          "name",
          "resources/read",
          "uri",
          "logging/setLevel",
          "level");

  private JsonRpcGate() {}

  /** Empty when the message may pass; otherwise the JSON-RPC error response to send back. */
  static Optional<String> refusal(String text) {
    JsonNode message;
    try {
      message = Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return Optional.of(error(null, PARSE_ERROR, "Parse error: the message is not valid JSON."));
    }
    if (message == null || !message.isObject()) {
      return Optional.of(
          error(null, INVALID_REQUEST, "Invalid Request: expected one JSON-RPC message object."));
    }
    JsonNode id = message.get("id");
    boolean validId =
        id == null || id.isTextual() || id.isIntegralNumber() && id.canConvertToLong();
    JsonNode echoedId = validId ? id : null;
    if (!"2.0".equals(message.path("jsonrpc").asText(null))) {
      return Optional.of(
          error(echoedId, INVALID_REQUEST, "Invalid Request: \"jsonrpc\" must be \"2.0\"."));
    }
    if (!validId) {
      return Optional.of(
          error(null, INVALID_REQUEST, "Invalid Request: \"id\" must be a string or an integer."));
    }
    JsonNode method = message.get("method");
    if (method == null) {
      boolean response = id != null && (message.has("result") || message.has("error"));
      return response
          ? Optional.empty()
          : Optional.of(
              error(echoedId, INVALID_REQUEST, "Invalid Request: a message needs a \"method\"."));
    }
    if (!method.isTextual() || method.asText().isBlank()) {
      return Optional.of(
          error(echoedId, INVALID_REQUEST, "Invalid Request: \"method\" must be a string."));
    }
    JsonNode params = message.get("params");
    if (params != null && !params.isObject() && !params.isNull()) {
      return Optional.of(
          error(echoedId, INVALID_PARAMS, "Invalid params: \"params\" must be an object."));
    }
    if (NEEDS_PARAMS.contains(method.asText()) && (params == null || !params.isObject())) {
      return Optional.of(
          error(echoedId, INVALID_PARAMS, "Invalid params: " + method.asText() + " needs params."));
    }
    String field = NAMED_BY.get(method.asText());
    if (field != null && !params.path(field).isTextual()) {
      return Optional.of(
          error(echoedId, INVALID_PARAMS, "Invalid params: \"" + field + "\" must be a string."));
    }
    JsonNode arguments = params == null ? null : params.get("arguments");
    if (arguments != null && !arguments.isObject() && !arguments.isNull()) {
      return Optional.of(
          error(echoedId, INVALID_PARAMS, "Invalid params: \"arguments\" must be an object."));
    }
    return Optional.empty();
  }

  static String error(JsonNode id, int code, String text) {
    ObjectNode response = Json.object().put("jsonrpc", "2.0");
    response.set("id", id);
    response.set("error", Json.object().put("code", code).put("message", text));
    return Json.write(response);
  }
}
