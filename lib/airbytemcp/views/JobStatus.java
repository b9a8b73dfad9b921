package airbytemcp.views;

import java.util.Set;

/** How the views group the API's job statuses. */
final class JobStatus {
  private static final Set<String> ACTIVE = Set.of("pending", "running", "incomplete");
  private static final Set<String> FAILING = Set.of("failed", "cancelled");
  private static final Set<String> PROBLEM = Set.of("failed", "cancelled", "error", "unknown");

  private JobStatus() {}

  /** Queued or still going: a job the board counts as running. */
  static boolean isActive(String status) {
    return ACTIVE.contains(status);
  }

  static boolean isFailure(String status) {
    return FAILING.contains(status);
  }

  /** A last status that needs someone's attention. */
  static boolean isProblem(String status) {
    return PROBLEM.contains(status);
  }

  /** Successes among finished jobs, in percent with one decimal; null when nothing finished. */
  static Double successRate(int successes, int failures) {
    return successes + failures == 0
        ? null
        : Math.round(1000.0 * successes / (successes + failures)) / 10.0;
  }
}
