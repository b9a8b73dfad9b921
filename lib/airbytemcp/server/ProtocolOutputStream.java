package airbytemcp.server;

import airbytemcp.secrets.Masker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The stdio protocol channel. Each JSON-RPC line is masked ({@link JsonRpcMasking}) before it
 * leaves, as a last line of defence behind the masking tools do themselves.
 */
final class ProtocolOutputStream extends OutputStream {
  private final OutputStream target;
  private final Masker masker;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(8192);

  ProtocolOutputStream(OutputStream target, Masker masker) {
    this.target = target;
    this.masker = masker;
  }

  @Override
  public synchronized void write(int b) throws IOException {
    line.write(b);
    if (b == '\n') {
      writeLine();
    }
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    int start = off;
    for (int i = off; i < off + len; i++) {
      if (b[i] == '\n') {
        line.write(b, start, i - start + 1);
        writeLine();
        start = i + 1;
      }
    }
    line.write(b, start, off + len - start);
  }

  @Override
  public synchronized void flush() throws IOException {
    target.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    writeLine();
    target.close();
  }

  private void writeLine() throws IOException {
    if (line.size() == 0) {
      return;
    }
    byte[] bytes = line.toByteArray();
    line.reset();
    if (masker.isEmpty()) {
      target.write(bytes);
      target.flush();
      StartupTrace.lineWritten();
      return;
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    boolean newline = text.endsWith("\n");
    String out =
        JsonRpcMasking.mask(newline ? text.substring(0, text.length() - 1) : text, masker)
            + (newline ? "\n" : "");
    target.write(out.getBytes(StandardCharsets.UTF_8));
    target.flush();
    StartupTrace.lineWritten();
  }
}
