package airbytemcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.UserError;
import airbytemcp.config.Domain;
import airbytemcp.secrets.Masker;
import airbytemcp.tools.InputSchema;
import airbytemcp.tools.ToolDefinition;
import airbytemcp.tools.ToolHandler;
import airbytemcp.tools.ToolHints;
import airbytemcp.tools.ToolResult;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The boundary between tools and MCP: errors become results, and nothing unmasked gets through. */
class ToolAdapterTest {
  private final Masker masker = new Masker();
  private final ToolAdapter adapter = new ToolAdapter(masker);

  ToolAdapterTest() {
    masker.register("the-secret-value-77");
  }

  private CallToolResult call(ToolHandler handler) {
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
        tool, null, McpSchema.CallToolRequest.builder().name("t").arguments(Map.of()).build());
  }

  private static String text(CallToolResult result) {
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  @Test
  void aUserErrorBecomesAnErrorResultWithItsHint() {
    CallToolResult r =
        call(
            c -> {
              throw new UserError("Bad thing.", "Do this instead.");
            });
    assertTrue(r.isError());
    assertEquals("Bad thing.\n\nHint: Do this instead.", text(r));
  }

  @Test
  void anUnexpectedExceptionBecomesAnErrorResultWithoutAStackTrace() {
    CallToolResult r =
        call(
            c -> {
              throw new IllegalStateException("boom with the-secret-value-77");
            });
    assertTrue(r.isError());
    assertTrue(text(r).contains("IllegalStateException: boom with ****"), text(r));
    assertFalse(text(r).contains("at airbytemcp."), "no stack trace");
  }

  @Test
  void structuredResultsAreMaskedInBothForms() {
    CallToolResult r =
        call(c -> ToolResult.data(Map.of("url", "https://x/?key=the-secret-value-77")));
    assertFalse(r.isError());
    assertEquals(Map.of("url", "https://x/?key=****"), r.structuredContent());
    assertEquals("{\"url\":\"https://x/?key=****\"}", text(r));
  }

  @Test
  void listResultsAreWrappedForMcpAndShownBareAsText() {
    CallToolResult r = call(c -> ToolResult.data(List.of("a", "the-secret-value-77")));
    assertEquals(Map.of("result", List.of("a", "****")), r.structuredContent());
    assertEquals("[\"a\",\"****\"]", text(r));
  }

  @Test
  void textResultsAreMasked() {
    assertEquals("value ****", text(call(c -> ToolResult.text("value the-secret-value-77"))));
  }
}
