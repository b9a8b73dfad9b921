package airbytemcp.declarative;

import airbytemcp.common.UserError;

/**
 * A declarative manifest cannot be loaded, is invalid, needs custom Python code, or failed while
 * running.
 */
public class DeclarativeError extends UserError {
  public DeclarativeError(String message, String hint) {
    super(message, hint);
  }

  public DeclarativeError(String message, String hint, Throwable cause) {
    super(message, hint, cause);
  }
}
