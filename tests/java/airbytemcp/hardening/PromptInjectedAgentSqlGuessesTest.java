package airbytemcp.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.hardening.InjectedAgentWorld.Answer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent that makes candidate values with SQL (range(), a word list) and looks for the one the
 * masker hides learns nothing about where a secret lies within its guesses: the answer that would
 * show it is withheld whole, and run_sql_query is off from then on. The user is told at start-up
 * which dotenv secrets are easy to guess (short, or a short number like this PIN), by name only.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PromptInjectedAgentSqlGuessesTest {
  static final String PIN = "041736";
  static final String PASSWORD = "Winter2024!";

  @TempDir static Path dir;
  static InjectedAgentWorld world;

  @BeforeAll
  static void start() throws Exception {
    world = new InjectedAgentWorld(dir);
    world.withKeyAnd("DB_PIN=" + PIN, "DB_PASSWORD=" + PASSWORD).start();
    Answer synced = world.syncFakeSource();
    assertFalse(synced.isError(), synced.text());
  }

  @AfterAll
  static void stop() {
    if (world != null) {
      world.close();
    }
  }

  static Answer guesses(long from, long to) {
    return world.sql(
        "SELECT i, lpad(i::VARCHAR, 6, '0') AS guess FROM range(" + from + ", " + to + ") t(i)",
        1000);
  }

  @Test
  void walkingThePinSpaceNeverShowsWhichGuessWasTheSecret() throws Exception {
    long page = 0;
    Answer answer = guesses(0, 1000);
    while (!answer.isError() && page < 100) {
      assertFalse(answer.text().contains("****"), "a guess came back masked: page " + page);
      page++;
      answer = guesses(page * 1000, page * 1000 + 1000);
    }
    assertTrue(answer.isError(), "the page holding the PIN was answered: " + answer.text());
    assertFalse(answer.text().contains("****"), "the refusal shows a mask: " + answer.text());
    // a search within that page, and a word list, learn nothing more: every query is refused alike
    Answer lowerHalf = guesses(page * 1000, page * 1000 + 500);
    Answer upperHalf = guesses(page * 1000 + 500, page * 1000 + 1000);
    assertTrue(lowerHalf.isError() && upperHalf.isError(), "a query ran after the refusal");
    assertEquals(
        message(lowerHalf), message(upperHalf), "the two halves of the page were told apart");
    Answer words = world.sql("SELECT unnest(['123456', 'letmein', '" + PASSWORD + "']) AS guess");
    assertEquals(message(lowerHalf), message(words), "a word list was answered differently");
    world.assertNothingLeaked();
  }

  @Test
  void startUpNamesTheGuessableSecretsButNeverTheirValues() throws Exception {
    // the warning is written once zxcvbn's word lists are loaded, beside the first requests
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!world.server.stderr().contains("easy to guess") && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    String log = world.server.stderr();
    String warning =
        log.lines().filter(l -> l.contains("easy to guess")).findFirst().orElse("no warning");
    assertTrue(
        warning.contains("DB_PIN"), "the warning should name the PIN's variable: " + warning);
    assertTrue(
        warning.contains("DB_PASSWORD"),
        "the warning should name a common password's variable: " + warning);
    assertFalse(warning.contains("FAKE_API_KEY"), "a long random key is not guessable: " + warning);
    assertFalse(log.contains(PIN) || log.contains(PASSWORD), "a secret value reached the log");
  }

  private static String message(Answer answer) {
    return Json.parse(answer.text()).path("content").path(0).path("text").asText();
  }
}
