package airbytemcp.server;

import airbytemcp.cloud.CloudCaller;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an HTTP request may say about its caller: a bearer token ({@code Authorization}) and a
 * workspace ({@code X-Airbyte-Workspace-Id}). Nothing else is read from headers: API roots, client
 * credentials, safety modes and trusted execution are the server's alone (a header that could move
 * the API root would send the server's own credentials to whoever asked).
 */
final class HttpCallers {
  static final String WORKSPACE_HEADER = "X-Airbyte-Workspace-Id";
  private static final String HTTP = "airbytemcp.http";
  private static final String BEARER = "airbytemcp.bearer";
  private static final String WORKSPACE = "airbytemcp.workspace";

  private HttpCallers() {}

  /** The servlet transport's context extractor: runs once per request. */
  static McpTransportContext extract(HttpServletRequest request) {
    Map<String, Object> context = new HashMap<>();
    context.put(HTTP, Boolean.TRUE);
    // The session, so tools/list can tell which clients declared the UI extension (see UiClients).
    Optional.ofNullable(request.getHeader("Mcp-Session-Id"))
        .ifPresent(id -> context.put(UiClients.SESSION_ID, id));
    CloudCaller.bearerFromHeader(request.getHeader("Authorization"))
        .ifPresent(t -> context.put(BEARER, t));
    Optional.ofNullable(request.getHeader(WORKSPACE_HEADER))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .ifPresent(w -> context.put(WORKSPACE, w));
    return McpTransportContext.create(context);
  }

  /**
   * The caller behind a tool call: the process on stdio, else the HTTP session with what its
   * request carried.
   */
  static CloudCaller callerOf(McpSyncServerExchange exchange) {
    if (exchange == null) {
      return CloudCaller.PROCESS;
    }
    McpTransportContext context = exchange.transportContext();
    if (context == null || context.get(HTTP) == null || exchange.sessionId() == null) {
      return CloudCaller.PROCESS;
    }
    return new CloudCaller(
        exchange.sessionId(),
        Optional.ofNullable((String) context.get(BEARER)),
        Optional.ofNullable((String) context.get(WORKSPACE)));
  }
}
