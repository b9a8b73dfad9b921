package airbytemcp.tools;

/**
 * The body of a tool. Throw a {@link airbytemcp.common.UserError} for anything the caller can act
 * on.
 */
@FunctionalInterface
public interface ToolHandler {
  ToolResult call(ToolCall call) throws Exception;
}
