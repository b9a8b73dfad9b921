package airbytemcp.tools;

import static airbytemcp.tools.OutputSchemas.string;

import airbytemcp.cache.CacheTables;
import airbytemcp.cache.DefaultCache;
import airbytemcp.cache.StreamSelection;
import airbytemcp.cache.SyncResult;
import airbytemcp.config.Domain;
import airbytemcp.connectors.Connector;
import airbytemcp.destinations.SmokeScenario;
import airbytemcp.destinations.SmokeScenarios;
import airbytemcp.destinations.SmokeTestResult;
import airbytemcp.destinations.SmokeTestRunner;
import airbytemcp.destinations.TableStatistics;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tools over the local DuckDB cache (sync a source into it, see what it holds, query it with read-only SQL) and the
 * destination smoke test.
 */
public final class CacheTools {
  private static final Map<String, Object> INTEGER = Map.of("type", "integer");

  private final Services services;

  public CacheTools(Services services) {
    this.services = services;
  }

  public List<ToolDefinition> definitions() {
    return List.of(syncSourceToCache(), listCachedStreams(), describeDefaultCache(), runSqlQuery(),
        destinationSmokeTest());
  }

  private DefaultCache cache() {
    return services.cache();
  }

  private ToolDefinition syncSourceToCache() {
    Map<String, Object> stream = OutputSchemas.object(Map.of(
        "stream_name", string(), "table_name", string(), "write_strategy", string(),
        "records_read", INTEGER, "rows_in_table", INTEGER), List.of("stream_name", "table_name"));
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("message", string());
    properties.put("source_name", string());
    properties.put("cache_db_path", string());
    properties.put("records", INTEGER);
    properties.put("states_stored", INTEGER);
    properties.put("elapsed_seconds", Map.of("type", "number"));
    properties.put("streams", Map.of("type", "array", "items", stream));
    return new ToolDefinition(
        "sync_source_to_cache",
        Domain.LOCAL,
        "Copy data from a source connector into the server's local DuckDB cache, where run_sql_query can query "
            + "it. Each stream gets its own table. Streams with a primary key are upserted on it, incremental "
            + "streams without one are appended to, the rest are replaced. The source's state is saved with the "
            + "data, so running this again only fetches what is new. Sends progress while it runs and answers "
            + "with a summary per stream." + SourceTools.CONFIG_HELP,
        SourceTools.connectorArgs("source_connector_name", "The source connector, e.g. source-faker.")
            .stringOrList("streams", "Which streams: \"suggested\" (the registry's suggestion for this "
                + "connector, else all), \"*\" for all, or a list of stream names.", null, StreamSelection.SUGGESTED)
            .build(),
        OutputSchemas.object(properties, List.of("message", "source_name", "streams")),
        new ToolHints(false, false, false, true),
        Set.of(ToolTrait.RUNS_ON_SERVER_MACHINE),
        call -> {
          SyncResult result = services.syncs().sync(
              SourceTools.request(call, "source_connector_name"),
              SourceTools.config(call),
              call.args().stringList("streams"),
              progress -> call.progress(progress.records(), null, progress.message()));
          return ToolResult.data(syncSummary(result));
        });
  }

  private Map<String, Object> syncSummary(SyncResult result) {
    List<Map<String, Object>> streams = new ArrayList<>();
    for (SyncResult.StreamSummary s : result.streams()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("stream_name", s.streamName());
      row.put("table_name", s.tableName());
      row.put("write_strategy", s.writeStrategy().name().toLowerCase(java.util.Locale.ROOT));
      row.put("records_read", s.recordsRead());
      row.put("rows_in_table", s.rowsInTable());
      streams.add(row);
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("message", "Sync completed for '" + result.sourceName() + "': " + result.records() + " records in "
        + streams.size() + " streams written to the default DuckDB cache.");
    summary.put("source_name", result.sourceName());
    summary.put("cache_db_path", cache().dbPath().toString());
    summary.put("records", result.records());
    summary.put("states_stored", result.statesStored());
    summary.put("elapsed_seconds", result.elapsed().toMillis() / 1000.0);
    summary.put("streams", streams);
    return summary;
  }

  private ToolDefinition listCachedStreams() {
    Map<String, Object> item = OutputSchemas.object(
        Map.of("stream_name", string(), "table_name", string(), "schema_name", string()),
        List.of("stream_name", "table_name", "schema_name"));
    return new ToolDefinition(
        "list_cached_streams",
        Domain.LOCAL,
        "List the streams held in the local DuckDB cache, each with the table that holds it (query it as "
            + "main.<table_name>).",
        InputSchema.builder().build(),
        OutputSchemas.listOf(item),
        ToolHints.read(false),
        Set.of(ToolTrait.RUNS_ON_SERVER_MACHINE),
        call -> {
          List<Map<String, Object>> streams = new ArrayList<>();
          for (CacheTables.CachedStream s : cache().cachedStreams()) {
            streams.add(Map.of("stream_name", s.streamName(), "table_name", s.tableName(),
                "schema_name", CacheTables.SCHEMA));
          }
          return ToolResult.data(streams);
        });
  }

  private ToolDefinition describeDefaultCache() {
    return new ToolDefinition(
        "describe_default_cache",
        Domain.LOCAL,
        "Describe the local cache: its type (DuckDB), its folder and database file, and the streams it holds.",
        InputSchema.builder().build(),
        OutputSchemas.object(Map.of("cache_type", string(), "cache_dir", string(), "cache_db_path", string(),
            "cached_streams", Map.of("type", "array", "items", string())),
            List.of("cache_type", "cache_dir", "cache_db_path", "cached_streams")),
        ToolHints.read(false),
        Set.of(ToolTrait.RUNS_ON_SERVER_MACHINE),
        call -> {
          Map<String, Object> description = new LinkedHashMap<>();
          description.put("cache_type", "DuckDBCache");
          description.put("cache_dir", cache().cacheDir().toString());
          description.put("cache_db_path", cache().dbPath().toString());
          description.put("cached_streams",
              cache().cachedStreams().stream().map(CacheTables.CachedStream::streamName).toList());
          return ToolResult.data(description);
        });
  }

  private ToolDefinition runSqlQuery() {
    return new ToolDefinition(
        "run_sql_query",
        Domain.LOCAL,
        "Run one read-only SQL statement (DuckDB dialect) on the local cache and get the rows back as objects. "
            + "Allowed: SELECT (also WITH ... and DuckDB's FROM-first form), DESCRIBE <table>, SHOW TABLES, "
            + "SUMMARIZE <table> and EXPLAIN. Writes, DDL, ATTACH, COPY, PRAGMA/SET, reading files and several "
            + "statements in one call are refused with the reason. When more rows exist than were returned, the "
            + "answer says so and gives the offset of the next page.",
        InputSchema.builder()
            .string("sql_query", "The SQL statement to run.", true)
            .integer("max_records", "Most rows to return (1 to " + DefaultCache.MAX_RECORDS_LIMIT + ").", 1000)
            .integer("offset", "Rows to skip first, for the next page.", 0)
            .build(),
        OutputSchemas.listOf(Map.of("type", "object")),
        ToolHints.read(false),
        Set.of(ToolTrait.RUNS_ON_SERVER_MACHINE),
        call -> {
          int max = call.args().integer("max_records", 1000);
          int offset = Math.max(0, call.args().integer("offset", 0));
          if (max < 1 || max > DefaultCache.MAX_RECORDS_LIMIT) {
            return ToolResult.data(cache().query(call.args().requiredString("sql_query"), max)); // refused with the reason
          }
          // One row beyond the page tells whether more exist.
          int wanted = (int) Math.min(DefaultCache.MAX_RECORDS_LIMIT, (long) offset + max + 1);
          List<Map<String, Object>> rows = cache().query(call.args().requiredString("sql_query"), wanted);
          List<Map<String, Object>> page = rows.subList(Math.min(offset, rows.size()), Math.min(rows.size(), offset + max));
          Map<String, Object> answer = new LinkedHashMap<>();
          answer.put("result", new ArrayList<>(page));
          if (rows.size() > offset + max || wanted == DefaultCache.MAX_RECORDS_LIMIT && rows.size() == wanted) {
            answer.put("more_rows", Map.of("message", "More rows exist than this page holds.",
                "next_part", "Call run_sql_query again with the same sql_query and offset=" + (offset + page.size())
                    + ", or add LIMIT/WHERE or an aggregate to the query."));
          }
          return ToolResult.data(answer);
        });
  }

  private ToolDefinition destinationSmokeTest() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("success", Map.of("type", "boolean"));
    properties.put("destination", string());
    properties.put("namespace", string());
    properties.put("records_delivered", INTEGER);
    properties.put("scenarios_requested", string());
    properties.put("elapsed_seconds", Map.of("type", "number"));
    properties.put("error", OutputSchemas.nullableString());
    properties.put("preflight_passed", Map.of("type", List.of("boolean", "null")));
    properties.put("table_statistics", OutputSchemas.nullableObject());
    properties.put("tables_not_found", OutputSchemas.nullableObject());
    properties.put("warnings", Map.of("type", List.of("array", "null"), "items", string()));
    return new ToolDefinition(
        "destination_smoke_test",
        Domain.LOCAL,
        "Check that a destination connector accepts data: send it synthetic streams that probe types, nesting, "
            + "nulls, odd names, wide and empty tables, Unicode, duplicate keys and special numbers, into a fresh "
            + "namespace zz_deleteme_<date>_<time>_<suffix>, and report success or the failure. A basic_types "
            + "preflight runs first unless skipped. For destination-duckdb the written tables are read back "
            + "(row counts and columns). The config must use secret_reference::NAME for secrets. Scenarios: "
            + "'fast' (all but large_batch_stream), 'all', or names: " + String.join(", ", SmokeScenarios.names())
            + ".",
        SourceTools.connectorArgs("destination_connector_name",
                "The destination connector, e.g. destination-duckdb or destination-snowflake.")
            .stringOrList("scenarios", "'fast', 'all', or scenario names (a list or comma-separated).", null,
                SmokeScenarios.FAST)
            .property("custom_scenarios", false, Map.of("type", "array", "items", Map.of("type", "object"),
                "description", "Extra scenarios: objects with name, json_schema, and optionally records and "
                    + "primary_key."))
            .string("namespace_suffix", "Suffix of the generated namespace (default smoke_test).", false)
            .string("reuse_namespace", "Write into this exact namespace instead of a new one.", false)
            .bool("skip_preflight", "Skip the basic_types preflight.", false)
            .build(),
        OutputSchemas.object(properties, List.of("success", "destination", "namespace", "records_delivered")),
        new ToolHints(false, true, false, true),
        Set.of(ToolTrait.RUNS_ON_SERVER_MACHINE),
        call -> {
          ToolArgs args = call.args();
          List<SmokeScenario> custom = new ArrayList<>();
          Object customArg = args.raw().get("custom_scenarios");
          if (customArg != null) {
            JsonNode list = airbytemcp.common.Json.toTree(customArg);
            if (!list.isArray()) {
              throw new ArgumentError("custom_scenarios must be a list of objects.", null);
            }
            list.forEach(c -> custom.add(SmokeScenario.custom(c)));
          }
          List<String> requested = args.stringList("scenarios");
          List<SmokeScenario> scenarios = SmokeScenarios.select(requested, custom);
          ObjectNode config = services.configResolver().resolve(SourceTools.config(call), Optional.empty());
          JsonNode hydrated = services.secrets().hydrate(config);
          SmokeTestRunner runner = new SmokeTestRunner(Clock.systemUTC());
          String namespace = args.optionalString("reuse_namespace")
              .orElseGet(() -> runner.newNamespace(args.optionalString("namespace_suffix").orElse(null)));
          String name = args.requiredString("destination_connector_name");
          Connector destination = services.connectors().resolve(SourceTools.request(call, "destination_connector_name"));
          int[] step = {0};
          SmokeTestResult result = runner.run(destination,
              new SmokeTestRunner.Request(name, hydrated, scenarios,
                  requested.isEmpty() ? SmokeScenarios.FAST : String.join(",", requested), namespace,
                  args.bool("skip_preflight", false)),
              message -> call.progress(++step[0], 2.0, message));
          return ToolResult.data(smokeTestView(result));
        });
  }

  private static Map<String, Object> smokeTestView(SmokeTestResult r) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("success", r.success());
    view.put("destination", r.destination());
    view.put("namespace", r.namespace());
    view.put("records_delivered", r.recordsDelivered());
    view.put("scenarios_requested", r.scenariosRequested());
    view.put("elapsed_seconds", r.elapsedSeconds());
    view.put("error", r.error());
    view.put("preflight_passed", r.preflightPassed());
    Map<String, Object> statistics = null;
    if (r.tableStatistics() != null) {
      statistics = new LinkedHashMap<>();
      for (Map.Entry<String, TableStatistics> e : r.tableStatistics().entrySet()) {
        statistics.put(e.getKey(), Map.of("table_name", e.getValue().tableName(), "row_count",
            e.getValue().rowCount(), "columns", e.getValue().columns()));
      }
    }
    view.put("table_statistics", statistics);
    view.put("tables_not_found", r.tablesNotFound());
    view.put("warnings", r.warnings());
    return view;
  }
}
