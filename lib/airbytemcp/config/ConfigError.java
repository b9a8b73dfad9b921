package airbytemcp.config;

import airbytemcp.common.UserError;

/** A setting that cannot be used; raised at start-up, so the server refuses to run with it. */
public final class ConfigError extends UserError {
  public ConfigError(String message, String hint) {
    super(message, hint);
  }
}
