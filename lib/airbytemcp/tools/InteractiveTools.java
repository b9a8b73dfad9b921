package airbytemcp.tools;

import airbytemcp.cloud.AirbyteCloud;
import airbytemcp.common.Json;
import airbytemcp.config.Domain;
import airbytemcp.views.AgentContext;
import airbytemcp.views.ConnectorCatalog;
import airbytemcp.views.ModelText;
import airbytemcp.views.SyncHistory;
import airbytemcp.views.UiView;
import airbytemcp.views.WorkspaceStatus;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The interactive domain: MCP Apps tools whose results a host draws with a {@code ui://} view. They
 * are offered only to clients that declare the UI extension. They have no output schema on purpose:
 * with {@code suppress_ui=true} they answer in text alone.
 */
public final class InteractiveTools {
  private static final String CONTEXT_HELP =
      "How much the answer tells you besides drawing the view: 'min' a "
          + "one-line confirmation, 'summary' the key numbers, 'verbose' also the data itself (capped).";
  private static final String SUPPRESS_HELP =
      "Answer in text only and draw nothing, e.g. to fetch numbers for a view "
          + "the user has already seen.";

  // Defaults of the arguments; "" for a filter means no filter.
  private static final ToolParam.Text SUPPORT_LEVEL = ToolParam.text("support_level", "");
  private static final ToolParam.Flag CERTIFIED = ToolParam.flag("certified", false);
  private static final ToolParam.Text MIN_SUPPORT_LEVEL = ToolParam.text("min_support_level", "");
  private static final ToolParam.Text CONNECTOR_TYPE = ToolParam.text("connector_type", "");
  private static final ToolParam.Text SEARCH = ToolParam.text("search", "");
  private static final ToolParam.Int CATALOG_LIMIT = ToolParam.integer("limit", 0).atLeast(0);
  private static final ToolParam.Int MAX_JOBS =
      ToolParam.integer("max_jobs", 30).between(1, SyncHistory.MAX_JOBS);
  private static final ToolParam.Int MAX_CONNECTIONS =
      ToolParam.integer("max_connections", 50).between(1, WorkspaceStatus.MAX_CONNECTIONS);
  private static final ToolParam.Int MAX_JOBS_PER_CONNECTION =
      ToolParam.integer("max_jobs_per_connection", 5)
          .between(1, WorkspaceStatus.MAX_JOBS_PER_CONNECTION);
  private static final ToolParam.Int RECENT_HOURS =
      ToolParam.integer("recent_hours", 24).between(1, WorkspaceStatus.MAX_RECENT_HOURS);
  private static final ToolParam.Text AGENT_CONTEXT = ToolParam.text("agent_context", "min");
  private static final ToolParam.Flag SUPPRESS_UI = ToolParam.flag("suppress_ui", false);

  private final Services services;
  private final AirbyteCloud cloud;
  private final Clock clock;

  public InteractiveTools(Services services) {
    this(services, services.cloud(), Clock.systemUTC());
  }

  /** With a Cloud and a clock of the tests' choosing. */
  public InteractiveTools(Services services, AirbyteCloud cloud, Clock clock) {
    this.services = services;
    this.cloud = cloud;
    this.clock = clock;
  }

  public List<ToolDefinition> definitions() {
    return List.of(connectorsList(), syncHistory(), workspaceStatus());
  }

  private ToolDefinition connectorsList() {
    return define(
        "show_connectors_list",
        UiView.CONNECTORS_LIST,
        """
        Show the user an interactive catalog of Airbyte's public connectors (from the connector registry): a table \
        they can filter and sort, with type, subtype, support level, release stage, version and install types. \
        You get the counts and a preview of at most 25 connectors; narrow the filters to see others.""",
        InputSchema.builder()
            .property(
                SUPPORT_LEVEL,
                Map.of(
                    "type",
                    List.of("string", "integer"),
                    "description",
                    "Only this support level: archived, community or certified (or 100, 200, 300)."))
            .bool(CERTIFIED, "Only certified connectors (the same as support_level='certified').")
            .property(
                MIN_SUPPORT_LEVEL,
                Map.of(
                    "type",
                    List.of("string", "integer"),
                    "description",
                    "Only this support level or better (archived < community < certified)."))
            .property(
                CONNECTOR_TYPE,
                Map.of(
                    "type",
                    "string",
                    "enum",
                    List.of("", "source", "destination"),
                    "description",
                    "Only sources or only destinations; empty for both."))
            .string(
                SEARCH,
                "Case-insensitive text to find in the name, display name, definition id, "
                    + "Docker repository, subtype or documentation URL.")
            .integer(CATALOG_LIMIT, "Show at most this many connectors, by name; 0 for all."),
        ToolHints.OPEN_WORLD_READ,
        call -> {
          ToolArgs args = call.args();
          ConnectorCatalog.Listing listing =
              ConnectorCatalog.list(
                  services.registry().registry(),
                  new ConnectorCatalog.Query(
                      text(args, SUPPORT_LEVEL),
                      args.bool(CERTIFIED),
                      text(args, MIN_SUPPORT_LEVEL),
                      text(args, CONNECTOR_TYPE),
                      Optional.of(args.text(SEARCH)).filter(s -> !s.isEmpty()),
                      args.integer(CATALOG_LIMIT)));
          return ToolResult.view(
              Json.MAPPER.convertValue(listing, MAP), ModelText.connectors(listing));
        });
  }

  private ToolDefinition syncHistory() {
    return define(
        "show_connection_sync_history",
        UiView.SYNC_HISTORY,
        """
        Show the user a dashboard of an Airbyte Cloud connection's recent sync jobs: success rate, records, data \
        volume and sync time in total, charts of records, bytes and duration per job coloured by status, and the \
        job table.""",
        CloudToolSupport.withWorkspace()
            .requiredString("connection_id", "Id of the Cloud connection.")
            .integer(MAX_JOBS, "How many of the newest jobs to show.")
            .stringEnum(AGENT_CONTEXT, CONTEXT_HELP, List.of("verbose", "summary", "min"))
            .bool(SUPPRESS_UI, SUPPRESS_HELP),
        ToolHints.OPEN_WORLD_READ,
        call -> {
          ToolArgs args = call.args();
          AirbyteCloud cloud = this.cloud.forCaller(CloudToolSupport.caller(call));
          SyncHistory.Report report =
              SyncHistory.load(
                  cloud,
                  cloud.workspace(args.optionalString("workspace_id")),
                  args.requiredString("connection_id"),
                  args.integer(MAX_JOBS));
          AgentContext context = AgentContext.parse(args.text(AGENT_CONTEXT));
          boolean draw = !args.bool(SUPPRESS_UI);
          String text = ModelText.syncHistory(report, context, draw);
          return draw
              ? ToolResult.view(Json.MAPPER.convertValue(report, MAP), text)
              : ToolResult.text(text);
        });
  }

  private ToolDefinition workspaceStatus() {
    return define(
        "show_workspace_sync_status",
        UiView.WORKSPACE_STATUS,
        """
        Show the user a board of an Airbyte Cloud workspace's connections and how their syncs are going: per \
        connection the last status, failures within the recent window and running jobs; in total how many synced \
        recently, need attention or are running, and the success rate.""",
        CloudToolSupport.withWorkspace()
            .integer(MAX_CONNECTIONS, "How many connections to inspect.")
            .integer(
                MAX_JOBS_PER_CONNECTION, "How many of each connection's newest jobs to inspect.")
            .integer(
                RECENT_HOURS,
                "The recent window in hours, for 'synced recently' and 'failures in the window'.")
            .stringEnum(AGENT_CONTEXT, CONTEXT_HELP, List.of("verbose", "summary", "min"))
            .bool(SUPPRESS_UI, SUPPRESS_HELP),
        ToolHints.OPEN_WORLD_READ,
        call -> {
          ToolArgs args = call.args();
          AirbyteCloud cloud = this.cloud.forCaller(CloudToolSupport.caller(call));
          WorkspaceStatus.Board board =
              WorkspaceStatus.load(
                  cloud,
                  new WorkspaceStatus.Query(
                      cloud.workspace(args.optionalString("workspace_id")),
                      args.integer(MAX_CONNECTIONS),
                      args.integer(MAX_JOBS_PER_CONNECTION),
                      args.integer(RECENT_HOURS)),
                  clock);
          AgentContext context = AgentContext.parse(args.text(AGENT_CONTEXT));
          boolean draw = !args.bool(SUPPRESS_UI);
          String text = ModelText.workspaceStatus(board, context, draw);
          return draw
              ? ToolResult.view(Json.MAPPER.convertValue(board, MAP), text)
              : ToolResult.text(text);
        });
  }

  private static final Class<Map<String, Object>> MAP = mapClass();

  @SuppressWarnings("unchecked")
  private static Class<Map<String, Object>> mapClass() {
    return (Class<Map<String, Object>>) (Class<?>) LinkedHashMap.class;
  }

  /** A string-or-number argument as text; empty when absent or blank. */
  private static Optional<String> text(ToolArgs args, ToolParam.Text param) {
    return Optional.of(args.scalarText(param)).filter(s -> !s.isEmpty());
  }

  private static ToolDefinition define(
      String name,
      UiView view,
      String description,
      InputSchema input,
      ToolHints hints,
      ToolHandler handler) {
    return new ToolDefinition(
        name,
        Domain.INTERACTIVE,
        description,
        input.build(),
        null,
        hints,
        Set.of(ToolTrait.NEEDS_UI),
        handler,
        view.uri());
  }
}
