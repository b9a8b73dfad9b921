package airbytemcp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Docker socket this test owns: it forwards to the real engine until {@link #close()} cuts every
 * connection and stops listening, as a daemon that dies does — without touching the engine other
 * processes share.
 */
public final class UnixSocketProxy implements AutoCloseable {
  private final Path socket;
  private final Path target;
  private final ServerSocketChannel server;
  private final List<SocketChannel> open = new CopyOnWriteArrayList<>();

  private UnixSocketProxy(Path socket, Path target) throws IOException {
    this.socket = socket;
    this.target = target;
    Files.deleteIfExists(socket);
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    Thread acceptor = new Thread(this::acceptLoop, "docker-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public static UnixSocketProxy start(Path socket, Path target) {
    try {
      return new UnixSocketProxy(socket, target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String dockerHost() {
    return "unix://" + socket;
  }

  private void acceptLoop() {
    while (server.isOpen()) {
      try {
        SocketChannel client = server.accept();
        SocketChannel upstream = SocketChannel.open(UnixDomainSocketAddress.of(target));
        open.add(client);
        open.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void pump(SocketChannel from, SocketChannel to) {
    Thread thread =
        new Thread(
            () -> {
              ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
              try {
                while (from.read(buffer) >= 0) {
                  buffer.flip();
                  while (buffer.hasRemaining()) {
                    to.write(buffer);
                  }
                  buffer.clear();
                }
                to.shutdownOutput();
              } catch (IOException e) {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "docker-proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  /** The engine "stops": no new connections, and every open one is cut. */
  @Override
  public void close() {
    try {
      server.close();
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      // closing anyway
    }
    open.forEach(UnixSocketProxy::closeQuietly);
  }
}
