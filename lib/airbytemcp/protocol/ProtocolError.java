package airbytemcp.protocol;

import airbytemcp.common.UserError;

/** A connector's messages, or a request about its streams, do not fit the Airbyte protocol. */
public final class ProtocolError extends UserError {
  public ProtocolError(String message, String hint) {
    super(message, hint);
  }
}
