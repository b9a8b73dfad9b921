package airbytemcp.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;

/**
 * The protocol's JSON mapper: the one the SDK's Jackson module supplies (a plain ObjectMapper),
 * built directly. The SDK's own lookup ({@code McpJsonDefaults}) finds it with a ServiceLoader
 * search through every jar on the class path, paid on every start.
 */
final class McpJson {
  static final McpJsonMapper MAPPER = new JacksonMcpJsonMapper(new ObjectMapper());

  private McpJson() {}
}
