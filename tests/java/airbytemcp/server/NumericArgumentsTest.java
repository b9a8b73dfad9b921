package airbytemcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.testing.TestResolvers;
import airbytemcp.testing.ToolHarness;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Numeric arguments as a client sends them: a whole number written as a string is the number, a
 * word is refused saying a number is expected.
 */
@Timeout(120)
class NumericArgumentsTest {
  @TempDir Path workDir;
  private ToolHarness harness;
  private ToolAdapter adapter;

  @BeforeEach
  void setUp() throws Exception {
    harness =
        new ToolHarness(workDir, Map.of(), TestResolvers.pathWithFake(), TestResolvers.NO_DOCKER);
    adapter = new ToolAdapter(harness.masker, new DeferredSchemaValidator());
    Path db = harness.services.cache().dbPath();
    Files.createDirectories(db.getParent());
    try (Connection created = DriverManager.getConnection("jdbc:duckdb:" + db)) {
      assertTrue(created.isValid(5), "an empty cache file to query");
    }
  }

  @AfterEach
  void tearDown() {
    harness.services.cache().close();
  }

  private CallToolResult query(Map<String, Object> args) {
    return adapter.call(
        harness.tool("run_sql_query"), null, new CallToolRequest("run_sql_query", args));
  }

  private static String text(CallToolResult result) {
    return ((TextContent) result.content().get(0)).text();
  }

  @Test
  void aWholeNumberWrittenAsAStringIsReadAsTheNumber() {
    CallToolResult result =
        query(Map.of("sql_query", "SELECT * FROM range(5)", "max_records", "2", "offset", " 1 "));
    assertFalse(result.isError(), "\"2\" is the number 2: " + text(result));
    @SuppressWarnings("unchecked")
    Map<String, Object> page = (Map<String, Object>) result.structuredContent();
    assertEquals(2, ((List<?>) page.get("result")).size(), "max_records=\"2\": " + page);
    assertEquals(1, ((Number) page.get("offset")).intValue(), "offset=\" 1 \": " + page);
  }

  @Test
  void aNegativeOffsetIsRefusedWithWhatToGiveInstead() {
    CallToolResult result = query(Map.of("sql_query", "SELECT 1", "offset", "-1"));
    assertTrue(result.isError(), "no page starts before the first: " + text(result));
    assertTrue(
        text(result).startsWith("Argument 'offset' must be 0 or more, not -1."),
        "says what the argument takes: " + text(result));
    assertTrue(text(result).contains("next_offset"), "and what to give: " + text(result));
  }

  @Test
  void aWordForANumberIsRefusedSayingANumberIsExpected() {
    CallToolResult result = query(Map.of("sql_query", "SELECT 1", "max_records", "four"));
    assertTrue(result.isError(), "\"four\" is no number: " + text(result));
    assertTrue(
        text(result).contains("max_records") && text(result).contains("integer expected"),
        "names the argument and what it takes: " + text(result));
  }
}
