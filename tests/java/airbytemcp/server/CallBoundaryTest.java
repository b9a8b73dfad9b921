package airbytemcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.CallScope;
import airbytemcp.common.Json;
import airbytemcp.config.Domain;
import airbytemcp.secrets.Masker;
import airbytemcp.tools.InputSchema;
import airbytemcp.tools.ToolDefinition;
import airbytemcp.tools.ToolHandler;
import airbytemcp.tools.ToolHints;
import airbytemcp.tools.ToolResult;
import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every call gets an answer: out of memory and cancelled calls included; a cancellation reaches its
 * call only.
 */
@Timeout(30)
class CallBoundaryTest {
  private final ToolAdapter adapter = new ToolAdapter(new Masker(), new DeferredSchemaValidator());

  private CallToolResult call(ToolHandler handler, Map<String, Object> meta) {
    ToolDefinition tool =
        new ToolDefinition(
            "t",
            Domain.LOCAL,
            "A tool.",
            InputSchema.builder().build(),
            null,
            ToolHints.LOCAL_READ,
            Set.of(),
            handler);
    return adapter.call(
        tool,
        null,
        McpSchema.CallToolRequest.builder().name("t").arguments(Map.of()).meta(meta).build());
  }

  private static String text(CallToolResult result) {
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  @Test
  void runningOutOfMemoryBecomesAnErrorResultAndTheMemoryIsFreeAgain() {
    CallToolResult result =
        call(
            c -> {
              byte[][] held = new byte[64][];
              for (int i = 0; i < held.length; i++) {
                held[i] = new byte[1 << 20];
              }
              throw new OutOfMemoryError("Java heap space (" + held.length + " MB held)");
            },
            null);
    assertTrue(result.isError(), "an out-of-memory failure should be an error result");
    assertTrue(
        text(result).contains("ran out of memory"), "the result should say so: " + text(result));
    byte[][] again = new byte[64][];
    for (int i = 0; i < again.length; i++) {
      again[i] = new byte[1 << 20]; // what the failed call held is collectable
    }
  }

  private static Map<String, Object> metaOf(String admitted) {
    JsonNode meta = Json.parse(admitted).path("params").path("_meta");
    return Json.MAPPER.convertValue(meta, Map.class);
  }

  @Test
  void aCancellationStopsTheCallItNamesAndItEndsWithACancelledResult() throws Exception {
    String admitted =
        InFlightCalls.admit(
            "session-a",
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"t\"}}");
    CountDownLatch running = new CountDownLatch(1);
    CompletableFuture<CallToolResult> result =
        CompletableFuture.supplyAsync(
            () ->
                call(
                    c -> {
                      running.countDown();
                      Thread.sleep(20_000); // interrupted by the cancellation
                      return ToolResult.text("finished");
                    },
                    metaOf(admitted)));
    assertTrue(running.await(10, TimeUnit.SECONDS));
    InFlightCalls.admit(
        "session-b",
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":7}}");
    Thread.sleep(300);
    assertTrue(!result.isDone(), "a cancellation from another session must not stop the call");
    InFlightCalls.admit(
        "session-a",
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":7}}");
    CallToolResult answer = result.get(10, TimeUnit.SECONDS);
    assertTrue(
        answer.isError() && text(answer).contains("cancelled"),
        "the call should end cancelled: " + answer);
  }

  @Test
  void aClientCannotChooseTheKeyItsCallIsCancelledBy() {
    String admitted =
        InFlightCalls.admit(
            "session-a",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"t\",\"_meta\":{\""
                + InFlightCalls.META_KEY
                + "\":\"session-b 9\",\"progressToken\":3}}}");
    Map<String, Object> meta = metaOf(admitted);
    assertEquals(
        "session-a 1", meta.get(InFlightCalls.META_KEY), "the gate's key replaces the client's");
    assertEquals(3, meta.get("progressToken"), "the client's other _meta entries stay");
  }

  @Test
  void aCallEndsWithItsScopeClosedAndItsThreadNotInterrupted() {
    call(c -> ToolResult.text("ok"), null);
    assertTrue(
        !CallScope.current().isCancelled() && !Thread.currentThread().isInterrupted(),
        "nothing of the call should stay on the thread");
  }
}
