package airbytemcp.declarative;

/** Adds credentials to a request. */
interface Authenticator {
  void apply(RequestParts parts, Scope scope);

  Authenticator NONE = (parts, scope) -> {};
}
