package airbytemcp.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Registered for every test (META-INF/services, autodetection in junit-platform.properties). A
 * prerequisite that is missing inside an {@code assertThrows} lambda surfaces as "unexpected
 * exception type"; this reports it as what it is: the skip (or, in CI, the failure) that names what
 * is missing.
 */
public final class AbortsInsideAssertions implements TestExecutionExceptionHandler {
  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable thrown)
      throws Throwable {
    if (thrown instanceof AssertionFailedError failed
        && failed.getMessage() != null
        && failed.getMessage().startsWith("Unexpected exception type thrown")) {
      Throwable cause = failed.getCause();
      if (cause instanceof TestAbortedException
          || (cause instanceof AssertionFailedError inner
              && inner.getMessage() != null
              && inner.getMessage().endsWith(Prerequisites.CI_SUFFIX))) {
        throw cause;
      }
    }
    throw thrown;
  }
}
