package airbytemcp.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves a folder over HTTP on loopback the way a Git host serves raw files and release downloads:
 * a GET for {@code /some/path} answers the bytes of {@code root/some/path}, anything else is a 404.
 */
public final class GitHostFake implements AutoCloseable {
  private final HttpServer server;

  public GitHostFake(Path root) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            if (!"GET".equals(exchange.getRequestMethod())
                || !file.startsWith(root)
                || !Files.isRegularFile(file)) {
              exchange.sendResponseHeaders(404, -1);
              return;
            }
            byte[] body = Files.readAllBytes(file);
            exchange
                .getResponseHeaders()
                .set(
                    "Content-Type",
                    file.toString().endsWith(".json")
                        ? "application/json"
                        : file.toString().endsWith(".jar")
                            ? "application/java-archive"
                            : "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          }
        });
    server.start();
  }

  /** {@code http://127.0.0.1:PORT} without a trailing slash. */
  public String baseUrl() {
    return "http://"
        + server.getAddress().getAddress().getHostAddress()
        + ":"
        + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    ((ExecutorService) server.getExecutor()).shutdownNow();
  }
}
