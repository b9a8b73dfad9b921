package airbytemcp.server;

import airbytemcp.secrets.Masker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A text stream (stderr) that masks each line before it is written, so no log line of the server or
 * of any library it uses can carry a secret.
 */
final class MaskingPrintStream extends PrintStream {
  MaskingPrintStream(OutputStream target, Masker masker) {
    super(new LineMaskingStream(target, masker), true, StandardCharsets.UTF_8);
  }

  private static final class LineMaskingStream extends OutputStream {
    private final OutputStream target;
    private final Masker masker;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LineMaskingStream(OutputStream target, Masker masker) {
      this.target = target;
      this.masker = masker;
    }

    @Override
    public synchronized void write(int b) throws IOException {
      line.write(b);
      if (b == '\n') {
        flushLine();
      }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
      for (int i = off; i < off + len; i++) {
        write(b[i]);
      }
    }

    /**
     * Completed lines are already out; a partial line waits for its end, so a secret split across
     * writes is still seen whole.
     */
    @Override
    public synchronized void flush() throws IOException {
      target.flush();
    }

    @Override
    public synchronized void close() throws IOException {
      flushLine();
      target.close();
    }

    private void flushLine() throws IOException {
      if (line.size() == 0) {
        return;
      }
      String text = line.toString(StandardCharsets.UTF_8);
      line.reset();
      target.write(masker.maskMessage(text).getBytes(StandardCharsets.UTF_8));
    }
  }
}
