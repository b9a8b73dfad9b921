package airbytemcp.server;

import airbytemcp.tools.ToolDefinition;
import airbytemcp.tools.ToolTrait;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;

/**
 * The MCP Apps extension: how a client declares it, how a tool links its view, and the gate on
 * calls.
 */
final class UiExtension {
  /** The extension id a client lists under {@code capabilities.extensions} in initialize. */
  static final String ID = "io.modelcontextprotocol/ui";

  private UiExtension() {}

  static boolean declaredBy(McpSchema.ClientCapabilities capabilities) {
    return capabilities != null
        && capabilities.extensions() != null
        && capabilities.extensions().containsKey(ID);
  }

  /** {@code _meta} of a tool with a view: the nested key, plus the flat one older hosts read. */
  static Map<String, Object> toolMeta(String resourceUri) {
    return Map.of("ui", Map.of("resourceUri", resourceUri), "ui/resourceUri", resourceUri);
  }

  /**
   * A client without the extension never sees these tools listed; if it calls one anyway, it gets
   * an error result saying the tool needs the extension (null when the call may go ahead).
   */
  static McpSchema.CallToolResult refusalForCall(
      ToolDefinition tool, McpSyncServerExchange exchange) {
    if (tool.has(ToolTrait.NEEDS_UI) && !declaredBy(exchange.getClientCapabilities())) {
      return UnofferedTools.needsUi(tool.name());
    }
    return null;
  }
}
