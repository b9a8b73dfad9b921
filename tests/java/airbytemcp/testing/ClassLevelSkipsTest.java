package airbytemcp.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * A prerequisite missing in a class's set-up skips each of its tests with the reason (Surefire
 * would otherwise report the class as zero tests, saying nothing), and the clean-up that fails for
 * want of that set-up does not turn the skip into an error.
 */
class ClassLevelSkipsTest {
  /** Run only through the test kit below (a nested class is not picked up by the build). */
  static class SetUpMissesSomething {
    static StringBuilder resource;

    @BeforeAll
    static void setUp() {
      Assumptions.abort("the thing this class needs is missing; skipping (it runs in CI).");
      resource = new StringBuilder();
    }

    @AfterAll
    static void cleanUp() {
      resource.setLength(0); // null: the set-up never ran
    }

    @Test
    void one() {}

    @Test
    void two() {}
  }

  /** Run only through the test kit below. */
  static class SetUpBreaks {
    @BeforeAll
    static void setUp() {
      throw new IllegalStateException("a real failure");
    }

    @Test
    void one() {}
  }

  private static Events run(Class<?> type) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
        .selectors(selectClass(type))
        .execute()
        .allEvents();
  }

  @Test
  void eachTestOfAClassWhoseSetUpAbortedIsSkippedWithTheReason() {
    Events events = run(SetUpMissesSomething.class);
    List<String> reasons =
        events.skipped().stream().map(e -> e.getPayload(String.class).orElse("")).toList();
    assertEquals(2, reasons.size(), "both tests are reported, as skipped: " + events.list());
    assertTrue(
        reasons.stream().allMatch(r -> r.contains("the thing this class needs is missing")),
        "each skip names what is missing: " + reasons);
    assertEquals(0, events.failed().count(), "the clean-up's failure is dropped: " + events.list());
  }

  @Test
  void aSetUpThatFailsForAnotherReasonStillFailsTheClass() {
    Events events = run(SetUpBreaks.class);
    assertEquals(1, events.failed().count(), "the failure is reported: " + events.list());
    assertEquals(0, events.skipped().count());
  }
}
