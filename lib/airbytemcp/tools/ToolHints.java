package airbytemcp.tools;

/** The four MCP tool annotations, always sent explicitly. */
public record ToolHints(
    boolean readOnly, boolean destructive, boolean idempotent, boolean openWorld) {
  /** Reads that may be repeated freely. */
  public static ToolHints read(boolean openWorld) {
    return new ToolHints(true, false, true, openWorld);
  }

  public static ToolHints write(boolean destructive, boolean idempotent, boolean openWorld) {
    return new ToolHints(false, destructive, idempotent, openWorld);
  }
}
