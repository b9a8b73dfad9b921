package airbytemcp.cache;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A buffered output stream for one thread: {@link java.io.BufferedOutputStream} takes a lock on
 * every write, and a staging file gets several writes per record.
 */
final class StagingOutput extends OutputStream {
  private final OutputStream out;
  private final byte[] buffer;
  private int size;

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
        return;
      }
    }
    System.arraycopy(bytes, offset, buffer, size, length);
    size += length;
  }

  private void flushBuffer() throws IOException {
    if (size > 0) {
      out.write(buffer, 0, size);
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
