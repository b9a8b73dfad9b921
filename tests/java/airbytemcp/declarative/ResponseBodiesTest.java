package airbytemcp.declarative;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

/** A response body is read whole and unchanged, whether or not the server says its length. */
@Timeout(60)
class ResponseBodiesTest {
  private static byte[] bytes(int size) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) (i * 31 + i / 7);
    }
    return b;
  }

  /** Serves {@code body} with its length declared, or chunked (length unknown) when not. */
  private static byte[] served(byte[] body, boolean declared) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(200, declared ? (body.length == 0 ? -1 : body.length) : 0);
          try (OutputStream out = exchange.getResponseBody()) {
            for (int at = 0; at < body.length; at += 1000) { // in pieces, as a network delivers
              out.write(body, at, Math.min(1000, body.length - at));
              out.flush();
            }
          }
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/page";
      try (Response response =
          HttpClients.shared().newCall(new Request.Builder().url(url).build()).execute()) {
        return ResponseBodies.read(response.body(), url);
      }
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aBodyOfDeclaredLengthIsReadWhole() throws Exception {
    byte[] body = bytes(150_000);
    assertArrayEquals(body, served(body, true), "the body with Content-Length changed on reading");
  }

  @Test
  void aChunkedBodyLargerThanTheFirstBufferIsReadWhole() throws Exception {
    byte[] body = bytes(200_003);
    assertArrayEquals(body, served(body, false), "the chunked body changed on reading");
  }

  @Test
  void anEmptyBodyReadsAsNoBytes() throws Exception {
    assertEquals(0, served(new byte[0], true).length, "an empty body should read as no bytes");
    assertEquals(0, served(new byte[0], false).length, "an empty chunked body: no bytes");
  }
}
