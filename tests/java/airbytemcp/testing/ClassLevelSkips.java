package airbytemcp.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * Registered for every test (META-INF/services). A prerequisite missing in a {@code @BeforeAll}
 * aborts the whole class, which Surefire reports as "Tests run: 0" with no reason at all. This
 * keeps the abort and skips each of the class's tests with its reason instead, so every skip is
 * counted and names what is missing. The class's {@code @AfterAll} still runs (JUnit runs it after
 * a failed set-up), and whatever it throws because the set-up never happened is dropped. In CI a
 * missing prerequisite is a failure, not an abort, and passes through untouched.
 */
public final class ClassLevelSkips
    implements LifecycleMethodExecutionExceptionHandler, ExecutionCondition {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ClassLevelSkips.class);
  private static final String SKIP = "skip";

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable thrown)
      throws Throwable {
    if (thrown instanceof TestAbortedException) {
      if (skip(context) == null) {
        context.getStore(NAMESPACE).put(SKIP, thrown);
      }
      return;
    }
    if (skip(context) == null) {
      throw thrown; // a real set-up failure
    }
    // a later @BeforeAll of a class already skipped, failing for want of the earlier one's state
  }

  @Override
  public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable thrown)
      throws Throwable {
    if (skip(context) == null) {
      throw thrown;
    }
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    TestAbortedException skip =
        context.getTestMethod().isPresent() ? skip(context) : null; // the store sees the class's
    return skip == null
        ? ConditionEvaluationResult.enabled("no class-level prerequisite is missing")
        : ConditionEvaluationResult.disabled(skip.getMessage());
  }

  private static TestAbortedException skip(ExtensionContext context) {
    return context.getStore(NAMESPACE).get(SKIP, TestAbortedException.class);
  }
}
