package airbytemcp.declarative;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.HttpClients;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A response larger than one page may be is cut off with a clear error, not held whole. */
@Timeout(60)
class ResponseLimitTest {
  @Test
  void anEndlessResponseBodyIsRefusedAtTheLimit() throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(
              200, 0); // chunked, no length: the size shows only while reading
          byte[] chunk = new byte[1 << 20];
          try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < 1024; i++) {
              out.write(chunk);
            }
          } catch (IOException e) {
            // the client stopped reading
          }
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/records";
      try (Response response =
          HttpClients.shared().newCall(new Request.Builder().url(url).build()).execute()) {
        DeclarativeError error =
            assertThrows(DeclarativeError.class, () -> ResponseBodies.read(response.body(), url));
        assertTrue(
            error.getMessage().contains("larger than 64 MB"),
            "the error should name the limit: " + error);
      }
    } finally {
      server.stop(0);
    }
  }
}
