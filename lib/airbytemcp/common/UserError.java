package airbytemcp.common;

/**
 * A failure a user or an agent can act on: a message that says what went wrong and a hint that says
 * what to do next. Each layer throws its own subclass; tools turn any of them into an {@code
 * isError} result.
 */
public class UserError extends RuntimeException {
  private final String hint;

  public UserError(String message, String hint) {
    super(message);
    this.hint = hint;
  }

  public UserError(String message, String hint, Throwable cause) {
    super(message, cause);
    this.hint = hint;
  }

  /** What to do next; may be null when the message says it all. */
  public String hint() {
    return hint;
  }

  /**
   * The message followed by the hint, as one text for an answer that reports the failure in a field
   * rather than as an error result. A message that ends without a full stop (one that quotes an
   * exception's own text, say) gets one, so the hint reads as the next sentence.
   */
  public String messageWithHint() {
    String message = getMessage();
    if (hint == null || hint.isBlank()) {
      return message;
    }
    boolean ended = message.endsWith(".") || message.endsWith("!") || message.endsWith("?");
    return message + (ended ? " " : ". ") + hint;
  }
}
