package airbytemcp.views;

import airbytemcp.cloud.AirbyteCloud;
import airbytemcp.cloud.Connections;
import airbytemcp.cloud.SyncJobs;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The sync health of a workspace's connections, from each one's newest jobs. */
public final class WorkspaceStatus {
  public static final int MAX_CONNECTIONS = 100;
  public static final int MAX_JOBS_PER_CONNECTION = 10;
  public static final int MAX_RECENT_HOURS = 720;

  /**
   * What to inspect; {@code recentHours} is the window of "synced recently" and "failures in the
   * window".
   */
  public record Query(
      String workspaceId, int maxConnections, int maxJobsPerConnection, int recentHours) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ConnectionStatus(
      String connectionId,
      String connectionName,
      String connectionUrl,
      String sourceName,
      String destinationName,
      String lastStatus,
      Long lastJobId,
      String lastSyncTime,
      Long runningJobId,
      int recentSuccesses,
      int recentFailures,
      int failuresInWindow,
      long recordsSynced,
      long bytesSynced,
      boolean syncedRecently,
      boolean problem,
      String suggestedToolCall) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Metrics(
      int totalConnections,
      int recentlySynced,
      int problemConnections,
      int runningConnections,
      Double recentSuccessRate,
      int completedJobs,
      long totalRecords,
      long totalBytes) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Board(
      String workspaceId,
      int recentHours,
      int jobsInspectedPerConnection,
      String generatedAt,
      Metrics metrics,
      List<ConnectionStatus> connections) {}

  private WorkspaceStatus() {}

  public static Board load(AirbyteCloud cloud, Query query, Clock clock) {
    check(query.maxConnections(), MAX_CONNECTIONS, "max_connections");
    check(query.maxJobsPerConnection(), MAX_JOBS_PER_CONNECTION, "max_jobs_per_connection");
    check(query.recentHours(), MAX_RECENT_HOURS, "recent_hours");
    String ws = query.workspaceId();
    Instant now = clock.instant();
    Instant windowStart = now.minus(Duration.ofHours(query.recentHours()));
    Map<String, String> names = new HashMap<>();
    List<ConnectionStatus> rows = new ArrayList<>();
    for (Connections.Summary c :
        cloud
            .connections()
            .list(
                ws,
                Optional.empty(),
                Optional.of(query.maxConnections()),
                false,
                false,
                cloud.jobs())) {
      List<SyncJobs.Run> jobs = cloud.jobs().history(ws, c.id(), query.maxJobsPerConnection());
      String source =
          names.computeIfAbsent(
              c.sourceId(), id -> cloud.sources().get(id).path("name").asText(id));
      String destination =
          names.computeIfAbsent(
              c.destinationId(), id -> cloud.destinations().get(id).path("name").asText(id));
      rows.add(status(c, source, destination, jobs, windowStart));
    }
    return new Board(
        ws, query.recentHours(), query.maxJobsPerConnection(), now.toString(), metrics(rows), rows);
  }

  private static void check(int value, int max, String name) {
    if (value < 1 || value > max) {
      throw new ViewError(
          name + " must be between 1 and " + max + ".", "Pass a value in that range.");
    }
  }

  static ConnectionStatus status(
      Connections.Summary c,
      String source,
      String destination,
      List<SyncJobs.Run> newestFirst,
      Instant windowStart) {
    SyncJobs.Run lastFinished =
        newestFirst.stream().filter(j -> !JobStatus.isActive(j.status())).findFirst().orElse(null);
    SyncJobs.Run running =
        newestFirst.stream().filter(j -> JobStatus.isActive(j.status())).findFirst().orElse(null);
    String lastStatus =
        lastFinished != null
            ? lastFinished.status()
            : running != null ? running.status() : "no syncs";
    String lastTime = lastFinished == null ? null : lastFinished.startTime();
    int successes = (int) newestFirst.stream().filter(j -> "succeeded".equals(j.status())).count();
    int failures = (int) newestFirst.stream().filter(j -> JobStatus.isFailure(j.status())).count();
    int failuresInWindow =
        (int)
            newestFirst.stream()
                .filter(j -> JobStatus.isFailure(j.status()) && startedAfter(j, windowStart))
                .count();
    boolean recent =
        newestFirst.stream()
            .anyMatch(j -> "succeeded".equals(j.status()) && startedAfter(j, windowStart));
    return new ConnectionStatus(
        c.id(),
        c.name(),
        c.url(),
        source,
        destination,
        lastStatus,
        lastFinished == null ? null : lastFinished.jobId(),
        lastTime,
        running == null ? null : running.jobId(),
        successes,
        failures,
        failuresInWindow,
        newestFirst.stream().mapToLong(SyncJobs.Run::recordsSynced).sum(),
        newestFirst.stream().mapToLong(SyncJobs.Run::bytesSynced).sum(),
        recent,
        JobStatus.isProblem(lastStatus),
        "show_connection_sync_history(connection_id=\"" + c.id() + "\")");
  }

  private static boolean startedAfter(SyncJobs.Run job, Instant windowStart) {
    try {
      return job.startTime() != null && Instant.parse(job.startTime()).isAfter(windowStart);
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  static Metrics metrics(List<ConnectionStatus> rows) {
    int successes = rows.stream().mapToInt(ConnectionStatus::recentSuccesses).sum();
    int failures = rows.stream().mapToInt(ConnectionStatus::recentFailures).sum();
    return new Metrics(
        rows.size(),
        (int) rows.stream().filter(ConnectionStatus::syncedRecently).count(),
        (int) rows.stream().filter(ConnectionStatus::problem).count(),
        (int) rows.stream().filter(r -> r.runningJobId() != null).count(),
        JobStatus.successRate(successes, failures),
        successes + failures,
        rows.stream().mapToLong(ConnectionStatus::recordsSynced).sum(),
        rows.stream().mapToLong(ConnectionStatus::bytesSynced).sum());
  }
}
