package airbytemcp.cloud;

import static airbytemcp.cloud.Workspaces.text;
import static airbytemcp.cloud.Workspaces.textOr;

import airbytemcp.common.Json;
import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Sync jobs: start, wait, cancel, look up, list, and read their logs. */
public final class SyncJobs {
  private static final Set<String> FINISHED = Set.of("succeeded", "failed", "cancelled");

  /** Told about every poll while a job is awaited. */
  public interface WaitListener {
    void polled(long jobId, String status, Duration elapsed, Duration timeout);
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Job(
      long jobId,
      String status,
      long bytesSynced,
      long recordsSynced,
      String startTime,
      String jobUrl) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record JobList(List<Job> jobs, int jobsCount, boolean fromTail) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Attempt(
      int attemptNumber,
      Long attemptId,
      String status,
      long bytesSynced,
      long recordsSynced,
      String createdAt,
      List<Failure> failures) {}

  /**
   * Why an attempt failed, as Airbyte classified it; the message is capped (see {@link
   * CappedText}).
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Failure(String origin, String type, String message, Boolean retryable) {}

  /** At most this many attempts (the latest) and failures per attempt are reported. */
  static final int MAX_ATTEMPTS = 10;

  static final int MAX_FAILURES = 5;

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record LogSlice(
      long jobId,
      int attemptNumber,
      String logText,
      int logTextStartLine,
      int logTextLineCount,
      int totalLogLinesAvailable) {}

  /**
   * One job as a history view shows it; {@code durationSeconds} is null while the API gives no
   * duration.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Run(
      long jobId,
      String status,
      String jobType,
      String startTime,
      String lastUpdatedAt,
      Long durationSeconds,
      long recordsSynced,
      long bytesSynced) {}

  private final AirbyteApi api;
  private final WebUrls urls;
  private final SafeModeLedger ledger;
  private final Duration pollInterval;

  SyncJobs(AirbyteApi api, WebUrls urls, SafeModeLedger ledger, Duration pollInterval) {
    this.api = api;
    this.urls = urls;
    this.ledger = ledger;
    this.pollInterval = pollInterval;
  }

  static boolean isFinished(String status) {
    return FINISHED.contains(status);
  }

  /** Starts a sync; the job id is recorded so this process may cancel it in safe mode. */
  public Job run(String workspaceId, String connectionId) {
    JsonNode job =
        api.post(
            "/jobs",
            Json.object().put("connectionId", Connections.id(connectionId)).put("jobType", "sync"));
    ledger.recordCreated(CloudObject.SYNC_JOB, String.valueOf(job.path("jobId").asLong()));
    return toJob(workspaceId, connectionId, job);
  }

  /** Polls until the job finishes; a timeout is an error that says the job goes on running. */
  public Job await(
      String workspaceId,
      String connectionId,
      long jobId,
      Duration timeout,
      WaitListener listener) {
    Instant start = Instant.now();
    while (true) {
      JsonNode job = api.get("/jobs/" + CloudIds.job(jobId), ApiQuery.of());
      String status = textOr(job, "status");
      Duration elapsed = Duration.between(start, Instant.now());
      listener.polled(jobId, status, elapsed, timeout);
      if (isFinished(status)) {
        return toJob(workspaceId, connectionId, job);
      }
      if (elapsed.plus(pollInterval).compareTo(timeout) > 0) {
        throw new CloudError(
            "Job "
                + jobId
                + " is still "
                + status
                + " after "
                + timeout.toSeconds()
                + " s of waiting.",
            "The sync goes on in Airbyte; check it later with get_cloud_sync_status (job_id="
                + jobId
                + ") or follow "
                + urls.jobHistory(workspaceId, connectionId));
      }
      try {
        Thread.sleep(pollInterval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CloudError(
            "Stopped waiting for job " + jobId + ".",
            "The sync goes on; check get_cloud_sync_status.");
      }
    }
  }

  /** Cancels a running job; in safe mode only jobs this process started. */
  public Job cancel(String workspaceId, String connectionId, long jobId) {
    ledger.requireCreatedHere(CloudObject.SYNC_JOB, String.valueOf(CloudIds.job(jobId)));
    JsonNode job = api.delete("/jobs/" + CloudIds.job(jobId));
    return toJob(
        workspaceId,
        connectionId,
        job.has("jobId") ? job : api.get("/jobs/" + CloudIds.job(jobId), ApiQuery.of()));
  }

  public Job get(String workspaceId, String connectionId, long jobId) {
    return toJob(workspaceId, connectionId, api.get("/jobs/" + CloudIds.job(jobId), ApiQuery.of()));
  }

  /** The newest jobs of a connection, newest first (sync and reset jobs, the API's default). */
  List<JsonNode> recent(String workspaceId, String connectionId, int count) {
    JsonNode page =
        api.get(
            "/jobs",
            ApiQuery.of()
                .add("workspaceIds", workspaceId)
                .add("connectionId", Connections.id(connectionId))
                .add("limit", count)
                .add("offset", 0)
                .add("orderBy", "createdAt|DESC"));
    List<JsonNode> jobs = new ArrayList<>();
    page.path("data").forEach(jobs::add);
    return jobs;
  }

  /**
   * The newest {@code count} jobs of a connection, newest first, with their volumes and durations.
   */
  public List<Run> history(String workspaceId, String connectionId, int count) {
    return recent(workspaceId, connectionId, count).stream()
        .limit(count)
        .map(SyncJobs::toRun)
        .toList();
  }

  private static Run toRun(JsonNode job) {
    return new Run(
        job.path("jobId").asLong(),
        textOr(job, "status"),
        text(job, "jobType"),
        text(job, "startTime"),
        text(job, "lastUpdatedAt"),
        seconds(text(job, "duration")),
        job.path("rowsSynced").asLong(0),
        job.path("bytesSynced").asLong(0));
  }

  /** The API gives durations in ISO 8601 ({@code PT8M42S}); anything else counts as unknown. */
  private static Long seconds(String isoDuration) {
    if (isoDuration == null) {
      return null;
    }
    try {
      return Duration.parse(isoDuration).toSeconds();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  public Optional<Long> latestJobId(String workspaceId, String connectionId) {
    return recent(workspaceId, connectionId, 1).stream()
        .findFirst()
        .map(j -> j.path("jobId").asLong());
  }

  /** The most jobs one list holds. */
  public static final int MAX_JOBS = 500;

  /** A connection's jobs, at most {@code maxJobs} (1 to {@link #MAX_JOBS}). */
  public JobList list(
      String workspaceId,
      String connectionId,
      int maxJobs,
      boolean fromTail,
      Optional<String> jobType) {
    if (maxJobs < 1 || maxJobs > MAX_JOBS) {
      throw new IllegalArgumentException("maxJobs must be 1 to " + MAX_JOBS + ": " + maxJobs);
    }
    ApiQuery query =
        ApiQuery.of()
            .add("workspaceIds", workspaceId)
            .add("connectionId", Connections.id(connectionId))
            .add("orderBy", fromTail ? "createdAt|DESC" : "createdAt|ASC")
            .add("jobType", jobType.orElse(null));
    List<Job> jobs =
        api.list("/jobs", query, Optional.of(maxJobs)).stream()
            .map(j -> toJob(workspaceId, connectionId, j))
            .toList();
    return new JobList(jobs, jobs.size(), fromTail);
  }

  /**
   * Attempts of a job from the Config API, oldest first, numbered by position from 0; only the
   * latest {@link #MAX_ATTEMPTS}, each with at most {@link #MAX_FAILURES} structured failures.
   */
  public List<Attempt> attempts(long jobId) {
    List<JsonNode> entries = new ArrayList<>();
    jobDetails(jobId).path("attempts").forEach(entries::add);
    int first = Math.max(0, entries.size() - MAX_ATTEMPTS);
    // the failures of every attempt shown, as one list: masked together below
    List<List<JsonNode>> failuresByAttempt = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    for (JsonNode entry : entries.subList(first, entries.size())) {
      List<JsonNode> failures = new ArrayList<>();
      for (JsonNode failure : entry.path("attempt").path("failureSummary").path("failures")) {
        if (failures.size() >= MAX_FAILURES) {
          break;
        }
        failures.add(failure);
        messages.add(messageOf(failure));
      }
      failuresByAttempt.add(failures);
    }
    Iterator<String> masked = maskedTogether(messages).iterator();
    List<Attempt> attempts = new ArrayList<>();
    for (int i = first; i < entries.size(); i++) {
      JsonNode attempt = entries.get(i).path("attempt");
      List<Failure> failures = new ArrayList<>();
      for (JsonNode failure : failuresByAttempt.get(i - first)) {
        String message = masked.next();
        failures.add(
            new Failure(
                text(failure, "failureOrigin"),
                text(failure, "failureType"),
                message == null ? null : CappedText.cap(message, api.masker()),
                failure.path("retryable").isBoolean()
                    ? failure.path("retryable").asBoolean()
                    : null));
      }
      attempts.add(
          new Attempt(
              i,
              attempt.has("id") ? attempt.path("id").asLong() : null,
              text(attempt, "status"),
              attempt.path("bytesSynced").asLong(0),
              attempt.path("recordsSynced").asLong(0),
              isoFromEpochSeconds(attempt.path("createdAt")),
              failures));
    }
    return attempts;
  }

  /** What a failure says: the message meant for users, else the internal one; null for neither. */
  private static String messageOf(JsonNode failure) {
    return text(failure, "externalMessage") != null
        ? text(failure, "externalMessage")
        : text(failure, "internalMessage");
  }

  /**
   * A job's failure messages masked as one text: a connector whose error a log pipeline cut in two
   * gives each failure half of a secret it echoed, which neither shows alone.
   */
  private List<String> maskedTogether(List<String> messages) {
    List<String> present = messages.stream().filter(m -> m != null).toList();
    Iterator<String> masked = api.masker().maskLines(present).iterator();
    List<String> out = new ArrayList<>(messages.size());
    for (String message : messages) {
      out.add(message == null ? null : masked.next());
    }
    return out;
  }

  /**
   * A window of an attempt's log: the last {@code maxLines} lines ({@code fromTail}), or from
   * {@code lineOffset} on; {@code maxLines} 0 means all.
   */
  public LogSlice logs(
      long jobId, Optional<Integer> attemptNumber, int maxLines, boolean fromTail, int lineOffset) {
    JsonNode attempts = jobDetails(jobId).path("attempts");
    if (attempts.isEmpty()) {
      throw new CloudError(
          "Job " + jobId + " has no attempts, so there are no logs yet.",
          "A queued job has no attempts yet; try again once it runs (get_cloud_sync_status shows its status).",
          404);
    }
    int number = attemptNumber.orElse(attempts.size() - 1);
    if (number < 0 || number >= attempts.size()) {
      throw new CloudError(
          "Job " + jobId + " has no attempt number " + number + ".",
          "Attempts are numbered from 0 to "
              + (attempts.size() - 1)
              + "; leave attempt_number out for the latest.");
    }
    List<String> lines = logLines(attempts.get(number).path("logs"));
    if (lines.isEmpty()) {
      return new LogSlice(
          jobId,
          number,
          "[No logs available for job '" + jobId + "', attempt " + number + ".]",
          1,
          0,
          0);
    }
    int total = lines.size();
    int count = maxLines <= 0 ? total : Math.min(maxLines, total);
    int start = fromTail ? Math.max(0, total - count) : Math.min(Math.max(0, lineOffset), total);
    int end = Math.min(total, start + count);
    return new LogSlice(
        jobId, number, String.join("\n", lines.subList(start, end)), start + 1, end - start, total);
  }

  /**
   * The attempt's log as lines. The lines are masked together first ({@link Masker#maskLines}): a
   * log pipeline cuts long lines into pieces wherever their length falls, and a secret cut in two
   * would pass masking line by line, or page by page, as two halves.
   */
  private List<String> logLines(JsonNode logs) {
    List<String> lines = new ArrayList<>();
    if (logs.path("events").isArray() && !logs.path("events").isEmpty()) {
      List<String> messages = new ArrayList<>();
      logs.path("events").forEach(event -> messages.add(textOr(event, "message")));
      List<String> masked = api.masker().maskLines(messages);
      int k = 0;
      for (JsonNode event : logs.path("events")) {
        String level = textOr(event, "level");
        lines.add(
            "["
                + textOr(event, "timestamp")
                + "] "
                + (level.isEmpty() ? "INFO" : level)
                + ": "
                + CappedText.cap(masked.get(k++), api.masker()));
      }
    } else {
      // Plain lines keep their trace lines (the log is asked for as a whole); only each line's
      // length is capped.
      List<String> plain = new ArrayList<>();
      logs.path("logLines").forEach(line -> plain.add(line.asText()));
      api.masker()
          .maskLines(plain)
          .forEach(line -> lines.add(CappedText.capLine(line, api.masker())));
    }
    return lines;
  }

  private JsonNode jobDetails(long jobId) {
    return api.config("/jobs/get", Json.object().put("id", jobId));
  }

  private Job toJob(String workspaceId, String connectionId, JsonNode job) {
    return new Job(
        job.path("jobId").asLong(),
        textOr(job, "status"),
        job.path("bytesSynced").asLong(0),
        job.path("rowsSynced").asLong(0),
        text(job, "startTime"),
        urls.jobHistory(workspaceId, connectionId));
  }

  private static String isoFromEpochSeconds(JsonNode value) {
    return value.isNumber()
        ? Instant.ofEpochSecond(value.asLong()).toString()
        : (value.isTextual() ? value.asText() : null);
  }
}
