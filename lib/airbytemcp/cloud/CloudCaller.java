package airbytemcp.cloud;

import java.util.Optional;

/**
 * Who a Cloud tool call is for. On stdio that is the server process itself; over HTTP it is one MCP
 * session, which may bring its own bearer token ({@code Authorization}) and workspace ({@code
 * X-Airbyte-Workspace-Id}). API roots and every other setting stay the server's: a caller can never
 * point the server elsewhere.
 */
public record CloudCaller(
    String sessionId, Optional<String> bearerToken, Optional<String> workspaceId) {
  /** The server process (stdio): its environment's credentials and its single safe-mode ledger. */
  public static final CloudCaller PROCESS =
      new CloudCaller(null, Optional.empty(), Optional.empty());

  public CloudCaller {
    bearerToken = bearerToken.map(String::strip).filter(s -> !s.isEmpty());
    workspaceId = workspaceId.map(String::strip).filter(s -> !s.isEmpty());
  }

  public boolean isProcess() {
    return sessionId == null;
  }

  /**
   * A caller's view of the bearer: {@code Authorization: Bearer T} or a bare token, as the original
   * accepts.
   */
  public static Optional<String> bearerFromHeader(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    String value = authorization.strip();
    if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
      value = value.substring(7).strip();
    } else if (value.contains(" ")) {
      return Optional.empty(); // another scheme (Basic, ...): not a bearer token
    }
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  @Override
  public String toString() {
    // Never print the token, even in a debugger or a log line that formats this record.
    return "CloudCaller[session="
        + sessionId
        + ", bearer="
        + (bearerToken.isPresent() ? "****" : "none")
        + ", workspace="
        + workspaceId.orElse("none")
        + "]";
  }
}
