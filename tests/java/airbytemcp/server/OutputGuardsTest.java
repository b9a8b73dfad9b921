package airbytemcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.secrets.Masker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The streams that stand between the server and the outside: stdout (protocol) and stderr (logs).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
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
  void belowTheEnvelopeProtocolNamedFieldsAndKeysAreMaskedToo() throws Exception {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (ProtocolOutputStream out = new ProtocolOutputStream(sink, masker)) {
      String line =
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"protocolVersion\":\"2025-06-18\","
              + "\"structuredContent\":{\"method\":\"s3cret-in-stream\","
              + "\"s3cret-in-stream\":1,\"rows\":[{\"jsonrpc\":\"s3cret-in-stream\"}]}}}\n";
      out.write(line.getBytes(StandardCharsets.UTF_8));
    }
    String written = sink.toString(StandardCharsets.UTF_8);
    assertFalse(
        written.contains("s3cret-in-stream"), "a secret got past the last guard: " + written);
    var content = Json.parse(written).path("result").path("structuredContent");
    assertEquals("****", content.path("method").asText(), "a tool's own \"method\" field is data");
    assertTrue(content.has("****"), "a key below the envelope is data: " + content);
    assertEquals(
        "2025-06-18",
        Json.parse(written).path("result").path("protocolVersion").asText(),
        "the protocol version of an initialize answer stays");
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
