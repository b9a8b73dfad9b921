package airbytemcp.server;

import airbytemcp.common.CloseNames;
import airbytemcp.tools.ToolDefinition;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Answers calls to tools this client is not offered as error results an agent can act on, never as
 * protocol errors: a hidden tool says why it is hidden and what would offer it; an unknown name
 * gets the close tool names. A hidden tool is registered only as this answer (its handler is never
 * reachable) and left out of tools/list.
 */
final class UnofferedTools {
  /** What the MCP SDK answers for a tools/call of a name it does not have. */
  static final String SDK_UNKNOWN_TOOL = "Unknown tool: invalid_tool_name";

  private static final String SDK_UNKNOWN_DATA = "Tool not found: ";

  private UnofferedTools() {}

  /** The registration of a hidden tool: listed nowhere, and a call answers why it is hidden. */
  static SyncToolSpecification hidden(ToolDefinition tool, String reason) {
    McpSchema.Tool listed =
        McpSchema.Tool.builder()
            .name(tool.name())
            .title(tool.title())
            .description(tool.description())
            .inputSchema(Map.of("type", "object"))
            .build();
    return SyncToolSpecification.builder()
        .tool(listed)
        .callHandler((exchange, request) -> hiddenAnswer(tool.name(), reason))
        .build();
  }

  static CallToolResult hiddenAnswer(String name, String reason) {
    String why;
    String what;
    if (reason.equals("read-only mode")) {
      why =
          "this server runs in read-only mode (AIRBYTE_CLOUD_MCP_READONLY_MODE), which hides tools that change Cloud objects";
      what = "Tell the user; only they can turn read-only mode off. Reading tools still work.";
    } else if (reason.equals("trusted execution is off")) {
      why =
          "trusted execution is off, which hides tools that run connectors or read files on the server's machine";
      what =
          "Tell the user; setting AIRBYTE_MCP_TRUSTED_EXECUTION=1 for the server offers these tools.";
    } else if (reason.startsWith("domain")) {
      why = "its " + reason + " (AIRBYTE_MCP_DOMAINS / AIRBYTE_MCP_DOMAINS_DISABLED)";
      what = "Tell the user; enabling the domain in the server's settings offers its tools.";
    } else {
      why = reason;
      what = "Use the tools this server lists.";
    }
    return error("The tool '" + name + "' is not offered: " + why + ".", what);
  }

  /** A UI tool called by a client that did not declare the MCP Apps extension. */
  static CallToolResult needsUi(String name) {
    return error(
        "The tool '"
            + name
            + "' draws an MCP Apps view and is offered only to clients that declare the "
            + "UI extension (io.modelcontextprotocol/ui); this client did not.",
        "Use " + textToolsFor(name) + " instead: the same data as text.");
  }

  /** The listed text tools that answer what a view draws. */
  private static String textToolsFor(String view) {
    return switch (view) {
      case "show_connectors_list" -> "list_connectors (and get_connector_info)";
      case "show_connection_sync_history" -> "list_cloud_sync_jobs";
      case "show_workspace_sync_status" -> "list_cloud_connections and list_cloud_sync_jobs";
      default -> "list_connectors, list_cloud_connections or list_cloud_sync_jobs";
    };
  }

  static CallToolResult unknown(String name, Collection<String> offered) {
    List<String> close = CloseNames.closest(name, offered, 3);
    return error(
        "There is no tool named '"
            + name
            + "'."
            + (close.isEmpty() ? "" : " Did you mean: " + String.join(", ", close) + "?"),
        "Call one of the tools in tools/list by its exact name.");
  }

  /**
   * The SDK's protocol error for an unknown tool, turned into an error result naming close tools;
   * any other message passes unchanged.
   */
  static McpSchema.JSONRPCMessage answerUnknown(
      McpSchema.JSONRPCMessage message, Collection<String> offered) {
    if (message instanceof McpSchema.JSONRPCResponse response
        && response.error() != null
        && SDK_UNKNOWN_TOOL.equals(response.error().message())
        && response.error().data() instanceof String data
        && data.startsWith(SDK_UNKNOWN_DATA)) {
      return new McpSchema.JSONRPCResponse(
          McpSchema.JSONRPC_VERSION,
          response.id(),
          unknown(data.substring(SDK_UNKNOWN_DATA.length()), offered),
          null);
    }
    return message;
  }

  /**
   * The same for one JSON-RPC message as text, as the HTTP transport writes it; any other text
   * passes unchanged.
   */
  static String answerUnknown(String message, Collection<String> offered) {
    if (!message.contains(SDK_UNKNOWN_TOOL)) {
      return message;
    }
    try {
      McpJsonMapper mapper = McpJson.MAPPER;
      McpSchema.JSONRPCMessage parsed = McpSchema.deserializeJsonRpcMessage(mapper, message);
      McpSchema.JSONRPCMessage answered = answerUnknown(parsed, offered);
      return answered == parsed ? message : mapper.writeValueAsString(answered);
    } catch (IOException | IllegalArgumentException e) {
      return message; // not a message we know: left to masking as it is
    }
  }

  private static CallToolResult error(String message, String hint) {
    return CallToolResult.builder()
        .addTextContent(message + "\n\nHint: " + hint)
        .isError(true)
        .build();
  }
}
