package airbytemcp.protocol;

/**
 * A {@link MessageSink} that can take a connector's line as the bytes it arrived in, before it is
 * decoded or parsed: the path of bulk records, which a sync stores as they are. Lines it does not
 * take, and every source that only produces messages, go through {@link #accept} as before.
 */
public interface RawLineSink extends MessageSink {
  /**
   * Offered every plain line of the connector's stdout: ASCII without a backslash, its line break
   * removed. The bytes are only valid during the call.
   *
   * @return whether the line was taken; when false it is parsed and passed to {@link #accept}
   */
  boolean acceptPlainLine(byte[] bytes, int offset, int length);

  /**
   * Offered the complete lines of a chunk of the connector's stdout from a line's start: takes the
   * lines it can from there, in order, and says where the first one it did not take starts ({@code
   * from} when none). The lines it takes are neither offered again nor parsed. The bytes are only
   * valid during the call.
   */
  default int takePlainLines(byte[] bytes, int from, int end) {
    return from;
  }

  /**
   * A sink that hands the messages it receives to {@code outer}, and plain lines straight to {@code
   * inner} when that takes them: for wrappers that never act on the records {@code inner} takes as
   * lines (RECORD messages).
   */
  static MessageSink around(MessageSink inner, MessageSink outer) {
    if (!(inner instanceof RawLineSink raw)) {
      return outer;
    }
    return new RawLineSink() {
      @Override
      public boolean acceptPlainLine(byte[] bytes, int offset, int length) {
        return raw.acceptPlainLine(bytes, offset, length);
      }

      @Override
      public int takePlainLines(byte[] bytes, int from, int end) {
        return raw.takePlainLines(bytes, from, end);
      }

      @Override
      public void accept(AirbyteMessage message) {
        outer.accept(message);
      }
    };
  }
}
