package airbytemcp.cache;

import airbytemcp.common.UserError;

/**
 * The local cache cannot do what was asked: a refused query, a failed sync, a locked or missing
 * cache file.
 */
public class CacheError extends UserError {
  public CacheError(String message, String hint) {
    super(message, hint);
  }

  public CacheError(String message, String hint, Throwable cause) {
    super(message, hint, cause);
  }
}
