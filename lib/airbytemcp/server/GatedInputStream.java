package airbytemcp.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * stdin for the stdio transport, line by line through {@link JsonRpcGate}: blank lines are skipped,
 * and a line that is not one JSON-RPC message (or is larger than the limit) is answered with a
 * JSON-RPC error on the protocol channel instead of reaching the SDK, which would stop reading at
 * the first such line.
 */
final class GatedInputStream extends InputStream {
  /**
   * Lines beyond this are refused (and not kept in memory while they are skipped). The SDK gives up
   * on stdin at 16 M characters, so the limit must stay below that; it matches the HTTP limit.
   */
  static final int MAX_LINE_BYTES = HttpTransport.MAX_REQUEST_BYTES;

  /** The one session of stdio, as {@link InFlightCalls} keys it. */
  private static final String SESSION = "stdio";

  private final InputStream source;
  private final OutputStream replies;
  private final int maxLine;
  private final Runnable onEnd;
  private final byte[] buffer = new byte[64 * 1024];
  private int bufferLength;
  private int bufferPosition;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private boolean tooLong;
  private byte[] current = new byte[0];
  private int position;

  GatedInputStream(InputStream source, OutputStream replies, int maxLine) {
    this(source, replies, maxLine, () -> {});
  }

  /**
   * @param onEnd runs once when the client closes stdin (it has gone: the server should stop)
   */
  GatedInputStream(InputStream source, OutputStream replies, int maxLine, Runnable onEnd) {
    this.source = source;
    this.replies = replies;
    this.maxLine = maxLine;
    this.onEnd = onEnd;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (position >= current.length) {
      if (!nextLine()) {
        return -1;
      }
    }
    int n = Math.min(len, current.length - position);
    System.arraycopy(current, position, b, off, n);
    position += n;
    return n;
  }

  /** Reads up to the next message that passes the gate; false at the end of input. */
  private boolean nextLine() throws IOException {
    while (true) {
      if (bufferPosition >= bufferLength) {
        bufferLength = source.read(buffer);
        bufferPosition = 0;
        if (bufferLength < 0) {
          bufferLength = 0;
          if ((line.size() > 0 || tooLong) && accept()) {
            return true;
          }
          ended();
          return false;
        }
      }
      int start = bufferPosition;
      while (bufferPosition < bufferLength && buffer[bufferPosition] != '\n') {
        bufferPosition++;
      }
      append(start, bufferPosition - start);
      if (bufferPosition < bufferLength) {
        bufferPosition++; // the newline
        if (accept()) {
          return true;
        }
      }
    }
  }

  private void append(int start, int length) {
    if (tooLong || line.size() + length > maxLine) {
      tooLong = true;
      line.reset();
      return;
    }
    line.write(buffer, start, length);
  }

  /** Judges the collected line; true when it is the next message to hand to the SDK. */
  private boolean accept() throws IOException {
    boolean wasTooLong = tooLong;
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    tooLong = false;
    if (wasTooLong) {
      reply(
          JsonRpcGate.error(
              null,
              JsonRpcGate.INVALID_REQUEST,
              "Invalid Request: the message is larger than " + (maxLine / (1024 * 1024)) + " MB."));
      return false;
    }
    if (text.isBlank()) {
      return false;
    }
    Optional<String> refusal = JsonRpcGate.refusal(text);
    if (refusal.isPresent()) {
      reply(refusal.get());
      return false;
    }
    current = (InFlightCalls.admit(SESSION, text.strip()) + "\n").getBytes(StandardCharsets.UTF_8);
    position = 0;
    return true;
  }

  private boolean endSignalled;

  private void ended() {
    if (!endSignalled) {
      endSignalled = true;
      onEnd.run();
    }
  }

  private void reply(String message) throws IOException {
    synchronized (replies) {
      replies.write((message + "\n").getBytes(StandardCharsets.UTF_8));
      replies.flush();
    }
  }

  @Override
  public void close() throws IOException {
    source.close();
  }
}
