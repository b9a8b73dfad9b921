package airbytemcp.cache;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A buffered output stream for one thread: {@link java.io.BufferedOutputStream} takes a lock on
 * every write, and a staging file gets several writes per record.
 */
final class StagingOutput extends OutputStream {
  private final OutputStream out;
  private final byte[] buffer;
  private int size;
  private long flushed;

  StagingOutput(OutputStream out, int bufferSize) {
    this.out = out;
    this.buffer = new byte[bufferSize];
  }

  @Override
  public void write(int b) throws IOException {
    if (size == buffer.length) {
      flushBuffer();
    }
    buffer[size++] = (byte) b;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    if (length > buffer.length - size) {
      flushBuffer();
      if (length >= buffer.length) {
        out.write(bytes, offset, length); // larger than the buffer: no copy
        flushed += length;
        return;
      }
    }
    System.arraycopy(bytes, offset, buffer, size, length);
    size += length;
  }

  /**
   * Writes {@code prefix}, the decimal digits of {@code number} (not negative), a comma, {@code
   * bytes[offset, offset + length)} and a line break: a staged record line in one call, copied into
   * the buffer with one bounds check.
   */
  void writeLine(byte[] prefix, long number, byte[] bytes, int offset, int length)
      throws IOException {
    int most = prefix.length + 20 + 1 + length + 1;
    if (most > buffer.length - size) {
      flushBuffer();
      if (most > buffer.length) {
        write(prefix, 0, prefix.length);
        byte[] digits = Long.toString(number).getBytes(StandardCharsets.US_ASCII);
        write(digits, 0, digits.length);
        write(',');
        write(bytes, offset, length);
        write('\n');
        return;
      }
    }
    byte[] b = buffer;
    int at = size;
    System.arraycopy(prefix, 0, b, at, prefix.length);
    at += prefix.length;
    int digits = 1;
    for (long v = number / 10; v > 0; v /= 10) {
      digits++;
    }
    at += digits;
    int d = at;
    long v = number;
    do {
      b[--d] = (byte) ('0' + (v % 10));
      v /= 10;
    } while (v > 0);
    b[at++] = ',';
    System.arraycopy(bytes, offset, b, at, length);
    at += length;
    b[at++] = '\n';
    size = at;
  }

  /** Writes {@code bytes[offset, offset + length)} and a line break. */
  void writeLine(byte[] bytes, int offset, int length) throws IOException {
    if (length + 1 > buffer.length - size) {
      flushBuffer();
      if (length + 1 > buffer.length) {
        write(bytes, offset, length);
        write('\n');
        return;
      }
    }
    System.arraycopy(bytes, offset, buffer, size, length);
    size += length;
    buffer[size++] = '\n';
  }

  /** The bytes written so far, buffered ones included. */
  long written() {
    return flushed + size;
  }

  private void flushBuffer() throws IOException {
    if (size > 0) {
      out.write(buffer, 0, size);
      flushed += size;
      size = 0;
    }
  }

  @Override
  public void flush() throws IOException {
    flushBuffer();
    out.flush();
  }

  @Override
  public void close() throws IOException {
    try {
      flushBuffer();
    } finally {
      out.close();
    }
  }
}
