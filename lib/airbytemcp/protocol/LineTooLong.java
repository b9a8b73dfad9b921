package airbytemcp.protocol;

/**
 * A connector wrote a line longer than {@link LineSplitter#MAX_LINE_BYTES}; it is stopped instead
 * of held.
 */
public final class LineTooLong extends RuntimeException {
  private final String stream;

  public LineTooLong(String stream, long limit) {
    super("a line on " + stream + " is longer than " + (limit >> 20) + " MB", null, false, false);
    this.stream = stream;
  }

  /** {@code stdout} or {@code stderr}. */
  public String stream() {
    return stream;
  }
}
