package airbytemcp.testing;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;

/** A hand-spoken MCP connection on either transport that keeps every byte the server sent. */
public interface RawMcp {
  JsonNode request(String method, JsonNode params);

  /** Everything the server has sent on this connection so far. */
  String received();

  default JsonNode callTool(String tool, JsonNode arguments) {
    return request("tools/call", Json.object().put("name", tool).set("arguments", arguments));
  }
}
