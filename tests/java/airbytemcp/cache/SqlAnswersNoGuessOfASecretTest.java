package airbytemcp.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.secrets.Masker;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQL cannot be used to test guesses of a secret. The cache holds no secret, so an answer that
 * would show one was made by the query: it is withheld whole with one fixed message (a masked row
 * would say which guess matched), and queries stop until the server restarts (so no search over
 * guesses narrows it down).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SqlAnswersNoGuessOfASecretTest {
  static final String PIN = "041736";
  static final String PASSWORD = "Winter2024!";

  @TempDir Path root;
  private int processes;

  /**
   * The cache of a new server process (in a folder of its own: DuckDB keeps a file's instance while
   * any connection is open); its masker knows both secrets.
   */
  private DefaultCache restart() {
    Masker masker = new Masker();
    masker.register(PIN);
    masker.register(PASSWORD);
    CacheDatabase database = CacheDatabase.defaultCache(root.resolve("process-" + ++processes));
    database.connect(); // creates the file; closed with the cache
    return new DefaultCache(database, SyncOptions.defaults(), masker);
  }

  @Test
  void aResultThatWouldShowASecretIsWithheldWithOneMessageWhateverMatched() {
    Map<String, String> guesses = new LinkedHashMap<>();
    guesses.put(
        "a page of PINs", "SELECT i, lpad(i::VARCHAR, 6, '0') AS g FROM range(41000, 42000) t(i)");
    guesses.put(
        "a word list", "SELECT unnest(['123456', 'password', 'Winter2024!', 'letmein']) AS g");
    guesses.put("both secrets", "SELECT '041736' AS a, 'Winter2024!' AS b");
    guesses.put(
        "inside a longer string",
        "SELECT string_agg(lpad(i::VARCHAR, 6, '0'), ',') AS g FROM range(41000, 42000) t(i)");
    guesses.put("a column name", "SELECT 1 AS \"041736\"");
    guesses.put("another letter case", "SELECT 'WINTER2024!' AS g");
    guesses.put(
        "a failure quoting it", "SELECT error('try ' || lpad(41736::VARCHAR, 6, '0')) AS g");
    guesses.put("a cast failure", "SELECT 'Winter2024!'::INTEGER AS g");
    Map<String, String> answers = new LinkedHashMap<>();
    for (Map.Entry<String, String> guess : guesses.entrySet()) {
      try (DefaultCache cache = restart()) {
        CacheError error =
            assertThrows(
                CacheError.class,
                () -> cache.query(guess.getValue(), 1000),
                "a query with " + guess.getKey() + " was answered");
        answers.put(guess.getKey(), error.getMessage() + " | " + error.hint());
      }
    }
    assertEquals(
        1,
        answers.values().stream().distinct().count(),
        "the withheld answer must not depend on what matched: " + answers);
    String answer = answers.values().iterator().next();
    assertFalse(
        answer.contains(PIN) || answer.contains(PASSWORD) || answer.contains("****"), answer);
    assertTrue(answer.contains("restart"), "the hint should say how to query again: " + answer);
  }

  @Test
  void afterOneWithheldAnswerNoQueryRunsUntilTheServerRestarts() {
    try (DefaultCache cache = restart()) {
      assertEquals(
          1000,
          cache
              .query("SELECT lpad(i::VARCHAR, 6, '0') AS g FROM range(0, 1000) t(i)", 1000)
              .size());
      assertThrows(
          CacheError.class,
          () ->
              cache.query(
                  "SELECT lpad(i::VARCHAR, 6, '0') AS g FROM range(41000, 42000) t(i)", 1000));
      // a search within the page that matched gets the same answer for either half
      String lower =
          assertThrows(
                  CacheError.class,
                  () ->
                      cache.query(
                          "SELECT lpad(i::VARCHAR, 6, '0') AS g FROM range(41000, 41500) t(i)",
                          1000))
              .getMessage();
      String upper =
          assertThrows(
                  CacheError.class,
                  () ->
                      cache.query(
                          "SELECT lpad(i::VARCHAR, 6, '0') AS g FROM range(41500, 42000) t(i)",
                          1000))
              .getMessage();
      assertEquals(lower, upper, "each half of the page must get the same refusal");
      CacheError plain = assertThrows(CacheError.class, () -> cache.query("SELECT 1 AS n", 10));
      assertTrue(plain.getMessage().contains("until the server restarts"), plain.getMessage());
    }
    try (DefaultCache restarted = restart()) {
      assertEquals(
          1, restarted.query("SELECT 1 AS n", 10).size(), "a restarted server queries again");
    }
  }
}
