package airbytemcp.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Cuts a byte stream that arrives in arbitrary chunks (Docker frames are not aligned to lines) into UTF-8 lines.
 * Not thread-safe: feed it from one thread.
 */
public final class LineSplitter {
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private final Consumer<String> lines;

  public LineSplitter(Consumer<String> lines) {
    this.lines = lines;
  }

  public void accept(byte[] bytes, int offset, int length) {
    int start = offset;
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      if (bytes[i] == '\n') {
        pending.write(bytes, start, i - start);
        emit();
        start = i + 1;
      }
    }
    pending.write(bytes, start, end - start);
  }

  /** Emits the last line when the stream did not end with a newline. */
  public void finish() {
    if (pending.size() > 0) {
      emit();
    }
  }

  private void emit() {
    String line = pending.toString(StandardCharsets.UTF_8);
    pending.reset();
    lines.accept(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
  }
}
