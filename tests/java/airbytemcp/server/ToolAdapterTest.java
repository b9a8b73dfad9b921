package airbytemcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.UserError;
import airbytemcp.config.Domain;
import airbytemcp.secrets.Masker;
import airbytemcp.tools.AnswerBudget;
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
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The boundary between tools and MCP: errors become results, and nothing unmasked gets through. */
class ToolAdapterTest {
  private final Masker masker = new Masker();
  private final ToolAdapter adapter = new ToolAdapter(masker, new DeferredSchemaValidator());

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
  void argumentsThatDoNotFitTheSchemaAreRefusedWithWhatTheToolTakesBeforeItRuns() {
    ToolDefinition tool =
        new ToolDefinition(
            "t",
            Domain.LOCAL,
            "A tool.",
            InputSchema.builder()
                .requiredString("connector_name", "Which connector.")
                .integer("limit", "How many.")
                .build(),
            null,
            ToolHints.LOCAL_READ,
            Set.of(),
            c -> {
              throw new AssertionError("the tool ran with arguments that do not fit its schema");
            });
    CallToolResult r =
        adapter.call(
            tool,
            null,
            McpSchema.CallToolRequest.builder()
                .name("t")
                .arguments(Map.of("connector", "source-x", "limit", "3"))
                .build());
    assertTrue(r.isError());
    assertTrue(text(r).startsWith("Tool (t) input validation failed: "), text(r));
    assertTrue(
        text(r).contains("Hint: t takes: connector_name (string, required), limit (integer)."),
        text(r));
  }

  private String refusal(Map<String, Object> arguments) {
    ToolDefinition tool =
        new ToolDefinition(
            "run_sql_query",
            Domain.LOCAL,
            "A tool.",
            InputSchema.builder()
                .requiredString("sql_query", "The SQL.")
                .integer("max_records", "How many.")
                .stringEnum("kind", "Which.", List.of("source", "destination"))
                .build(),
            null,
            ToolHints.LOCAL_READ,
            Set.of(),
            c -> {
              throw new AssertionError("the tool ran with arguments that do not fit its schema");
            });
    CallToolResult r =
        adapter.call(
            tool,
            null,
            McpSchema.CallToolRequest.builder().name("run_sql_query").arguments(arguments).build());
    assertTrue(r.isError());
    return text(r);
  }

  @Test
  void aMisnamedArgumentIsNamedWithTheOneItLikelyMeant() {
    String text = refusal(Map.of("sql", "SELECT 1"));
    assertTrue(
        text.contains("'sql' is not an argument of run_sql_query (did you mean 'sql_query'?)"),
        text);
    assertTrue(text.contains("the required argument 'sql_query' is missing"), text);
    assertFalse(text.contains("does not allow additional properties"), "the validator's words");
  }

  @Test
  void aMisspeltArgumentGetsTheClosestName() {
    String text = refusal(Map.of("sql_query", "SELECT 1", "max_record", 5));
    assertTrue(text.contains("(did you mean 'max_records'?)"), text);
  }

  @Test
  void aValueOutsideItsEnumIsAnsweredWithTheValuesAllowed() {
    String text = refusal(Map.of("sql_query", "SELECT 1", "kind", "sources"));
    assertTrue(text.contains("kind (string: source or destination)"), text);
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

  /**
   * Where the secret starts in a long answer: from before to past where the budget cuts it, in
   * steps shorter than the secret, so that one of them puts the secret across the cut.
   */
  private static IntStream aroundTheCut() {
    return IntStream.iterate(
        AnswerBudget.MAX_CHARS - 1_000, at -> at < AnswerBudget.MAX_CHARS, at -> at + 7);
  }

  private static String longAnswerWithTheSecretAt(int at) {
    return "x".repeat(at) + "the-secret-value-77" + "y".repeat(AnswerBudget.MAX_CHARS);
  }

  @Test
  void aLongTextAnswerCutThroughTheSecretKeepsNoPrefixOfIt() {
    aroundTheCut()
        .forEach(
            at -> {
              String shown = text(call(c -> ToolResult.text(longAnswerWithTheSecretAt(at))));
              assertTrue(shown.contains("Answer cut"), "not cut with the secret at " + at);
              assertFalse(shown.contains("the-se"), "prefix of the secret shown with it at " + at);
            });
  }

  @Test
  void aLongStructuredTextCutThroughTheSecretKeepsNoPrefixOfIt() {
    aroundTheCut()
        .forEach(
            at -> {
              CallToolResult r =
                  call(c -> ToolResult.data(Map.of("log", longAnswerWithTheSecretAt(at))));
              assertTrue(
                  r.structuredContent().toString().contains("truncated"),
                  "not cut with the secret at " + at);
              assertFalse(
                  r.structuredContent().toString().contains("the-se") || text(r).contains("the-se"),
                  "prefix of the secret shown with it at " + at);
            });
  }
}
