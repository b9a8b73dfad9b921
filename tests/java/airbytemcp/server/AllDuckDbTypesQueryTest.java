package airbytemcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DuckDB's own table of every type at its extremes ({@code test_all_types()}), asked through
 * run_sql_query as a client would: every value comes back as JSON, none as an internal failure.
 */
@Timeout(120)
class AllDuckDbTypesQueryTest {
  @RegisterExtension final EmptyCacheQueries cache = new EmptyCacheQueries();

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> rows(String sql) {
    CallToolResult result = cache.query(Map.of("sql_query", sql));
    assertFalse(result.isError(), "run_sql_query failed: " + Json.write(result.content()));
    Map<String, Object> structured = (Map<String, Object>) result.structuredContent();
    return (List<Map<String, Object>>) structured.get("result");
  }

  @Test
  void everyTypeOfTestAllTypesComesBackAsAValue() {
    List<Map<String, Object>> rows = rows("SELECT * FROM test_all_types()");
    assertEquals(3, rows.size(), "test_all_types() has a min, a max and a null row");
    Map<String, Object> min = rows.get(0);
    Map<String, Object> max = rows.get(1);
    max.forEach((column, value) -> assertNotNull(value, "the max row's " + column + " is empty"));
    rows.get(2).forEach((column, value) -> assertNull(value, column + " of the null row"));
    assertEquals("-290308-12-22T00:00:00", min.get("timestamp"), "a timestamp before 1 AD");
    assertEquals("24:00:00", max.get("time"), "the end of the day");
    assertEquals(
        new BigInteger("340282366920938463463374607431768211455"),
        max.get("uhugeint"),
        "a 128-bit number");
    assertEquals("AAAAYQ==", max.get("blob"), "bytes as Base64");
    assertEquals("ffffffff-ffff-ffff-ffff-ffffffffffff", max.get("uuid"), "a UUID as text");
    assertEquals(
        Arrays.asList(42.0, "NaN", "Infinity", "-Infinity", null, -42.0),
        max.get("double_array"),
        "non-finite numbers in a list");
    assertEquals(
        "-290308-12-21T19:59:05.224193",
        ((List<?>) max.get("timestamp_array")).get(2),
        "a timestamp before 1 AD inside a list");
    assertEquals(Map.of("key1", "🦆🦆🦆🦆🦆🦆", "key2", "goose"), max.get("map"), "a map");
  }

  @Test
  void aValueJavaCannotHoldBecomesANoteInItsCell() {
    Map<String, Object> max = rows("SELECT time_tz FROM test_all_types()").get(1);
    String note = String.valueOf(max.get("time_tz"));
    assertTrue(
        note.contains("TIME WITH TIME ZONE") && note.contains("CAST"),
        "the note names the type and how to see the value: " + note);
  }
}
