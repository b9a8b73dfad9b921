package airbytemcp.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.config.Domain;
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
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each tool argument's default is stated once, in a {@link ToolParam} that both the input schema
 * and the handler use; a handler that reads a defaulted argument any other way, or with another
 * default, fails instead of quietly answering with a second default.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DeclaredDefaultsTest {
  private static final ToolParam.Int LIMIT = ToolParam.integer("limit", 10);

  @TempDir Path dir;

  private static ToolDefinition tool(InputSchema input, ToolHandler handler) {
    return new ToolDefinition(
        "probe",
        Domain.LOCAL,
        "A probe.",
        input.build(),
        null,
        ToolHints.LOCAL_READ,
        Set.of(),
        handler);
  }

  private static ToolResult call(ToolDefinition tool, Map<String, Object> args) throws Exception {
    return tool.handler().call(new FakeToolCall(args));
  }

  @Test
  void theSchemaAdvertisesTheDefaultTheHandlerApplies() throws Exception {
    ToolDefinition probe =
        tool(
            InputSchema.builder().integer(LIMIT, "At most."),
            call -> ToolResult.data(Map.of("limit", call.args().integer(LIMIT))));
    Map<?, ?> limit = (Map<?, ?>) ((Map<?, ?>) probe.inputSchema().get("properties")).get("limit");
    assertEquals(10, limit.get("default"), "the schema advertises the declared default");
    assertEquals(10, call(probe, Map.of()).structured().get("limit"), "left out: the default");
    assertEquals(3, call(probe, Map.of("limit", 3)).structured().get("limit"), "given: the value");
  }

  @Test
  void aHandlerWithAnotherDefaultThanItsSchemaFailsLoudly() {
    ToolDefinition probe =
        tool(
            InputSchema.builder().integer(LIMIT, "At most."),
            call ->
                ToolResult.data(
                    Map.of("limit", call.args().integer(ToolParam.integer("limit", 20)))));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> call(probe, Map.of()));
    assertTrue(
        e.getMessage().contains("20") && e.getMessage().contains("10"),
        "the failure names both defaults: " + e.getMessage());
  }

  @Test
  void aHandlerReadingADefaultedArgumentByBareNameFailsLoudly() {
    ToolDefinition byName =
        tool(
            InputSchema.builder().integer(LIMIT, "At most."),
            call ->
                ToolResult.data(Map.of("limit", call.args().optionalInteger("limit").orElse(5))));
    assertThrows(
        IllegalStateException.class,
        () -> call(byName, Map.of()),
        "optionalInteger(...).orElse(...) would be a second default");
    ToolDefinition otherDefault =
        tool(
            InputSchema.builder().integer(LIMIT, "At most."),
            call -> ToolResult.data(Map.of("limit", call.args().integer("limit", 20))));
    assertThrows(
        IllegalStateException.class,
        () -> call(otherDefault, Map.of("limit", 3)),
        "a default in code that differs from the schema's fails even when the value is given");
  }

  @Test
  void aSchemaDeclaresDefaultsOnlyThroughAToolParameter() {
    assertThrows(
        IllegalArgumentException.class,
        () -> InputSchema.builder().property("limit", Map.of("type", "integer", "default", 10)),
        "a raw default in a schema would have no handler counterpart");
  }

  /**
   * Every tool's handler, called once with its arguments left out and once with each declared
   * default given explicitly: the same answer both ways, and never a handler reading a defaulted
   * argument past its declaration. The tools that run on this machine (the test connector, the
   * DuckDB cache, the registry fixture) must succeed, so for them the comparison means something.
   */
  @Test
  void everyToolAnswersTheSameWithItsDefaultsLeftOutOrGiven() throws Exception {
    ToolHarness harness =
        new ToolHarness(
            dir,
            Map.of("FAKE_API_KEY", "sk-defaults-SECRET-1357"),
            TestResolvers.pathWithFake(),
            TestResolvers.NO_DOCKER);
    Map<String, Object> source = new HashMap<>();
    source.put("source_connector_name", FakeConnector.NAME);
    source.put("config", Map.of("api_key", "secret_reference::FAKE_API_KEY", "count", 3));
    Map<String, Map<String, Object>> runsHere = new LinkedHashMap<>();
    runsHere.put("read_source_stream_records", with(source, "stream_name", "users"));
    runsHere.put("get_stream_previews", with(source, "streams", List.of("users")));
    runsHere.put("list_source_streams", source);
    runsHere.put("run_sql_query", Map.of("sql_query", "SELECT count(*) AS users FROM users"));
    runsHere.put("show_connectors_list", Map.of());
    // Writes to the cache, so a second call differs: covered by the walk below, not compared.
    Set<String> notRepeatable = Set.of("sync_source_to_cache", "destination_smoke_test");

    // run_sql_query needs a cache to exist.
    ToolResult synced =
        harness.call("sync_source_to_cache", with(source, "streams", List.of("users")));
    assertFalse(synced.isError(), "the cache is filled: " + synced.text());

    List<String> compared = new ArrayList<>();
    for (ToolDefinition tool : ToolCatalog.all(harness.services)) {
      Map<String, Object> defaults = ToolArgs.declaredDefaults(tool.inputSchema());
      if (defaults.isEmpty() || notRepeatable.contains(tool.name())) {
        continue;
      }
      Map<String, Object> base = runsHere.getOrDefault(tool.name(), Map.of());
      Map<String, Object> explicit = new HashMap<>(base);
      defaults.forEach(explicit::putIfAbsent);
      String leftOut = outcome(tool, base);
      String given = outcome(tool, explicit);
      assertFalse(
          leftOut.contains("IllegalStateException") || given.contains("IllegalStateException"),
          tool.name() + " reads a defaulted argument past its declaration: " + leftOut + given);
      assertEquals(
          leftOut, given, tool.name() + ": leaving out " + defaults + " must equal giving them");
      if (runsHere.containsKey(tool.name())) {
        assertTrue(leftOut.startsWith("ok "), tool.name() + " should run here: " + leftOut);
        compared.add(tool.name());
      }
    }
    assertEquals(
        runsHere.keySet(), Set.copyOf(compared), "each locally runnable tool was compared");
  }

  private static Map<String, Object> with(Map<String, Object> base, String name, Object value) {
    Map<String, Object> args = new HashMap<>(base);
    args.put(name, value);
    return args;
  }

  /** What a call came to: its answer, or the kind of failure and its message. */
  private static String outcome(ToolDefinition tool, Map<String, Object> args) {
    try {
      ToolResult result = tool.handler().call(new FakeToolCall(args));
      assertNotNull(result, tool.name() + " answered nothing");
      return (result.isError() ? "error " : "ok ")
          + (result.structured() != null ? Json.write(result.structured()) : result.text());
    } catch (Exception e) {
      return "failed " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }
}
