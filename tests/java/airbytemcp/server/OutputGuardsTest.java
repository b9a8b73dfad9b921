package airbytemcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import airbytemcp.common.Json;
import airbytemcp.secrets.Masker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The streams that stand between the server and the outside: stdout (protocol) and stderr (logs).
 */
class OutputGuardsTest {
  private final Masker masker = new Masker();

  OutputGuardsTest() {
    masker.register("s3cret-in-stream");
    masker.register("tools/call");
  }

  @Test
  void protocolLinesAreMaskedValueByValueAndStayValidJson() throws Exception {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (ProtocolOutputStream out = new ProtocolOutputStream(sink, masker)) {
      String line =
          "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"text\":\"a \\\"s3cret-in-stream\\\" b\"}}\n";
      byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
      out.write(bytes, 0, 10);
      out.write(bytes, 10, bytes.length - 10);
    }
    var message = Json.parse(sink.toString(StandardCharsets.UTF_8));
    assertEquals("tools/call", message.path("method").asText(), "protocol fields are never masked");
    assertEquals("a \"****\" b", message.path("params").path("text").asText());
  }

  @Test
  void everyStderrLineIsMasked() {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    PrintStream err = new MaskingPrintStream(sink, masker);
    err.println("connecting with s3cret-in-stream");
    err.print("partial s3cret-");
    err.print("in-stream line");
    err.flush();
    assertEquals(
        "connecting with ****\n",
        sink.toString(StandardCharsets.UTF_8),
        "a partial line waits for its end");
    err.close();
    assertEquals("connecting with ****\npartial **** line", sink.toString(StandardCharsets.UTF_8));
  }
}
