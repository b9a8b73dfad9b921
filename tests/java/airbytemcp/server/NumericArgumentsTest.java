package airbytemcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Numeric arguments as a client sends them: a whole number written as a string is the number, a
 * word is refused saying a number is expected.
 */
@Timeout(120)
class NumericArgumentsTest {
  @RegisterExtension final EmptyCacheQueries cache = new EmptyCacheQueries();

  private static String text(CallToolResult result) {
    return ((TextContent) result.content().get(0)).text();
  }

  @Test
  void aWholeNumberWrittenAsAStringIsReadAsTheNumber() {
    CallToolResult result =
        cache.query(
            Map.of("sql_query", "SELECT * FROM range(5)", "max_records", "2", "offset", " 1 "));
    assertFalse(result.isError(), "\"2\" is the number 2: " + text(result));
    @SuppressWarnings("unchecked")
    Map<String, Object> page = (Map<String, Object>) result.structuredContent();
    assertEquals(2, ((List<?>) page.get("result")).size(), "max_records=\"2\": " + page);
    assertEquals(1, ((Number) page.get("offset")).intValue(), "offset=\" 1 \": " + page);
  }

  @Test
  void aNegativeOffsetIsRefusedWithWhatToGiveInstead() {
    CallToolResult result = cache.query(Map.of("sql_query", "SELECT 1", "offset", "-1"));
    assertTrue(result.isError(), "no page starts before the first: " + text(result));
    assertTrue(
        text(result).startsWith("Argument 'offset' must be 0 or more, not -1."),
        "says what the argument takes: " + text(result));
    assertTrue(text(result).contains("next_offset"), "and what to give: " + text(result));
  }

  @Test
  void aWordForANumberIsRefusedSayingANumberIsExpected() {
    CallToolResult result = cache.query(Map.of("sql_query", "SELECT 1", "max_records", "four"));
    assertTrue(result.isError(), "\"four\" is no number: " + text(result));
    assertTrue(
        text(result).contains("max_records") && text(result).contains("integer expected"),
        "names the argument and what it takes: " + text(result));
  }
}
