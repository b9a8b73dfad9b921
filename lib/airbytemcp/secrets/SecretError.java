package airbytemcp.secrets;

import airbytemcp.common.UserError;

/** A config or secret that cannot be resolved or must not be used as given. */
public final class SecretError extends UserError {
  public SecretError(String message, String hint) {
    super(message, hint);
  }
}
