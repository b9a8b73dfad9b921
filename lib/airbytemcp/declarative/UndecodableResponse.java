package airbytemcp.declarative;

/**
 * A response body the stream's decoder could not read; the message names the decoder and a short
 * excerpt.
 */
final class UndecodableResponse extends DeclarativeError {
  private final boolean json;

  UndecodableResponse(String message, String hint, boolean json) {
    super(message, hint);
    this.json = json;
  }

  /** Whether the JsonDecoder (the default) failed, which the CDK reads as an empty page. */
  boolean json() {
    return json;
  }
}
