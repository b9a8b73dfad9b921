package airbytemcp.hardening;

import static org.junit.jupiter.api.Assertions.assertFalse;

import airbytemcp.hardening.InjectedAgentWorld.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
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
  InjectedAgentWorld world;

  @AfterEach
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void aSecretTheAgentAddsToTheConfigDoesNotLetSqlNameTheMaskedGuess() throws Exception {
    world = new InjectedAgentWorld(dir);
    Path dotenv =
        Files.writeString(
            dir.resolve("pin.env"),
            "FAKE_API_KEY=" + InjectedAgentWorld.DOTENV_KEY + "\nDOOR_PIN=" + PIN + "\n");
    world.with("AIRBYTE_MCP_ENV_FILE", dotenv.toString()).start();
    Answer synced =
        world.call(
            "sync_source_to_cache",
            Map.of(
                "source_connector_name",
                "source-fake",
                "streams",
                "users",
                "config",
                // the PIN goes where the connector only uses it, never into a record
                Map.of("api_key", "secret_reference::DOOR_PIN", "count", 120000)));
    assertFalse(synced.isError(), synced.text());
    Answer marked =
        world.call(
            "run_sql_query",
            Map.of(
                "sql_query",
                "SELECT t.x + 1 AS one_past FROM range(1, 120001) t(x)"
                    + " WHERE t.x NOT IN (SELECT id FROM users WHERE id IS NOT NULL)",
                "max_records",
                10));
    boolean learned =
        !marked.isError() && marked.text().contains(String.valueOf(Long.parseLong(PIN) + 1));
    assertFalse(
        learned,
        "SQL named the record the masker hid (the PIN + 1): the fuse spared the PIN because the"
            + " agent had put it in the config's api_key: "
            + marked.text());
  }
}
