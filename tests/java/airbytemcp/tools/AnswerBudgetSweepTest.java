package airbytemcp.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.cloud.FakeAirbyte;
import airbytemcp.common.Json;
import airbytemcp.testing.FakeConnector;
import airbytemcp.testing.FakeToolCall;
import airbytemcp.testing.TestResolvers;
import airbytemcp.testing.ToolHarness;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every tool, called with its default arguments and with its limits turned all the way up, answers
 * within the budget once the server's central cut is applied (as ToolAdapter does): against the
 * fake connector (5,000 records per stream), the test registry, and a fake Airbyte whose job has a
 * 4,000-line log.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AnswerBudgetSweepTest {
  static final int RECORDS = 5000;
  @TempDir static Path dir;
  static FakeAirbyte airbyte;
  static ToolHarness harness;

  @BeforeAll
  static void start() {
    airbyte = new FakeAirbyte();
    airbyte.token();
    StringBuilder log =
        new StringBuilder(
            "{\"job\":{\"id\":9001,\"status\":\"failed\"},\"attempts\":[{\"attempt\":"
                + "{\"id\":1,\"status\":\"failed\"},\"logs\":{\"logLines\":[");
    for (int i = 1; i <= 4000; i++) {
      log.append(i > 1 ? "," : "")
          .append("\"2026-01-01 12:00:00 replication-orchestrator INFO line ")
          .append(i)
          .append(" of a long and wordy sync log\"");
    }
    airbyte.configJson("/jobs/get", log.append("]}}]}").toString());
    Map<String, String> env = new HashMap<>(airbyte.env(dir.resolve("project")));
    env.remove("AIRBYTE_LOCAL_REGISTRY"); // the harness uses the test registry
    env.remove("AIRBYTE_PROJECT_DIR");
    env.put("FAKE_API_KEY", "fake-key-123456");
    harness =
        new ToolHarness(
            dir.resolve("work"), env, TestResolvers.pathWithFake(), TestResolvers.NO_DOCKER);
  }

  @AfterAll
  static void stop() {
    if (airbyte != null) {
      airbyte.close();
    }
  }

  /**
   * Arguments a caller must give, with values that reach each tool's real work where the fakes
   * allow.
   */
  private static Map<String, Object> required(ToolDefinition tool) {
    Map<String, Object> args = new LinkedHashMap<>();
    @SuppressWarnings("unchecked")
    List<String> names = (List<String>) tool.inputSchema().getOrDefault("required", List.of());
    for (String name : names) {
      args.put(
          name,
          name.endsWith("connector_name")
              ? FakeConnector.NAME
              : name.equals("stream_name")
                  ? "users"
                  : name.equals("sql_query")
                      ? "SELECT * FROM users"
                      : name.endsWith("_id") ? FakeAirbyte.CONNECTION : "x");
    }
    if (tool.inputSchema().get("properties") instanceof Map<?, ?> p && p.containsKey("config")) {
      args.put("config", Map.of("api_key", "secret_reference::FAKE_API_KEY", "count", RECORDS));
    }
    if (tool.name().equals("get_cloud_sync_logs")) {
      args.put("job_id", FakeAirbyte.JOB);
    }
    return args;
  }

  /** The same, with every number at a large value and every list limit lifted. */
  private static Map<String, Object> maximal(ToolDefinition tool) {
    Map<String, Object> args = new LinkedHashMap<>(required(tool));
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> properties =
        (Map<String, Map<String, Object>>) tool.inputSchema().get("properties");
    properties.forEach(
        (name, schema) -> {
          if ("integer".equals(schema.get("type"))
              && !name.contains("offset")
              && !name.endsWith("_id")
              && !name.equals("attempt_number")) {
            args.put(name, 100_000);
          }
        });
    if (properties.containsKey("include_airbyte_fields")) {
      args.put("include_airbyte_fields", true);
    }
    return args;
  }

  private static int size(ToolResult result) {
    int text = result.text() == null ? 0 : result.text().length();
    int structured = result.structured() == null ? 0 : Json.write(result.structured()).length();
    return Math.max(text, structured);
  }

  private static List<String> sweep(boolean max) throws Exception {
    List<String> over = new ArrayList<>();
    harness.call(
        "sync_source_to_cache",
        Map.of(
            "source_connector_name",
            FakeConnector.NAME,
            "config",
            Map.of("api_key", "secret_reference::FAKE_API_KEY", "count", RECORDS),
            "streams",
            "*"));
    for (ToolDefinition tool : ToolCatalog.all(harness.services)) {
      Map<String, Object> args = max ? maximal(tool) : required(tool);
      ToolResult result;
      try {
        result =
            AnswerBudget.fit(
                tool.name(), new ToolArgs(args), tool.handler().call(new FakeToolCall(args)));
      } catch (Exception e) {
        continue; // failures become short error results at the adapter
      }
      int size = size(result);
      System.err.println((max ? "max " : "default ") + tool.name() + ": " + size);
      if (size > AnswerBudget.MAX_CHARS) {
        over.add(tool.name() + " (" + size + " characters)");
      }
    }
    return over;
  }

  @Test
  void allRecordsOfAStreamAreCutToThePageThatFitsWithTheOffsetOfTheNext() throws Exception {
    Map<String, Object> args =
        new LinkedHashMap<>(
            Map.of(
                "source_connector_name",
                FakeConnector.NAME,
                "stream_name",
                "users",
                "config",
                Map.of("api_key", "secret_reference::FAKE_API_KEY", "count", RECORDS),
                "max_records",
                RECORDS));
    ToolResult result =
        AnswerBudget.fit(
            "read_source_stream_records",
            new ToolArgs(args),
            harness.call("read_source_stream_records", args));
    Map<?, ?> note = (Map<?, ?>) result.structured().get("truncated");
    assertTrue(note != null, "a cut answer says so");
    int shown = (Integer) note.get("shown");
    assertTrue(shown > 0 && ((Integer) note.get("page_items")) == RECORDS, note.toString());
    assertTrue(
        result.structured().get("next_part").toString().contains("offset=" + shown),
        result.structured().get("next_part").toString());
    assertEquals(shown, result.structured().get("count"), "the page's own count is of the cut");
    assertEquals(shown, result.structured().get("next_offset"), "and so is its next offset");
  }

  @Test
  void aQueryWithMoreRowsThanItsPageSaysSoWithTheNextOffset() throws Exception {
    harness.call(
        "sync_source_to_cache",
        Map.of(
            "source_connector_name",
            FakeConnector.NAME,
            "config",
            Map.of("api_key", "secret_reference::FAKE_API_KEY", "count", RECORDS),
            "streams",
            "*"));
    ToolResult result =
        harness.call(
            "run_sql_query", Map.of("sql_query", "SELECT id FROM users", "max_records", 10));
    Map<String, Object> page = result.structured();
    assertEquals(10, page.get("next_offset"), Json.write(page));
    assertTrue(
        page.get("next_part").toString().contains("ORDER BY"),
        "the query runs again for the next page: only an ORDER BY keeps pages from overlapping: "
            + page);
  }

  @Test
  void everyToolAnswersWithin25000CharactersWithDefaultArguments() throws Exception {
    List<String> over = sweep(false);
    assertTrue(over.isEmpty(), "over the budget with default arguments: " + over);
  }

  @Test
  void everyToolAnswersWithinTheBudgetWithMaximalArguments() throws Exception {
    List<String> over = sweep(true);
    assertTrue(over.isEmpty(), "over the budget with maximal arguments: " + over);
  }
}
