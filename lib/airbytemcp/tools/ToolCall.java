package airbytemcp.tools;

import java.util.Optional;

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
  default Optional<Boolean> askUser(String question) {
    return Optional.empty();
  }

  /**
   * What the transport knows about whom the call is for, looked up by its type (e.g. the Cloud
   * credentials of an HTTP session); empty when it knows nothing of that kind. Each domain asks for
   * its own type, so this interface names none.
   */
  default <T> Optional<T> context(Class<T> type) {
    return Optional.empty();
  }

  /** This call with other arguments; progress, logs, questions and context go through unchanged. */
  default ToolCall withArgs(ToolArgs args) {
    return new ArgumentsReplaced(this, args);
  }
}
