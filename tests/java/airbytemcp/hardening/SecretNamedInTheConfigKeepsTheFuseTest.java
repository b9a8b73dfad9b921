package airbytemcp.hardening;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sync whose records are guesses (the test connector's user ids 1..120000, standing for any
 * counter or list a registry source serves) must not let SQL name the guess the masker hid, also
 * when the agent put the targeted secret into the run's config itself. The fuse spares a value the
 * run's config was given (a connector shows its own account id), but never one that is easy to
 * guess: red team r named the PIN in a field the connector never echoes (its api_key) and read it
 * with red team q's gap query (SqlOracleWithoutFuseTest), 120,000 guesses in one sync.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SecretNamedInTheConfigKeepsTheFuseTest {
  /** Reachable by the test connector's user ids (a 6-digit PIN). */
  static final String PIN = "104729";

  @TempDir Path dir;

  @Test
  void aSecretTheAgentAddsToTheConfigDoesNotLetSqlNameTheMaskedGuess() throws Exception {
    try (InjectedAgentWorld world = new InjectedAgentWorld(dir)) {
      world.withKeyAnd("DOOR_PIN=" + PIN).start();
      // the PIN goes where the connector only uses it, never into a record
      GuessSync.assertTheGapQueryCannotNameTheSecret(
          world,
          "secret_reference::DOOR_PIN",
          PIN,
          "SQL named the record the masker hid (the PIN + 1): the fuse spared the PIN because the"
              + " agent had put it in the config's api_key: ");
    }
  }
}
