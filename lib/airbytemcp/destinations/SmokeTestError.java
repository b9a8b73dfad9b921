package airbytemcp.destinations;

import airbytemcp.common.UserError;

/** A smoke test cannot be set up as asked (unknown scenario, bad custom scenario). */
public final class SmokeTestError extends UserError {
  public SmokeTestError(String message, String hint) {
    super(message, hint);
  }
}
