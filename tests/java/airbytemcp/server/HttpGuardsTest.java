package airbytemcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The guards in front of the SDK and behind it: the JSON-RPC gate, the gated stdin, and masking of
 * HTTP responses.
 */
class HttpGuardsTest {
  static final String SECRET = "guard-secret-Hy62Lp";

  private static Masker masker() {
    Masker masker = new Masker();
    masker.register(SECRET);
    return masker;
  }

  @Test
  void letsWellFormedMessagesPass() {
    for (String ok :
        List.of(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"result\":{}}",
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"x\",\"arguments\":{}}}")) {
      assertTrue(JsonRpcGate.refusal(ok).isEmpty(), ok);
    }
  }

  @Test
  void answersMalformedMessagesWithTheMatchingJsonRpcError() {
    assertEquals(JsonRpcGate.PARSE_ERROR, code(JsonRpcGate.refusal("{").orElseThrow()));
    assertEquals(JsonRpcGate.INVALID_REQUEST, code(JsonRpcGate.refusal("[1]").orElseThrow()));
    assertEquals(
        JsonRpcGate.INVALID_REQUEST,
        code(
            JsonRpcGate.refusal("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}")
                .orElseThrow()));
    assertEquals(
        JsonRpcGate.INVALID_REQUEST,
        code(
            JsonRpcGate.refusal("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}")
                .orElseThrow()));
    assertEquals(
        JsonRpcGate.INVALID_PARAMS,
        code(
            JsonRpcGate.refusal("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\"}")
                .orElseThrow()));
    JsonNode refusal =
        Json.parse(
            JsonRpcGate.refusal(
                    "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":1}}")
                .orElseThrow());
    assertEquals(7, refusal.path("id").asInt(), "the id is echoed when it is valid");
  }

  @Test
  void stdinSkipsBlankLinesAndAnswersBadOnesWithoutPassingThemOn() throws IOException {
    String input =
        "\n{oops\n{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\n"
            + "x".repeat(200)
            + "\n"
            + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}";
    ByteArrayOutputStream replies = new ByteArrayOutputStream();
    GatedInputStream gated =
        new GatedInputStream(
            new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), replies, 100);
    String passed = new String(gated.readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\n{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}\n",
        passed);
    String[] answers = replies.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(2, answers.length, "one error for the broken line, one for the oversized one");
    assertEquals(JsonRpcGate.PARSE_ERROR, code(answers[0]));
    assertTrue(answers[1].contains("larger than"), answers[1]);
  }

  @Test
  void masksEventStreamDataButLeavesEventFieldsAlone() {
    String event =
        "id: 1\nevent: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\","
            + "\"params\":{\"level\":\"info\",\"data\":\"token "
            + SECRET
            + "\"}}\n\n";
    String masked = MaskingResponse.maskChunk(event, "text/event-stream;charset=UTF-8", masker());
    assertFalse(masked.contains(SECRET), masked);
    assertTrue(
        masked.startsWith("id: 1\nevent: message\ndata: {") && masked.endsWith("}\n\n"), masked);
    assertTrue(masked.contains("\"jsonrpc\":\"2.0\"") && masked.contains("token ****"), masked);
  }

  @Test
  void masksJsonResponsesIncludingErrors() {
    String error =
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32602,\"message\":\"Unknown tool: "
            + SECRET
            + "\"}}";
    String masked = MaskingResponse.maskChunk(error, "application/json", masker());
    assertEquals(
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32602,\"message\":\"Unknown tool: ****\"}}",
        masked);
  }

  @Test
  void replacesASerializedJavaExceptionWithItsJsonRpcError() {
    String exception =
        "{\"cause\":null,\"stackTrace\":[{\"className\":\"x.Y\",\"lineNumber\":1}],"
            + "\"jsonRpcError\":{\"code\":-32603,\"message\":\"Error processing message\"},\"message\":\"m\"}";
    JsonNode answer =
        Json.parse(MaskingResponse.maskChunk(exception, "application/json", new Masker()));
    assertEquals(-32603, answer.path("error").path("code").asInt());
    assertFalse(
        answer.toString().contains("stackTrace"),
        "did not expect " + "stackTrace" + " in: " + answer.toString());
  }

  private static int code(String response) {
    return Json.parse(response).path("error").path("code").asInt();
  }
}
