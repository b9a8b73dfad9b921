package airbytemcp.tools;

/** One invocation of a tool: its arguments and the channels back to the client while it runs. */
public interface ToolCall {
  ToolArgs args();

  /** Reports progress to the client when it asked for it (a progress token); otherwise does nothing. */
  void progress(double progress, Double total, String message);

  /** Sends a log message to the client (subject to the level it set). */
  void log(String level, String message);
}
