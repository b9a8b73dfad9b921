package airbytemcp.server;

import airbytemcp.common.Json;
import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * The HTTP counterpart of {@link ProtocolOutputStream}: what the MCP servlet writes is held until
 * it flushes (it flushes after each complete JSON response or SSE event), then masked and passed
 * on. In an event stream only the {@code data:} lines carry messages; {@code id:} and {@code
 * event:} lines are protocol and stay as they are.
 */
final class MaskingResponse extends HttpServletResponseWrapper {
  private final Masker masker;
  private final Collection<String> offeredTools;
  private PrintWriter writer;
  private ServletOutputStream stream;

  /**
   * Set once the response is complete: later writes are dropped (the container may reuse its
   * writer).
   */
  private volatile boolean closed;

  /**
   * {@code offeredTools}: the names a call to an unknown tool is compared with (see {@link
   * UnofferedTools#answerUnknown(String, Collection)}).
   */
  MaskingResponse(HttpServletResponse response, Masker masker, Collection<String> offeredTools) {
    super(response);
    this.masker = masker;
    this.offeredTools = offeredTools;
  }

  @Override
  public synchronized PrintWriter getWriter() throws IOException {
    if (writer == null) {
      writer = new PrintWriter(new MaskingWriter(super.getWriter()), false);
    }
    return writer;
  }

  @Override
  public synchronized ServletOutputStream getOutputStream() throws IOException {
    if (stream == null) {
      stream = new MaskingStream(super.getOutputStream());
    }
    return stream;
  }

  /**
   * Masking changes lengths, so a declared length would be wrong; the container sends the body
   * chunked instead.
   */
  @Override
  public void setContentLength(int length) {}

  @Override
  public void setContentLengthLong(long length) {}

  /** Passes on what is pending, then lets nothing more through. */
  synchronized void finishAndClose() {
    try {
      finish();
    } catch (IOException e) {
      // the client is gone; nothing more to send anyway
    }
    closed = true;
  }

  /** Passes on what a synchronous response left unflushed when the servlet returned. */
  synchronized void finish() throws IOException {
    if (writer != null) {
      writer.flush();
    }
    if (stream != null) {
      stream.flush();
    }
  }

  String maskChunk(String chunk) {
    String contentType = getContentType();
    return maskChunk(answerUnknownTools(chunk, contentType, offeredTools), contentType, masker);
  }

  /**
   * The SDK answers a call to a tool it does not have with a protocol error; on stdio the session
   * transport turns that into an error result naming close tools, and here each message of the
   * chunk (the JSON body, or an event's data line) gets the same answer.
   */
  static String answerUnknownTools(String chunk, String contentType, Collection<String> offered) {
    if (!chunk.contains(UnofferedTools.SDK_UNKNOWN_TOOL)) {
      return chunk;
    }
    if (contentType == null || !contentType.startsWith("text/event-stream")) {
      return UnofferedTools.answerUnknown(chunk, offered);
    }
    StringBuilder out = new StringBuilder(chunk.length());
    for (String line : chunk.split("\n", -1)) {
      out.append(
          line.startsWith("data:")
              ? "data: " + UnofferedTools.answerUnknown(line.substring(5).strip(), offered)
              : line);
      out.append('\n');
    }
    out.setLength(out.length() - 1);
    return out.toString();
  }

  /** Masks what was written between two flushes: one JSON response, or whole SSE events. */
  static String maskChunk(String chunk, String contentType, Masker masker) {
    chunk = withoutStackTrace(chunk);
    if (masker.isEmpty() || chunk.isEmpty()) {
      return chunk;
    }
    if (contentType != null && contentType.startsWith("text/event-stream")) {
      StringBuilder out = new StringBuilder(chunk.length());
      for (String line : chunk.split("\n", -1)) {
        out.append(
            line.startsWith("data:")
                ? "data: " + JsonRpcMasking.mask(line.substring(5).strip(), masker)
                : line);
        out.append('\n');
      }
      out.setLength(out.length() - 1);
      return out.toString();
    }
    return JsonRpcMasking.mask(chunk, masker);
  }

  /**
   * The transport answers a few broken requests with a whole serialized Java exception; a client
   * gets the JSON-RPC error inside it, never the stack trace.
   */
  static String withoutStackTrace(String chunk) {
    if (!chunk.contains("\"stackTrace\"")) {
      return chunk;
    }
    try {
      JsonNode node = Json.MAPPER.readTree(chunk);
      if (node != null && node.has("stackTrace")) {
        JsonNode error = node.path("jsonRpcError");
        return JsonRpcGate.error(
            null,
            error.path("code").asInt(-32603),
            error.path("message").asText(node.path("message").asText("Internal error")));
      }
    } catch (IOException e) {
      // not JSON: leave it to masking
    }
    return chunk;
  }

  private final class MaskingWriter extends Writer {
    private final PrintWriter target;
    private final StringBuilder pending = new StringBuilder();

    MaskingWriter(PrintWriter target) {
      this.target = target;
    }

    @Override
    public synchronized void write(char[] buffer, int offset, int length) {
      if (!closed) {
        pending.append(buffer, offset, length);
      }
    }

    @Override
    public synchronized void flush() throws IOException {
      if (closed) {
        return;
      }
      if (pending.length() > 0) {
        target.write(maskChunk(pending.toString()));
        pending.setLength(0);
      }
      target.flush();
      if (target.checkError()) {
        throw new IOException("the client is gone"); // so the transport's checkError() sees it too
      }
    }

    @Override
    public synchronized void close() throws IOException {
      if (closed) {
        return;
      }
      try {
        flush();
      } finally {
        target.close();
      }
    }
  }

  private final class MaskingStream extends ServletOutputStream {
    private final ServletOutputStream target;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    MaskingStream(ServletOutputStream target) {
      this.target = target;
    }

    @Override
    public synchronized void write(int b) {
      if (!closed) {
        pending.write(b);
      }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      if (!closed) {
        pending.write(b, off, len);
      }
    }

    @Override
    public synchronized void flush() throws IOException {
      if (closed) {
        return;
      }
      if (pending.size() > 0) {
        target.write(
            maskChunk(pending.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        pending.reset();
      }
      target.flush();
    }

    @Override
    public synchronized void close() throws IOException {
      if (closed) {
        return;
      }
      flush();
      target.close();
    }

    @Override
    public boolean isReady() {
      return target.isReady();
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      target.setWriteListener(listener);
    }
  }
}
