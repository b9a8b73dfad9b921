package airbytemcp.views;

import airbytemcp.cloud.AirbyteCloud;
import airbytemcp.cloud.SyncJobs;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** A connection's recent jobs with the totals a history view shows above them. */
public final class SyncHistory {
  public static final int MAX_JOBS = 100;

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Totals(
      int jobCount,
      int succeeded,
      int failed,
      int running,
      Double successRate,
      long totalRecords,
      long totalBytes,
      long totalDurationSeconds) {}

  /** {@code jobs} are newest first, as the API returns them. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Report(
      String workspaceId,
      String connectionId,
      String connectionName,
      String connectionUrl,
      Totals totals,
      List<SyncJobs.Run> jobs) {}

  private SyncHistory() {}

  public static Report load(
      AirbyteCloud cloud, String workspaceId, String connectionId, int maxJobs) {
    if (maxJobs < 1 || maxJobs > MAX_JOBS) {
      throw new ViewError(
          "max_jobs must be between 1 and " + MAX_JOBS + ".", "Pass a smaller max_jobs, e.g. 30.");
    }
    String name =
        cloud.connections().getInWorkspace(workspaceId, connectionId).path("name").asText("");
    List<SyncJobs.Run> jobs = cloud.jobs().history(workspaceId, connectionId, maxJobs);
    return new Report(
        workspaceId,
        connectionId,
        name,
        cloud.connections().url(workspaceId, connectionId),
        totals(jobs),
        jobs);
  }

  static Totals totals(List<SyncJobs.Run> jobs) {
    int succeeded = count(jobs, "succeeded");
    int failed = count(jobs, "failed") + count(jobs, "cancelled");
    int running = (int) jobs.stream().filter(j -> JobStatus.isActive(j.status())).count();
    return new Totals(
        jobs.size(),
        succeeded,
        failed,
        running,
        JobStatus.successRate(succeeded, failed),
        jobs.stream().mapToLong(SyncJobs.Run::recordsSynced).sum(),
        jobs.stream().mapToLong(SyncJobs.Run::bytesSynced).sum(),
        jobs.stream().mapToLong(j -> j.durationSeconds() == null ? 0 : j.durationSeconds()).sum());
  }

  private static int count(List<SyncJobs.Run> jobs, String status) {
    return (int) jobs.stream().filter(j -> status.equals(j.status())).count();
  }
}
