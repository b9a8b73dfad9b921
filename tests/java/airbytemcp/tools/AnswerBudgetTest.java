package airbytemcp.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every answer fits the budget; a cut answer says what was left out and how to get the next part.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AnswerBudgetTest {
  private static List<Object> records(int n) {
    List<Object> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      records.add(
          Map.of("id", i, "name", "customer number " + i, "email", "user" + i + "@example.com"));
    }
    return records;
  }

  private static int size(ToolResult r) {
    return Math.max(
        r.text() == null ? 0 : r.text().length(),
        r.structured() == null ? 0 : Json.write(r.structured()).length());
  }

  @Test
  void aSmallAnswerIsLeftAlone() {
    ToolResult small = ToolResult.data(records(10));
    assertSame(
        small, AnswerBudget.fit("read_source_stream_records", new ToolArgs(Map.of()), small));
  }

  @Test
  void aLongListIsCutToTheBudgetAndSaysWhichOffsetGetsTheNextPage() {
    ToolResult big = ToolResult.data(records(5000));
    ToolResult fitted =
        AnswerBudget.fit("read_source_stream_records", new ToolArgs(Map.of("offset", 100)), big);
    assertTrue(
        size(fitted) <= AnswerBudget.MAX_CHARS,
        "structured content is within the budget: " + size(fitted));
    List<?> kept = (List<?>) fitted.structured().get("result");
    @SuppressWarnings("unchecked")
    Map<String, Object> note = (Map<String, Object>) fitted.structured().get("truncated");
    assertEquals(kept.size(), note.get("shown"));
    assertEquals(5000, note.get("total"));
    assertEquals(5000 - kept.size(), note.get("left_out"), "how much was left out");
    assertTrue(
        ((String) note.get("next_part")).contains("offset=" + (100 + kept.size())),
        note.toString());
  }

  @Test
  void aCutRecordsPageSendsAWholeStreamThroughTheCache() {
    ToolResult fitted =
        AnswerBudget.fit(
            "read_source_stream_records", new ToolArgs(Map.of()), ToolResult.data(records(5000)));
    String next = (String) ((Map<?, ?>) fitted.structured().get("truncated")).get("next_part");
    assertTrue(
        next.contains("sync_source_to_cache") && next.contains("run_sql_query"),
        "every page reads the stream again, so the note should name the cheaper way: " + next);
  }

  @Test
  void aCutQueryPageKeepsOnlyTheOffsetThatFollowsTheRowsShown() {
    ToolArgs args = new ToolArgs(Map.of());
    Map<String, Object> page = RecordPage.of("run_sql_query", records(1000), 0, true);
    ToolResult fitted = AnswerBudget.fit("run_sql_query", args, ToolResult.data(page));
    int shown = ((List<?>) fitted.structured().get("result")).size();
    assertTrue(shown < 1000, "the page was cut: " + shown + " rows shown");
    assertFalse(
        Json.write(fitted.structured()).contains("offset=1000"),
        "no note may send the agent past the " + (1000 - shown) + " rows the cut left out");
    String next = (String) fitted.structured().get("next_part");
    assertTrue(next.contains("offset=" + shown), next);
    assertTrue(next.contains("ORDER BY"), "pages are stable only with an ORDER BY: " + next);
    assertEquals(shown, fitted.structured().get("next_offset"), "the page's own offset follows");
    Map<?, ?> note = (Map<?, ?>) fitted.structured().get("truncated");
    assertFalse(note.containsKey("next_part"), "the cut's note does not say it a second time");
    assertEquals(1000, note.get("page_items"), "how many rows the page had before the cut");
    assertFalse(
        note.containsKey("total") || note.containsKey("left_out"),
        "the page size is no total, and what the cut left out is not all that remains: " + note);
  }

  /** A config spec of 150 fields, each with a long description and examples. */
  private static Map<String, Object> connectorInfo() {
    Map<String, Object> properties = new LinkedHashMap<>();
    for (int i = 0; i < 150; i++) {
      properties.put(
          "field_" + i,
          Map.of(
              "type",
              "string",
              "description",
              "What field " + i + " does. " + "x".repeat(300),
              "examples",
              List.of("a value", "another value")));
    }
    properties.put("examples", Map.of("type", "string", "description", "a field named examples"));
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("connector_name", "source-big");
    info.put("connector_metadata", Map.of("docker_repository", "airbyte/source-big"));
    info.put(
        "config_spec_jsonschema",
        Map.of("type", "object", "required", List.of("field_0"), "properties", properties));
    return info;
  }

  @Test
  void aLargeObjectLosesItsDescriptionsNotTheAnswer() {
    ToolResult fitted =
        AnswerBudget.fit(
            "get_connector_info", new ToolArgs(Map.of()), ToolResult.data(connectorInfo()));

    assertTrue(size(fitted) <= AnswerBudget.MAX_CHARS, "within the budget: " + size(fitted));
    Map<?, ?> answer = fitted.structured();
    assertEquals("source-big", answer.get("connector_name"), "the connector is named: " + answer);
    assertTrue(answer.containsKey("connector_metadata"), "the metadata is kept: " + answer);
    Map<?, ?> spec = (Map<?, ?>) answer.get("config_spec_jsonschema");
    Map<?, ?> properties = (Map<?, ?>) spec.get("properties");
    assertEquals(151, properties.size(), "every field is kept");
    assertEquals(List.of("field_0"), spec.get("required"), "and what is required");
    assertTrue(properties.containsKey("examples"), "a field named examples is a field");
    Map<?, ?> field = (Map<?, ?>) properties.get("field_7");
    assertEquals("string", field.get("type"));
    assertFalse(field.containsKey("examples"), "examples go first");
    assertTrue(
        String.valueOf(field.get("description")).startsWith("What field 7 does.")
            && String.valueOf(field.get("description")).length() <= 201,
        "a description is cut, not dropped, while that fits: " + field);
    assertTrue(
        String.valueOf(((Map<?, ?>) answer.get("truncated")).get("cut"))
            .startsWith("config_spec_jsonschema: descriptions cut to"),
        "the note says what was shortened: " + answer.get("truncated"));
  }

  @Test
  void aPageAskedForPastTheEndSaysWhereTheRecordsAre() {
    Map<String, Object> past =
        RecordPage.of("read_source_stream_records", List.of(), 100, false, 5);
    Map<String, Object> empty = RecordPage.of("run_sql_query", List.of(), 10, false, 0);

    assertEquals(
        "Nothing at offset 100: there are 5 records in all, at offsets 0 to 4.",
        past.get("next_part"));
    assertEquals("Nothing at offset 10: there are no rows at all.", empty.get("next_part"));
    assertEquals(
        null,
        RecordPage.of("run_sql_query", List.of(), 0, false, 0).get("next_part"),
        "an empty result asked for from its start needs no note");
  }

  @Test
  void aRowLongerThanAWholeAnswerIsSkippedByTheNextOffsetAndNamedWithWhatToDo() {
    Map<String, Object> row = Map.of("big", "x".repeat(AnswerBudget.MAX_CHARS + 1));
    Map<String, Object> page = RecordPage.of("run_sql_query", List.of(row), 7, false);
    ToolResult fitted =
        AnswerBudget.fit("run_sql_query", new ToolArgs(Map.of()), ToolResult.data(page));
    assertEquals(0, fitted.structured().get("count"));
    assertEquals(8, fitted.structured().get("next_offset"), "offset=7 would answer this again");
    String next = (String) fitted.structured().get("next_part");
    assertTrue(next.contains("row at offset 7 alone") && next.contains("left(col"), next);
  }

  @Test
  void aLongLogIsCutAtALineAndSaysFromWhichLineToContinue() {
    StringBuilder log = new StringBuilder();
    for (int i = 1; i <= 4000; i++) {
      log.append("2026-01-01 INFO line ").append(i).append(" of the replication log\n");
    }
    Map<String, Object> slice = new LinkedHashMap<>();
    slice.put("job_id", 7);
    slice.put("log_text", log.toString());
    slice.put("log_text_start_line", 11);
    ToolResult fitted =
        AnswerBudget.fit("get_cloud_sync_logs", new ToolArgs(Map.of()), ToolResult.data(slice));
    assertTrue(size(fitted) <= AnswerBudget.MAX_CHARS, "within the budget: " + size(fitted));
    String kept = (String) fitted.structured().get("log_text");
    assertTrue(kept.endsWith("\n"), "cut at the end of a line");
    long lines = kept.chars().filter(c -> c == '\n').count();
    String next = (String) ((Map<?, ?>) fitted.structured().get("truncated")).get("next_part");
    assertTrue(next.contains("line_offset=" + (10 + lines)), next);
  }

  @Test
  void aLongTextIsCutAndSaysHowManyCharactersWereLeftOut() {
    String text = "x".repeat(60_000);
    ToolResult fitted =
        AnswerBudget.fit("some_tool", new ToolArgs(Map.of()), ToolResult.text(text));
    assertTrue(fitted.text().length() <= AnswerBudget.MAX_CHARS, "within the budget");
    assertTrue(
        fitted.text().contains("left out"), fitted.text().substring(fitted.text().length() - 300));
  }

  @Test
  void samplesOfManyStreamsAreShortenedPerStream() {
    Map<String, Object> previews = new LinkedHashMap<>();
    for (int s = 0; s < 40; s++) {
      previews.put("stream_" + s, records(50));
    }
    ToolResult fitted =
        AnswerBudget.fit("get_stream_previews", new ToolArgs(Map.of()), ToolResult.data(previews));
    assertTrue(size(fitted) <= AnswerBudget.MAX_CHARS, "within the budget: " + size(fitted));
    assertTrue(fitted.structured().containsKey("truncated"), "says it was cut");
    assertTrue(
        ((List<?>) fitted.structured().get("stream_0")).size() > 0,
        "every stream keeps some samples");
  }
}
