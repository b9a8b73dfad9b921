package airbytemcp.tools;

import airbytemcp.common.UserError;

/** A tool argument that is missing or of the wrong kind. */
public final class ArgumentError extends UserError {
  public ArgumentError(String message, String hint) {
    super(message, hint);
  }
}
