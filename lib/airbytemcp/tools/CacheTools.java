package airbytemcp.tools;

import static airbytemcp.tools.OutputSchemas.string;

import airbytemcp.cache.CacheDatabase;
import airbytemcp.cache.CacheTables;
import airbytemcp.cache.DefaultCache;
import airbytemcp.cache.LastSyncs;
import airbytemcp.cache.SyncResult;
import airbytemcp.common.Json;
import airbytemcp.common.Plural;
import airbytemcp.common.Redactor;
import airbytemcp.config.Domain;
import airbytemcp.destinations.SmokeScenarios;
import airbytemcp.destinations.SmokeTestResult;
import airbytemcp.destinations.SmokeTestService;
import airbytemcp.destinations.TableStatistics;
import airbytemcp.sync.StreamSelection;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Tools over the local DuckDB cache (sync a source into it, see what it holds, query it with
 * read-only SQL) and the destination smoke test.
 */
public final class CacheTools {
  private static final Map<String, Object> INTEGER = Map.of("type", "integer");

  private static final ToolParam.Int SQL_MAX_RECORDS = ToolParam.integer("max_records", 1000);
  private static final ToolParam.Int SQL_OFFSET = ToolParam.integer("offset", 0);
  private static final ToolParam.Flag SKIP_PREFLIGHT = ToolParam.flag("skip_preflight", false);

  private final Services services;

  public CacheTools(Services services) {
    this.services = services;
  }

  public List<ToolDefinition> definitions() {
    return List.of(
        syncSourceToCache(),
        listCachedStreams(),
        describeDefaultCache(),
        runSqlQuery(),
        destinationSmokeTest());
  }

  private DefaultCache cache() {
    return services.cache();
  }

  private ToolDefinition syncSourceToCache() {
    Map<String, Object> stream =
        OutputSchemas.object(
            Map.of(
                "stream_name",
                string(),
                "table_name",
                string(),
                "write_strategy",
                string(),
                "records_read",
                INTEGER,
                "rows_in_table",
                INTEGER),
            List.of("stream_name", "table_name"));
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
        "Copy a source's streams into the local DuckDB cache (a table per stream) for run_sql_query: the way "
            + "to count, filter or page through whole streams. Incremental: running it again fetches only what "
            + "is new.",
        SourceTools.connectorArgs("source_connector_name", "e.g. source-faker")
            .stringOrList(
                "streams",
                "\"suggested\" (registry's suggestion, else all), \"*\" or names.",
                null,
                StreamSelection.SUGGESTED)
            .build(),
        OutputSchemas.object(properties, List.of("message", "source_name", "streams")),
        ToolHints.writes().openWorld().build(),
        Set.of(ToolTrait.RUNS_ON_SERVER_MACHINE, ToolTrait.OPENS_CACHE),
        call -> {
          SyncResult result =
              services
                  .syncs()
                  .sync(
                      SourceTools.request(call, "source_connector_name", services),
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
      row.put("write_strategy", s.writeStrategy().name().toLowerCase(Locale.ROOT));
      row.put("records_read", s.recordsRead());
      row.put("rows_in_table", s.rowsInTable());
      streams.add(row);
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put(
        "message",
        "Sync completed for '"
            + result.sourceName()
            + "': "
            + Plural.of(result.records(), "record")
            + " in "
            + Plural.of(streams.size(), "stream")
            + " written to the default DuckDB cache.");
    summary.put("source_name", result.sourceName());
    summary.put("cache_db_path", cache().dbPath().toString());
    summary.put("records", result.records());
    summary.put("states_stored", result.statesStored());
    summary.put("elapsed_seconds", result.elapsed().toMillis() / 1000.0);
    summary.put("streams", streams);
    return summary;
  }

  private ToolDefinition listCachedStreams() {
    Map<String, Object> lastSync =
        OutputSchemas.object(
            Map.of(
                "status", string(), "records", INTEGER, "ended_at", OutputSchemas.nullableString()),
            List.of("status", "records", "ended_at"));
    Map<String, Object> item =
        OutputSchemas.object(
            Map.of(
                "stream_name",
                string(),
                "table_name",
                string(),
                "schema_name",
                string(),
                "last_sync",
                lastSync),
            List.of("stream_name", "table_name", "schema_name"));
    return new ToolDefinition(
        "list_cached_streams",
        Domain.LOCAL,
        "List the streams in the DuckDB cache, each with its table (query it as main.<table_name>) "
            + "and how its last sync ended.",
        InputSchema.builder().build(),
        OutputSchemas.listOf(item),
        ToolHints.LOCAL_READ,
        Set.of(ToolTrait.RUNS_ON_SERVER_MACHINE, ToolTrait.OPENS_CACHE),
        call -> {
          List<Map<String, Object>> streams = new ArrayList<>();
          Map<String, LastSyncs.LastSync> lastSyncs = cache().lastSyncs();
          for (CacheTables.CachedStream s : cache().cachedStreams()) {
            Map<String, Object> stream = new LinkedHashMap<>();
            stream.put("stream_name", s.streamName());
            stream.put("table_name", s.tableName());
            stream.put("schema_name", CacheTables.SCHEMA);
            LastSyncs.LastSync last = lastSyncs.get(s.streamName());
            if (last != null) {
              Map<String, Object> described = new LinkedHashMap<>();
              described.put("status", last.status());
              described.put("records", last.recordsRead());
              described.put("ended_at", last.endedAt());
              stream.put("last_sync", described);
            }
            streams.add(stream);
          }
          return ToolResult.data(streams);
        });
  }

  private ToolDefinition describeDefaultCache() {
    return new ToolDefinition(
        "describe_default_cache",
        Domain.LOCAL,
        "Describe the local cache: its type (DuckDB), its folder and database file, the streams it holds, and "
            + "its limits (DuckDB memory, spill folder, time and size of one query's answer).",
        InputSchema.builder().build(),
        OutputSchemas.object(
            Map.of(
                "cache_type",
                string(),
                "cache_dir",
                string(),
                "cache_db_path",
                string(),
                "cached_streams",
                Map.of("type", "array", "items", string()),
                "memory_limit",
                string(),
                "spill_dir",
                string(),
                "max_spill_size",
                string(),
                "query_timeout_seconds",
                Map.of("type", "integer"),
                "max_result_bytes",
                Map.of("type", "integer")),
            List.of("cache_type", "cache_dir", "cache_db_path", "cached_streams")),
        ToolHints.LOCAL_READ,
        Set.of(ToolTrait.RUNS_ON_SERVER_MACHINE, ToolTrait.OPENS_CACHE),
        call -> {
          Map<String, Object> description = new LinkedHashMap<>();
          description.put("cache_type", "DuckDBCache");
          description.put("cache_dir", cache().cacheDir().toString());
          description.put("cache_db_path", cache().dbPath().toString());
          description.put(
              "cached_streams",
              cache().cachedStreams().stream().map(CacheTables.CachedStream::streamName).toList());
          description.put("memory_limit", CacheDatabase.MEMORY_LIMIT);
          description.put("spill_dir", cache().spillDir().toString());
          description.put("max_spill_size", CacheDatabase.MAX_SPILL_SIZE);
          description.put("query_timeout_seconds", cache().queryLimits().timeout().toSeconds());
          description.put("max_result_bytes", cache().queryLimits().maxResultBytes());
          return ToolResult.data(description);
        });
  }

  private ToolDefinition runSqlQuery() {
    return new ToolDefinition(
        "run_sql_query",
        Domain.LOCAL,
        "Run one read-only SQL statement (DuckDB) on the local cache: SELECT/WITH/FROM, DESCRIBE, SHOW TABLES, "
            + "SUMMARIZE or EXPLAIN; anything else is refused.",
        InputSchema.builder()
            .requiredString("sql_query", "The SQL statement to run.")
            .integer(
                SQL_MAX_RECORDS,
                "Most rows to return (1 to " + DefaultCache.MAX_RECORDS_LIMIT + ").")
            .integer(SQL_OFFSET, "Rows to skip first, for the next page.")
            .build(),
        RecordPage.schema(Map.of("type", "object")),
        ToolHints.LOCAL_READ,
        Set.of(ToolTrait.RUNS_ON_SERVER_MACHINE, ToolTrait.OPENS_CACHE),
        call -> {
          int max = call.args().integer(SQL_MAX_RECORDS);
          int offset = call.args().nonNegative(SQL_OFFSET);
          if (max < 1 || max > DefaultCache.MAX_RECORDS_LIMIT) {
            return ToolResult.data(
                cache()
                    .query(
                        call.args().requiredString("sql_query"), max)); // refused with the reason
          }
          // One row beyond the page tells whether more exist.
          int wanted = (int) Math.min(DefaultCache.MAX_RECORDS_LIMIT, (long) offset + max + 1);
          List<Map<String, Object>> rows =
              cache().query(call.args().requiredString("sql_query"), wanted);
          List<Map<String, Object>> page =
              rows.subList(Math.min(offset, rows.size()), Math.min(rows.size(), offset + max));
          boolean more =
              rows.size() > offset + max
                  || wanted == DefaultCache.MAX_RECORDS_LIMIT && rows.size() == wanted;
          return ToolResult.data(RecordPage.of("run_sql_query", page, offset, more, rows.size()));
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
        "Check that a destination accepts data: write synthetic streams (types, nesting, nulls, odd names, "
            + "Unicode) into a fresh zz_deleteme_* namespace and report the outcome.",
        SourceTools.connectorArgs("destination_connector_name", "e.g. destination-duckdb")
            .stringOrList(
                "scenarios", "'fast', 'all', or scenario names.", null, SmokeScenarios.FAST)
            .property(
                "custom_scenarios",
                Map.of(
                    "type",
                    "array",
                    "items",
                    Map.of("type", "object"),
                    "description",
                    "Extra scenarios: {name, json_schema, records?, primary_key?}."))
            .string("namespace_suffix", "Suffix of the generated namespace (default smoke_test).")
            .string("reuse_namespace", "Write into this exact namespace instead of a new one.")
            .bool(SKIP_PREFLIGHT, "Skip the basic_types preflight.")
            .build(),
        OutputSchemas.object(
            properties, List.of("success", "destination", "namespace", "records_delivered")),
        ToolHints.writes().destructive().openWorld().build(),
        Set.of(ToolTrait.RUNS_ON_SERVER_MACHINE),
        call -> {
          ToolArgs args = call.args();
          List<JsonNode> custom = new ArrayList<>();
          Object customArg = args.raw().get("custom_scenarios");
          if (customArg != null) {
            JsonNode list = Json.toTree(customArg);
            if (!list.isArray()) {
              throw new ArgumentError("custom_scenarios must be a list of objects.", null);
            }
            list.forEach(custom::add);
          }
          int[] step = {0};
          SmokeTestResult result =
              services
                  .smokeTests()
                  .run(
                      new SmokeTestService.Order(
                          SourceTools.request(call, "destination_connector_name", services),
                          SourceTools.config(call),
                          args.stringList("scenarios"),
                          custom,
                          args.optionalString("namespace_suffix"),
                          args.optionalString("reuse_namespace"),
                          args.bool(SKIP_PREFLIGHT)),
                      message -> call.progress(++step[0], 2.0, message));
          return ToolResult.data(smokeTestView(result, services.masker()));
        });
  }

  /**
   * The result as PyAirbyte shapes it. The error and warnings are the destination's and the
   * database's own words, messages like any other: a key's ends they show around an elision are
   * hidden as in an error.
   */
  private static Map<String, Object> smokeTestView(SmokeTestResult r, Redactor masker) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("success", r.success());
    view.put("destination", r.destination());
    view.put("namespace", r.namespace());
    view.put("records_delivered", r.recordsDelivered());
    view.put("scenarios_requested", r.scenariosRequested());
    view.put("elapsed_seconds", r.elapsedSeconds());
    view.put("error", masker.maskMessage(r.error()));
    view.put("preflight_passed", r.preflightPassed());
    Map<String, Object> statistics = null;
    if (r.tableStatistics() != null) {
      statistics = new LinkedHashMap<>();
      for (Map.Entry<String, TableStatistics> e : r.tableStatistics().entrySet()) {
        statistics.put(
            e.getKey(),
            Map.of(
                "table_name",
                e.getValue().tableName(),
                "row_count",
                e.getValue().rowCount(),
                "columns",
                e.getValue().columns()));
      }
    }
    view.put("table_statistics", statistics);
    view.put("tables_not_found", r.tablesNotFound());
    view.put(
        "warnings",
        r.warnings() == null ? null : r.warnings().stream().map(masker::maskMessage).toList());
    return view;
  }
}
