package airbytemcp.connectors;

import airbytemcp.common.UserError;

/** A connector cannot be installed, started or run, or it reported a failure. */
public final class ConnectorError extends UserError {
  public ConnectorError(String message, String hint) {
    super(message, hint);
  }

  public ConnectorError(String message, String hint, Throwable cause) {
    super(message, hint, cause);
  }
}
