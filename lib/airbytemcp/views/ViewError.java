package airbytemcp.views;

import airbytemcp.common.UserError;

/** A view's arguments do not make sense together, or name something unknown. */
public final class ViewError extends UserError {
  public ViewError(String message, String hint) {
    super(message, hint);
  }
}
