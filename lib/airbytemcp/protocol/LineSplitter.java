package airbytemcp.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Cuts a byte stream that arrives in arbitrary chunks (Docker frames are not aligned to lines) into
 * UTF-8 lines, refusing a line longer than a limit with {@link LineTooLong} instead of holding it.
 * Not thread-safe: feed it from one thread.
 */
public final class LineSplitter {
  /**
   * The longest line a connector may write: one message, so one record; Airbyte's own platform
   * refuses records above 20 MB. Longer lines fail the connector rather than exhaust the server's
   * memory.
   */
  public static final int MAX_LINE_BYTES = 20 * 1024 * 1024;

  private ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private final Consumer<String> lines;
  private final int maxLineBytes;
  private final String stream;

  public LineSplitter(Consumer<String> lines) {
    this(lines, MAX_LINE_BYTES, "the stream");
  }

  /**
   * @param stream what the stream is, for the error ({@code stdout}, {@code stderr})
   */
  public LineSplitter(Consumer<String> lines, int maxLineBytes, String stream) {
    this.lines = lines;
    this.maxLineBytes = maxLineBytes;
    this.stream = stream;
  }

  public void accept(byte[] bytes, int offset, int length) {
    int start = offset;
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      if (bytes[i] == '\n') {
        if (pending.size() == 0 && i - start <= maxLineBytes) {
          // the whole line is in this chunk (the common case): decoded where it is, not copied
          deliver(new String(bytes, start, i - start, StandardCharsets.UTF_8));
        } else {
          append(bytes, start, i - start);
          emit();
        }
        start = i + 1;
      }
    }
    append(bytes, start, end - start);
  }

  /** Feeds the whole stream, then {@link #finish()}. */
  public void readAll(InputStream in) throws IOException {
    byte[] buffer = new byte[1 << 16];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      accept(buffer, 0, n);
    }
    finish();
  }

  /** Emits the last line when the stream did not end with a newline. */
  public void finish() {
    if (pending.size() > 0) {
      emit();
    }
  }

  private void append(byte[] bytes, int offset, int length) {
    if ((long) pending.size() + length > maxLineBytes) {
      pending = new ByteArrayOutputStream();
      throw new LineTooLong(stream, maxLineBytes);
    }
    pending.write(bytes, offset, length);
  }

  private void emit() {
    String line = pending.toString(StandardCharsets.UTF_8);
    // a long line's buffer is not kept for the short ones after it
    if (pending.size() > (1 << 20)) {
      pending = new ByteArrayOutputStream();
    } else {
      pending.reset();
    }
    deliver(line);
  }

  private void deliver(String line) {
    lines.accept(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
  }
}
