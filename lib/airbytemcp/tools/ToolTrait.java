package airbytemcp.tools;

/** Properties of a tool: when it is offered, and what the server readies before it runs. */
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
  NEEDS_UI,
  /**
   * Opens the local DuckDB cache: DuckDB's native library starts loading (about half a second) as
   * soon as a call arrives, while the call's arguments are still being checked.
   */
  OPENS_CACHE
}
