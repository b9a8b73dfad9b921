package airbytemcp.server;

import airbytemcp.tools.ToolDefinition;
import airbytemcp.tools.ToolTrait;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which registered tools a client is listed: never a hidden tool (registered only to say why it is
 * hidden) or an older name (it answers calls but keeps the list lean), and the view tools only to
 * clients that declared the UI extension.
 *
 * <p>Over stdio the list is cut here, in the answer, instead of through the SDK's list filters. A
 * sync server evaluates those filters on Reactor's boundedElastic, one evaluation per tool inside
 * {@code filterWhen}, and that operator publishes an off-thread result in two steps (state, then
 * the finished evaluation cleared). A thread offering the next tool in between drops that tool and
 * every one after it: a UI client was once listed 3 tools (ToolListInterleavingTest replays it).
 * Without filters the SDK's evaluation is a constant, answered in line. The HTTP server runs its
 * filters in line (immediate execution), where the two steps cannot be split.
 */
final class ToolListing {
  private final Set<String> unlisted;
  private final Set<String> uiTools;

  private ToolListing(Set<String> unlisted, Set<String> uiTools) {
    this.unlisted = unlisted;
    this.uiTools = uiTools;
  }

  /** For the offered tools, with {@code hidden} the names registered only to refuse calls. */
  static ToolListing of(List<ToolDefinition> offered, Set<String> hidden) {
    Set<String> unlisted =
        offered.stream()
            .filter(t -> t.has(ToolTrait.UNLISTED))
            .map(ToolDefinition::name)
            .collect(Collectors.toCollection(HashSet::new));
    unlisted.addAll(hidden);
    Set<String> ui =
        offered.stream()
            .filter(t -> t.has(ToolTrait.NEEDS_UI))
            .map(ToolDefinition::name)
            .collect(Collectors.toSet());
    return new ToolListing(Set.copyOf(unlisted), ui);
  }

  boolean listed(McpSchema.Tool tool, boolean uiClient) {
    return !unlisted.contains(tool.name()) && (uiClient || !uiTools.contains(tool.name()));
  }

  /** A tools/list answer cut to what this client is listed; any other message passes unchanged. */
  McpSchema.JSONRPCMessage cut(McpSchema.JSONRPCMessage message, boolean uiClient) {
    if (message instanceof McpSchema.JSONRPCResponse response
        && response.result() instanceof McpSchema.ListToolsResult list) {
      List<McpSchema.Tool> tools = list.tools().stream().filter(t -> listed(t, uiClient)).toList();
      return new McpSchema.JSONRPCResponse(
          response.jsonrpc(),
          response.id(),
          new McpSchema.ListToolsResult(tools, list.nextCursor(), list.meta()),
          null);
    }
    return message;
  }
}
