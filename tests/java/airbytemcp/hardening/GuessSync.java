package airbytemcp.hardening;

import static org.junit.jupiter.api.Assertions.assertFalse;

import airbytemcp.hardening.InjectedAgentWorld.Answer;
import java.util.Map;

/**
 * Red team q's sync of guesses, shared by the tests that prove SQL cannot read which guess the
 * masker hid: the test connector's users 1..120000 (standing for any counter or word list a source
 * serves) go into the cache, and the one that equals a secret is masked, numbers and all. The gap
 * query then asks for the id missing from 1..120000, plus one, which names the secret without ever
 * showing it.
 */
final class GuessSync {
  private static final int GUESSES = 120000;

  private static final String GAP_QUERY =
      "SELECT t.x + 1 AS one_past FROM range(1, 120001) t(x)"
          + " WHERE t.x NOT IN (SELECT id FROM users WHERE id IS NOT NULL)";

  private GuessSync() {}

  /**
   * Syncs the guesses into the started world, the connector's api_key set to this value or
   * reference, and runs the gap query: the sync must succeed, and the answer must not hold the id
   * after this all-digit secret, else the test fails with the message and the answer.
   */
  static void assertTheGapQueryCannotNameTheSecret(
      InjectedAgentWorld world, String apiKey, String secret, String message) {
    Answer synced = world.sync("source-fake", "users", Map.of("api_key", apiKey, "count", GUESSES));
    assertFalse(synced.isError(), synced.text());
    Answer marked = world.sql(GAP_QUERY, 10);
    boolean learned =
        !marked.isError() && marked.text().contains(String.valueOf(Long.parseLong(secret) + 1));
    assertFalse(learned, message + marked.text());
  }
}
