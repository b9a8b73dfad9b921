package airbytemcp.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests that need something outside the project (../shared data, Docker, JBang, Node) skip with a
 * visible reason on a machine that lacks it, but fail in CI, where everything must run.
 */
public final class Prerequisites {
  /** How the CI failure of a missing prerequisite ends, so it can be told from other failures. */
  static final String CI_SUFFIX = " is missing, and CI=true: this test must run in CI.";

  private Prerequisites() {}

  public static boolean inCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  public static void require(boolean available, String what) {
    if (available) {
      return;
    }
    if (inCi()) {
      fail(what + CI_SUFFIX);
    }
    assumeTrue(false, what + " is missing; skipping (it runs in CI).");
  }
}
