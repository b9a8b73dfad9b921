package airbytemcp.views;

import airbytemcp.common.Json;
import airbytemcp.common.Plural;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the model reads from a view tool. The user sees the whole data drawn; the model gets a
 * capped preview or a few numbers, so a big catalog or workspace does not fill its context.
 */
public final class ModelText {
  /** At most this many connectors or connections reach the model. */
  public static final int PREVIEW_LIMIT = 25;

  /** At most this many jobs reach the model in verbose mode. */
  public static final int JOB_PREVIEW_LIMIT = 10;

  private ModelText() {}

  public static String connectors(ConnectorCatalog.Listing listing) {
    List<ConnectorCatalog.Row> rows = listing.connectors();
    List<ConnectorCatalog.Row> preview = rows.subList(0, Math.min(PREVIEW_LIMIT, rows.size()));
    Map<String, Object> text = new LinkedHashMap<>();
    text.put("connector_count", listing.connectorCount());
    text.put("source_count", listing.sourceCount());
    text.put("destination_count", listing.destinationCount());
    text.put("filters", listing.filters());
    text.put(
        "connectors",
        preview.stream()
            .map(
                r ->
                    Map.of(
                        "name",
                        r.name(),
                        "connector_type",
                        r.connectorType(),
                        "support_level",
                        String.valueOf(r.supportLevel()),
                        "latest_version",
                        String.valueOf(r.latestVersion())))
            .toList());
    text.put("model_preview_count", preview.size());
    text.put("model_preview_limit", PREVIEW_LIMIT);
    text.put("model_preview_truncated", preview.size() < rows.size());
    text.put("model_preview_omitted_count", rows.size() - preview.size());
    text.put("full_count_rendered_to_user", rows.size());
    text.put(
        "render_note",
        "The user sees all "
            + Plural.of(rows.size(), "connector")
            + " in an interactive table; this preview "
            + "lists at most "
            + PREVIEW_LIMIT
            + ". Narrow the filters (search, connector_type, support level) for others.");
    return Json.write(text);
  }

  public static String syncHistory(SyncHistory.Report report, AgentContext context, boolean drawn) {
    SyncHistory.Totals t = report.totals();
    String name =
        report.connectionName().isEmpty()
            ? report.connectionId()
            : "'" + report.connectionName() + "' (" + report.connectionId() + ")";
    StringBuilder text =
        new StringBuilder(
                drawn
                    ? "Sync history dashboard shown to the user for connection "
                    : "Sync history of connection ")
            .append(name)
            .append(".\n");
    text.append("Summary: ")
        .append(Plural.of(t.jobCount(), "job"))
        .append(", ")
        .append(rate(t.successRate()))
        .append(" success rate.\n");
    if (context == AgentContext.MIN) {
      return text.append(
              drawn
                  ? "For the numbers, call show_connection_sync_history again with suppress_ui=true "
                      + "and agent_context='summary' or 'verbose'."
                  : "")
          .toString()
          .strip();
    }
    text.append("Succeeded: ")
        .append(t.succeeded())
        .append(", failed or cancelled: ")
        .append(t.failed())
        .append(", running: ")
        .append(t.running())
        .append(".\n");
    text.append("Records: ")
        .append(t.totalRecords())
        .append(", bytes: ")
        .append(t.totalBytes())
        .append(", sync time: ")
        .append(t.totalDurationSeconds())
        .append(" s.\n");
    if (!report.jobs().isEmpty()) {
      var latest = report.jobs().get(0);
      text.append("Newest job: ")
          .append(latest.jobId())
          .append(" (")
          .append(latest.status())
          .append(", started ")
          .append(latest.startTime())
          .append(").\n");
    }
    if (context == AgentContext.VERBOSE) {
      var jobs = report.jobs().subList(0, Math.min(JOB_PREVIEW_LIMIT, report.jobs().size()));
      text.append("Newest ")
          .append(Plural.of(jobs.size(), "job"))
          .append(": ")
          .append(Json.write(jobs))
          .append('\n');
    }
    return text.toString().strip();
  }

  public static String workspaceStatus(
      WorkspaceStatus.Board board, AgentContext context, boolean drawn) {
    WorkspaceStatus.Metrics m = board.metrics();
    StringBuilder text =
        new StringBuilder(
                drawn
                    ? "Sync status dashboard shown to the user for workspace "
                    : "Sync status of workspace ")
            .append(board.workspaceId())
            .append(".\n");
    text.append("Summary: ")
        .append(Plural.of(m.totalConnections(), "connection"))
        .append(", ")
        .append(m.problemConnections())
        .append(" need attention, ")
        .append(m.runningConnections())
        .append(" running, ")
        .append(rate(m.recentSuccessRate()))
        .append(" success rate over the inspected jobs.\n");
    if (context == AgentContext.MIN) {
      return text.append(
              drawn
                  ? "For the numbers, call show_workspace_sync_status again with suppress_ui=true and "
                      + "agent_context='summary' or 'verbose'."
                  : "")
          .toString()
          .strip();
    }
    text.append("Synced in the last ")
        .append(board.recentHours())
        .append(" h: ")
        .append(m.recentlySynced())
        .append(". Completed jobs: ")
        .append(m.completedJobs())
        .append(", records: ")
        .append(m.totalRecords())
        .append(", bytes: ")
        .append(m.totalBytes())
        .append(".\n");
    List<WorkspaceStatus.ConnectionStatus> problems =
        board.connections().stream().filter(WorkspaceStatus.ConnectionStatus::problem).toList();
    problems.stream()
        .limit(PREVIEW_LIMIT)
        .forEach(
            p ->
                text.append("Needs attention: '")
                    .append(p.connectionName())
                    .append("' (")
                    .append(p.connectionId())
                    .append("), last status ")
                    .append(p.lastStatus())
                    .append("; see ")
                    .append(p.suggestedToolCall())
                    .append(".\n"));
    if (context == AgentContext.VERBOSE) {
      var preview =
          board.connections().subList(0, Math.min(PREVIEW_LIMIT, board.connections().size()));
      text.append("Connections (")
          .append(preview.size())
          .append(" of ")
          .append(board.connections().size())
          .append("): ")
          .append(Json.write(preview))
          .append('\n');
    }
    return text.toString().strip();
  }

  private static String rate(Double percent) {
    return percent == null ? "no finished jobs, so no" : percent + "%";
  }
}
