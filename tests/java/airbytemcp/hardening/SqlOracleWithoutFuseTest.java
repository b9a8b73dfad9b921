package airbytemcp.hardening;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.hardening.InjectedAgentWorld.Answer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL fuse (SecretFuse) keeps run_sql_query from working as a guessing machine, also on the two
 * routes red team q found around it: a guess cast to DOUBLE, which prints its digits in another
 * form, and a sync of guesses, which leaves the cache marking where the secret was.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SqlOracleWithoutFuseTest {
  /** An all-digit secret of 10 digits: start-up does not call it guessable. */
  static final String ACCOUNT = "7391468250";

  /** Reachable by the test connector's user ids (a 6-digit PIN, say, or any value in a list). */
  static final String PIN = "104729";

  @TempDir Path dir;

  /** The world with the account number and the PIN in its dotenv, not started yet. */
  InjectedAgentWorld numbersWorld() {
    return new InjectedAgentWorld(dir).withKeyAnd("ACCOUNT_NUMBER=" + ACCOUNT, "DOOR_PIN=" + PIN);
  }

  /**
   * A DOUBLE prints as 7.39146825E9, which the fuse's check (the row values' toString and their
   * JSON) never matches, but the answer's masking writes its digits out (numberRevealsSecret) and
   * hides the one that is the secret: the agent reads the masked row and queries on.
   */
  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aGuessTypedAsDoubleBlowsTheFuseInsteadOfComingBackMasked() throws Exception {
    try (InjectedAgentWorld world = numbersWorld()) {
      world.start();
      Answer synced = world.syncFakeSource();
      assertFalse(synced.isError(), synced.text());
      Answer answer =
          world.sql("SELECT i::DOUBLE AS guess FROM range(7391468000, 7391468500) t(i)", 1000);
      Answer after = world.sql("SELECT 1 AS still_on", 10);
      assertFalse(
          !answer.isError() && answer.text().contains("****"),
          "run_sql_query answered with the secret's row masked, fuse intact: the agent learns"
              + " which of its 500 guesses is the secret: ..."
              + around(answer.text(), "****")
              + "...");
      assertTrue(
          after.isError(),
          "run_sql_query still answers after a query whose answer held a secret: " + after.text());
    }
  }

  private static String around(String text, String what) {
    int at = text.indexOf(what);
    return at < 0
        ? "(none)"
        : text.substring(Math.max(0, at - 80), Math.min(text.length(), at + 80));
  }

  /**
   * Records are masked before the cache stores them, so a sync of candidates (here the test
   * connector's user names user-1..user-120000; in the wild, a word list an agent-written manifest
   * reads from any API) marks the one that held a secret with ****. SQL then reads which record it
   * was without showing any secret: the masked record's numbers are gone too, so the id missing
   * from 1..120000, plus one, names it; the fuse never sees a secret.
   */
  @Test
  void aSyncOfGuessesDoesNotLetSqlReadWhichGuessWasMasked() throws Exception {
    try (InjectedAgentWorld world = numbersWorld()) {
      world.start();
      GuessSync.assertTheGapQueryCannotNameTheSecret(
          world,
          "secret_reference::FAKE_API_KEY",
          PIN,
          "SQL over the synced guesses named the record the masker hid (the secret's id + 1), fuse"
              + " intact: ");
    }
  }
}
