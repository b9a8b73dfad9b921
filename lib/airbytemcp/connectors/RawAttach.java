package airbytemcp.connectors;

import airbytemcp.protocol.LineSplitter;
import airbytemcp.protocol.LineTooLong;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/**
 * A container's stdin/stdout/stderr over one hijacked HTTP connection to the engine. docker-java's
 * own attach never half-closes the socket (docker-java#1448), so a connector would never see the
 * end of its stdin; this speaks the attach endpoint directly and can.
 */
final class RawAttach implements AutoCloseable {
  /** Receives demultiplexed output; {@code stderr} tells the stream. */
  interface FrameSink {
    void accept(boolean stderr, byte[] bytes, int offset, int length);
  }

  /** The largest frame held in memory; the engine cuts output into frames far smaller than this. */
  private static final int MAX_FRAME_BYTES = LineSplitter.MAX_LINE_BYTES;

  private final SocketChannel channel;
  private final ByteBuffer pending;

  private RawAttach(SocketChannel channel, ByteBuffer pending) {
    this.channel = channel;
    this.pending = pending;
  }

  /** Attaches to a created (not yet started) container, so no output is lost. */
  static RawAttach open(URI host, String containerId, boolean withStdin) throws IOException {
    SocketChannel channel = connect(host);
    try {
      String request =
          "POST /containers/"
              + containerId
              + "/attach?stream=1&stdout=1&stderr=1"
              + (withStdin ? "&stdin=1" : "")
              + " HTTP/1.1\r\n"
              + "Host: docker\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 0\r\n\r\n";
      writeFully(channel, ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
      ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
      int headerEnd;
      while ((headerEnd = headerEnd(buffer)) < 0) {
        if (!buffer.hasRemaining() || channel.read(buffer) < 0) {
          throw new IOException("the engine closed the attach connection before answering");
        }
      }
      String head = new String(buffer.array(), 0, headerEnd, StandardCharsets.ISO_8859_1);
      String status = head.substring(0, Math.max(0, head.indexOf('\r')));
      if (!status.contains(" 101 ") && !status.contains(" 200 ")) {
        throw new IOException("attach refused: " + status);
      }
      buffer.flip();
      buffer.position(headerEnd + 4);
      ByteBuffer pending = ByteBuffer.allocate(1 << 16);
      pending.put(buffer);
      return new RawAttach(channel, pending);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * Writes each line and a newline to the container's stdin, then closes stdin (the connector sees
   * EOF).
   */
  void writeStdin(Iterator<String> lines) throws IOException {
    while (lines.hasNext()) {
      writeFully(channel, ByteBuffer.wrap((lines.next() + "\n").getBytes(StandardCharsets.UTF_8)));
    }
    channel.shutdownOutput();
  }

  /**
   * Reads frames ({@code [stream, 0, 0, 0, length as 4 bytes big-endian]} + payload) until the
   * output ends.
   */
  void readFrames(FrameSink sink) throws IOException {
    ByteBuffer buffer = pending;
    while (true) {
      buffer.flip();
      while (buffer.remaining() >= 8) {
        int start = buffer.position();
        byte stream = buffer.get(start);
        int length = buffer.getInt(start + 4);
        if (buffer.remaining() < 8 + length) {
          if (8 + length > buffer.capacity()) {
            if (length < 0 || length > MAX_FRAME_BYTES) {
              // a frame is held whole before its lines are cut; one this large holds a line beyond
              // the limit too
              throw new LineTooLong(stream == 2 ? "stderr" : "stdout", LineSplitter.MAX_LINE_BYTES);
            }
            buffer = grow(buffer, 8 + length);
            buffer.flip();
          }
          break;
        }
        sink.accept(stream == 2, buffer.array(), start + 8, length);
        buffer.position(start + 8 + length);
      }
      buffer.compact();
      if (channel.read(buffer) < 0) {
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  private static ByteBuffer grow(ByteBuffer flipped, int needed) {
    ByteBuffer bigger = ByteBuffer.allocate(Math.max(needed, flipped.capacity() * 2));
    bigger.put(flipped);
    return bigger;
  }

  private static SocketChannel connect(URI host) throws IOException {
    switch (host.getScheme()) {
      case "unix" -> {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(host.getPath()));
        return channel;
      }
      case "tcp" -> {
        return SocketChannel.open(
            new InetSocketAddress(host.getHost(), host.getPort() < 0 ? 2375 : host.getPort()));
      }
      default ->
          throw new IOException(
              "unsupported Docker host " + host + " (use unix:// or tcp:// without TLS)");
    }
  }

  private static int headerEnd(ByteBuffer buffer) {
    byte[] a = buffer.array();
    for (int i = 0; i + 3 < buffer.position(); i++) {
      if (a[i] == '\r' && a[i + 1] == '\n' && a[i + 2] == '\r' && a[i + 3] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static void writeFully(SocketChannel channel, ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
  }
}
