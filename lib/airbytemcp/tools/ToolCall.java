package airbytemcp.tools;

import airbytemcp.cloud.CloudCaller;

/** One invocation of a tool: its arguments and the channels back to the client while it runs. */
public interface ToolCall {
  ToolArgs args();

  /**
   * Reports progress to the client when it asked for it (a progress token); otherwise does nothing.
   */
  void progress(double progress, Double total, String message);

  /** Sends a log message to the client (subject to the level it set). */
  void log(String level, String message);

  /**
   * Asks the user (not the model) a yes/no question through MCP elicitation: empty when the client
   * cannot be asked, else whether the user accepted.
   */
  default java.util.Optional<Boolean> askUser(String question) {
    return java.util.Optional.empty();
  }

  /**
   * Whom the call is for, as far as Airbyte Cloud goes; the server process unless an HTTP session
   * says otherwise.
   */
  default CloudCaller caller() {
    return CloudCaller.PROCESS;
  }
}
