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
}
