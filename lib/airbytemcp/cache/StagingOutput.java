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
   * Writes one staged JSON object and its line break in one call, copied into the buffer with one
   * bounds check: an opening brace, then {@code seqKey} and the decimal digits of {@code seq} (not
   * negative) when {@code seqKey} is not null, then the members at {@code bytes[offset, offset +
   * length)} (a comma between when there are both), then a closing brace.
   */
  void writeObject(byte[] seqKey, long seq, byte[] bytes, int offset, int length)
      throws IOException {
    int most = 1 + (seqKey == null ? 0 : seqKey.length + 20 + 1) + length + 2;
    if (most > buffer.length - size) {
      flushBuffer();
      if (most > buffer.length) {
        write('{');
        if (seqKey != null) {
          write(seqKey, 0, seqKey.length);
          byte[] digits = Long.toString(seq).getBytes(StandardCharsets.US_ASCII);
          write(digits, 0, digits.length);
          if (length > 0) {
            write(',');
          }
        }
        write(bytes, offset, length);
        write('}');
        write('\n');
        return;
      }
    }
    byte[] b = buffer;
    int at = size;
    b[at++] = '{';
    if (seqKey != null) {
      System.arraycopy(seqKey, 0, b, at, seqKey.length);
      at += seqKey.length;
      int digits = 1;
      for (long v = seq / 10; v > 0; v /= 10) {
        digits++;
      }
      at += digits;
      int d = at;
      long v = seq;
      do {
        b[--d] = (byte) ('0' + (v % 10));
        v /= 10;
      } while (v > 0);
      if (length > 0) {
        b[at++] = ',';
      }
    }
    System.arraycopy(bytes, offset, b, at, length);
    at += length;
    b[at++] = '}';
    b[at++] = '\n';
    size = at;
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
