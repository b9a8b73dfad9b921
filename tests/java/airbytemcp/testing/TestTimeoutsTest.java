package airbytemcp.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The suite's timeout settings (junit-platform.properties) end a hung test, naming it, even one
 * deaf to interrupts.
 */
class TestTimeoutsTest {
  private static ServerSocket neverAnswered;

  /** Run only through the test kit below (a nested class is not picked up by the build). */
  static class HangsInABlockingAccept {
    @Test
    void waitsForAClientThatNeverComes() throws IOException {
      neverAnswered.accept(); // blocking socket I/O ignores Thread.interrupt()
    }
  }

  private static Map<String, String> suiteSettings() throws IOException {
    Properties properties = new Properties();
    try (InputStream in =
        TestTimeoutsTest.class.getResourceAsStream("/junit-platform.properties")) {
      properties.load(in);
    }
    return properties.stringPropertyNames().stream()
        .collect(Collectors.toMap(k -> k, properties::getProperty));
  }

  @Test
  void everyTestHasADefaultTimeout() throws IOException {
    Map<String, String> settings = suiteSettings();
    assertEquals(
        "5 m",
        settings.get("junit.jupiter.execution.timeout.default"),
        "the default limit of a test");
    assertEquals("enabled", settings.get("junit.jupiter.execution.timeout.mode"));
  }

  @Test
  void aTestThatHangsFailsWithItsNameOnceItsTimeIsUp() throws IOException {
    Map<String, String> settings = suiteSettings();
    settings.put(
        "junit.jupiter.execution.timeout.default",
        "1 s"); // the suite's settings, with a shorter limit
    neverAnswered = new ServerSocket(0);
    long started = System.nanoTime();
    try {
      Events tests =
          EngineTestKit.engine("junit-jupiter")
              .configurationParameters(settings)
              .selectors(selectClass(HangsInABlockingAccept.class))
              .execute()
              .testEvents();
      assertEquals(1, tests.failed().count(), "the hung test failed");
      Throwable failure =
          tests
              .failed()
              .list()
              .get(0)
              .getPayload(TestExecutionResult.class)
              .orElseThrow()
              .getThrowable()
              .orElseThrow();
      assertTrue(failure instanceof TimeoutException, "failed by the timeout: " + failure);
      assertTrue(
          failure.getMessage().contains("waitsForAClientThatNeverComes"),
          "names the test: " + failure);
      assertTrue(
          System.nanoTime() - started < 30_000_000_000L,
          "ended at its limit, not when the accept returned");
    } finally {
      neverAnswered.close(); // frees the abandoned thread
    }
  }
}
