package airbytemcp.hardening;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Red team r's attack (SecretNamedInTheConfigKeepsTheFuseTest) through a URL's password, tried by
 * red team s: the fuse spares what the run's config holds unless it is easy to guess, and that is
 * judged on the config's value. A database URL is long and random-looking as a whole, but its
 * password (masked on its own too) may be a PIN. Naming the URL in the config must not spare the
 * password: the sync's records (the test connector's user ids, guesses of it) would mark it, and
 * red team q's gap query would read it. Holds: the password is a secret of its own, so the masker
 * without the config's values still hides it and the fuse blows.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class UrlPasswordNamedInTheConfigKeepsTheFuseTest {
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
  void aUrlInTheConfigDoesNotSpareItsGuessablePassword() throws Exception {
    world = new InjectedAgentWorld(dir);
    Path dotenv =
        Files.writeString(
            dir.resolve("url.env"),
            "FAKE_API_KEY="
                + InjectedAgentWorld.DOTENV_KEY
                + "\nDOOR_DB_URL=postgresql://door_app:"
                + PIN
                + "@db.door.internal:5432/door_prod\n");
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
                // the URL goes where the connector only uses it, never into a record
                Map.of("api_key", "secret_reference::DOOR_DB_URL", "count", 120000)));
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
        "SQL named the record the masker hid (the URL's password + 1): the fuse spared the"
            + " password because the agent had put the whole URL in the config: "
            + marked.text());
    assertTrue(marked.isError(), "the fuse is off: " + marked.text());
  }
}
