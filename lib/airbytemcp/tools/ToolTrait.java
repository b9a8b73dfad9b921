package airbytemcp.tools;

/** Properties of a tool that decide when it is offered. */
public enum ToolTrait {
  /**
   * Runs connectors or reads files and secrets of the server's machine: needs trusted execution.
   */
  RUNS_ON_SERVER_MACHINE,
  /** Creates, changes or deletes Cloud objects: hidden in read-only mode. */
  CHANGES_CLOUD,
  /** An older name kept so existing prompts still work: callable, but left out of tools/list. */
  UNLISTED,
  /** Renders an MCP Apps view: only for clients that declare the UI extension. */
  NEEDS_UI
}
