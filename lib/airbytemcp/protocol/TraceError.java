package airbytemcp.protocol;

/**
 * The payload of a TRACE message of type ERROR: the connector's own account of why it failed.
 *
 * @param failureType {@code system_error}, {@code config_error} or {@code transient_error}; may be
 *     null
 */
public record TraceError(
    String message, String internalMessage, String failureType, String stackTrace) {
  public boolean isConfigError() {
    return "config_error".equals(failureType);
  }
}
