package airbytemcp.declarative;

/** Adds credentials to a request. */
interface Authenticator {
  void apply(RequestParts parts, Scope scope);

  /**
   * Sees each response to a request this authenticator signed ({@code sent} is the same object
   * {@link #apply} got), so one that tracks quotas can learn from its status and headers.
   */
  default void observe(RequestParts sent, HttpOutcome outcome) {}

  /** Whether a retry is signed afresh (a token rotating one moves it onto another token). */
  default boolean signsRetries() {
    return false;
  }

  Authenticator NONE = (parts, scope) -> {};
}
