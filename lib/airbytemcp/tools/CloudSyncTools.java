package airbytemcp.tools;

import static airbytemcp.tools.CloudToolSupport.asList;
import static airbytemcp.tools.CloudToolSupport.asMap;
import static airbytemcp.tools.CloudToolSupport.define;
import static airbytemcp.tools.CloudToolSupport.requiredLong;
import static airbytemcp.tools.CloudToolSupport.withWorkspace;
import static airbytemcp.tools.OutputSchemas.arrayOf;
import static airbytemcp.tools.OutputSchemas.nullableInteger;
import static airbytemcp.tools.OutputSchemas.nullableString;
import static airbytemcp.tools.OutputSchemas.object;
import static airbytemcp.tools.OutputSchemas.string;
import static airbytemcp.tools.OutputSchemas.type;

import airbytemcp.cloud.CloudError;
import airbytemcp.cloud.CloudIds;
import airbytemcp.cloud.CloudObject;
import airbytemcp.cloud.SyncJobs;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Tools that start, watch, cancel and inspect sync jobs of Cloud connections. */
final class CloudSyncTools {
  private static final ToolParam.Flag FROM_TAIL = ToolParam.flag("from_tail", true);
  private static final ToolParam.Flag INCLUDE_ATTEMPTS = ToolParam.flag("include_attempts", false);
  private static final ToolParam.Int MAX_JOBS =
      ToolParam.integer("max_jobs", 20).between(1, SyncJobs.MAX_JOBS);
  private static final ToolParam.Int MAX_LINES = ToolParam.integer("max_lines", 4000).atLeast(0);
  private static final ToolParam.Flag WAIT = ToolParam.flag("wait", false);
  private static final ToolParam.Int WAIT_TIMEOUT =
      ToolParam.integer("wait_timeout", 300).atLeast(1);

  private final CloudToolSupport support;

  CloudSyncTools(CloudToolSupport support) {
    this.support = support;
  }

  List<ToolDefinition> definitions() {
    return List.of(runSync(), syncStatus(), listJobs(), syncLogs(), cancelSync());
  }

  private SyncJobs jobs(ToolCall call) {
    return support.cloud(call).jobs();
  }

  private ToolDefinition runSync() {
    return define(
        "run_cloud_sync",
        "Start a sync of an existing connection; returns the job id at once, or with wait=true follows it "
            + "(with progress) until it ends or wait_timeout passes. Allowed in read-only mode.",
        withWorkspace()
            .requiredString("connection_id", "Id of the connection to sync.")
            .bool(WAIT, "Wait for the job to finish.")
            .integer(WAIT_TIMEOUT, "How long to wait, in seconds (with wait=true)."),
        null,
        ToolHints.writes().openWorld().build(),
        Set.of(),
        call -> {
          ToolArgs args = call.args();
          String workspace = support.workspace(call);
          String connectionId = args.requiredString("connection_id");
          // read before the job starts: a refused argument must not leave a sync running
          Duration timeout = Duration.ofSeconds(args.integer(WAIT_TIMEOUT));
          SyncJobs.Job job = jobs(call).run(workspace, connectionId);
          if (!args.bool(WAIT)) {
            return ToolResult.text(
                "Sync started. Job id is '" + job.jobId() + "'; job history: " + job.jobUrl());
          }
          call.progress(0, (double) timeout.toSeconds(), "Job " + job.jobId() + " started");
          SyncJobs.Job done =
              jobs(call)
                  .await(
                      workspace,
                      connectionId,
                      job.jobId(),
                      timeout,
                      (jobId, status, elapsed, limit) ->
                          call.progress(
                              elapsed.toMillis() / 1000.0,
                              (double) limit.toSeconds(),
                              "Job "
                                  + jobId
                                  + " is "
                                  + status
                                  + " after "
                                  + elapsed.toSeconds()
                                  + " s"));
          if (!"succeeded".equals(done.status())) {
            throw new CloudError(
                "Sync job " + done.jobId() + " ended with status '" + done.status() + "'.",
                "Read why with get_cloud_sync_logs (connection_id="
                    + connectionId
                    + ", job_id="
                    + done.jobId()
                    + "); job history: "
                    + done.jobUrl());
          }
          return ToolResult.text(
              "Sync completed with status: "
                  + done.status()
                  + ". Job id is '"
                  + done.jobId()
                  + "'; records: "
                  + done.recordsSynced()
                  + ", bytes: "
                  + done.bytesSynced()
                  + "; job history: "
                  + done.jobUrl());
        });
  }

  private ToolDefinition syncStatus() {
    Map<String, Object> attempt =
        object(
            "attempt_number",
            type("integer"),
            "attempt_id",
            nullableInteger(),
            "status",
            nullableString(),
            "bytes_synced",
            type("integer"),
            "records_synced",
            type("integer"),
            "created_at",
            nullableString(),
            "failures",
            arrayOf(
                object(
                    "origin",
                    nullableString(),
                    "type",
                    nullableString(),
                    "message",
                    nullableString(),
                    "retryable",
                    type("boolean", "null"))));
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("status", nullableString());
    properties.put("job_id", nullableInteger());
    properties.put("bytes_synced", type("integer"));
    properties.put("records_synced", type("integer"));
    properties.put("start_time", nullableString());
    properties.put("job_url", string());
    properties.put("attempts", arrayOf(attempt));
    return define(
        "get_cloud_sync_status",
        "Status of a connection's sync job (the latest one unless job_id is given): status, records and bytes "
            + "moved, start time and a link. include_attempts adds the latest 10 attempts with their structured "
            + "failures (origin, type, capped message, retryable).",
        withWorkspace()
            .requiredString("connection_id", CloudToolSupport.CONNECTION_HELP)
            .integer("job_id", "A specific job; the latest when left out.")
            .bool(INCLUDE_ATTEMPTS, "Also list the job's attempts."),
        OutputSchemas.object(properties, List.of("status", "job_id", "attempts")),
        ToolHints.OPEN_WORLD_READ,
        Set.of(),
        call -> {
          ToolArgs args = call.args();
          String workspace = support.workspace(call);
          String connectionId = args.requiredString("connection_id");
          Optional<Long> jobId =
              args.optionalInteger("job_id")
                  .map(Integer::longValue)
                  .or(() -> jobs(call).latestJobId(workspace, connectionId));
          Map<String, Object> result = new LinkedHashMap<>();
          if (jobId.isEmpty()) {
            result.put("status", null);
            result.put("job_id", null);
            result.put("attempts", List.of());
            return ToolResult.data(result);
          }
          result.putAll(asMap(jobs(call).get(workspace, connectionId, jobId.get())));
          result.put(
              "attempts",
              args.bool(INCLUDE_ATTEMPTS) ? asList(jobs(call).attempts(jobId.get())) : List.of());
          return ToolResult.data(result);
        });
  }

  private ToolDefinition listJobs() {
    Map<String, Object> job =
        object(
            "job_id",
            type("integer"),
            "status",
            string(),
            "bytes_synced",
            type("integer"),
            "records_synced",
            type("integer"),
            "start_time",
            nullableString(),
            "job_url",
            string());
    return define(
        "list_cloud_sync_jobs",
        "List a connection's jobs, newest first unless from_tail=false, up to max_jobs. Without "
            + "job_type Airbyte lists sync and reset jobs.",
        withWorkspace()
            .requiredString("connection_id", CloudToolSupport.CONNECTION_HELP)
            .integer(MAX_JOBS, "How many jobs at most.")
            .bool(FROM_TAIL, "Newest first (true) or oldest first (false).")
            .stringEnum(
                "job_type",
                "Only jobs of this type.",
                List.of("sync", "reset", "refresh", "clear")),
        object("jobs", arrayOf(job), "jobs_count", type("integer"), "from_tail", type("boolean")),
        ToolHints.OPEN_WORLD_READ,
        Set.of(),
        call -> {
          ToolArgs args = call.args();
          String workspace = support.workspace(call);
          return ToolResult.data(
              asMap(
                  jobs(call)
                      .list(
                          workspace,
                          args.requiredString("connection_id"),
                          args.integer(MAX_JOBS),
                          args.bool(FROM_TAIL),
                          args.optionalString("job_type"))));
        });
  }

  private ToolDefinition syncLogs() {
    return define(
        "get_cloud_sync_logs",
        "Read the log of a sync job attempt (latest unless given): the last max_lines lines, or from line_offset "
            + "on; the answer says which lines it holds of how many.",
        withWorkspace()
            .requiredString("connection_id", CloudToolSupport.CONNECTION_HELP)
            .integer("job_id", "A specific job; the latest when left out.")
            .integer("attempt_number", "Attempt number, from 0; the latest when left out.")
            .integer(MAX_LINES, "Most lines to return; 0 for all.")
            .bool(FROM_TAIL, "Take the last lines (the default unless line_offset is given).")
            .nonNegative(
                "line_offset", "Lines to skip from the start; not together with from_tail=true."),
        object(
            "job_id",
            type("integer"),
            "attempt_number",
            type("integer"),
            "log_text",
            string(),
            "log_text_start_line",
            type("integer"),
            "log_text_line_count",
            type("integer"),
            "total_log_lines_available",
            type("integer")),
        ToolHints.OPEN_WORLD_READ,
        Set.of(),
        call -> {
          ToolArgs args = call.args();
          Optional<Integer> offset = args.optionalNonNegative("line_offset");
          Optional<Boolean> fromTail = args.explicit(FROM_TAIL);
          if (offset.isPresent() && fromTail.orElse(false)) {
            throw new ArgumentError(
                "line_offset and from_tail=true contradict each other.",
                "Use line_offset to read from a line on, or from_tail=true for the last lines.");
          }
          String workspace = support.workspace(call);
          String connectionId = args.requiredString("connection_id");
          long jobId =
              args.optionalInteger("job_id")
                  .map(Integer::longValue)
                  .or(() -> jobs(call).latestJobId(workspace, connectionId))
                  .orElseThrow(
                      () ->
                          new CloudError(
                              "Connection '" + connectionId + "' has no sync jobs yet.",
                              "Start one with run_cloud_sync."));
          return ToolResult.data(
              asMap(
                  jobs(call)
                      .logs(
                          jobId,
                          args.optionalInteger("attempt_number"),
                          args.integer(MAX_LINES),
                          offset.isEmpty(),
                          offset.orElse(0))));
        });
  }

  private ToolDefinition cancelSync() {
    return define(
        "cancel_cloud_sync",
        "Cancel a running sync job. In safe mode only jobs started by this server (run_cloud_sync) can be "
            + "cancelled. Like run_cloud_sync it stays available in read-only mode.",
        withWorkspace()
            .requiredString(
                "connection_id", "Id of the job's connection (for the link in the answer).")
            .requiredProperty(
                "job_id", Map.of("type", "integer", "description", "Id of the job to cancel.")),
        null,
        ToolHints.writes().destructive().idempotent().openWorld().build(),
        Set.of(),
        call -> {
          ToolArgs args = call.args();
          long jobId = requiredLong(args, "job_id");
          support
              .cloud(call)
              .ledger()
              .requireCreatedHere(CloudObject.SYNC_JOB, String.valueOf(CloudIds.job(jobId)));
          String workspace = support.workspace(call);
          SyncJobs.Job job =
              jobs(call).cancel(workspace, args.requiredString("connection_id"), jobId);
          return ToolResult.text(
              "Job " + job.jobId() + " is now " + job.status() + ". Job history: " + job.jobUrl());
        });
  }
}
