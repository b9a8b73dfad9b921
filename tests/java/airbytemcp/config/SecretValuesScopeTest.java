package airbytemcp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.testing.TestSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which names secret_reference:: may resolve: the user's dotenv names and listed variables, never
 * server settings.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SecretValuesScopeTest {
  @TempDir Path dir;

  private Settings settings(String dotenv, String... env) throws IOException {
    Path file = Files.writeString(dir.resolve("airbyte_mcp.env"), dotenv);
    TestSettings s = TestSettings.in(dir).env(SettingsLoader.ENV_FILE, file.toString());
    for (int i = 0; i < env.length; i += 2) {
      s.env(env[i], env[i + 1]);
    }
    return s.load();
  }

  @Test
  void dotenvNamesResolveAndTheProcessValueWinsForThem() throws IOException {
    SecretValues values =
        settings("STRIPE_KEY=from-dotenv\nPG_PASS=pg-dotenv\n", "PG_PASS", "pg-process").secrets();
    assertEquals(Optional.of("from-dotenv"), values.lookup("STRIPE_KEY"));
    assertEquals(Optional.of("pg-process"), values.lookup("PG_PASS"));
  }

  @Test
  void processVariablesResolveOnlyWhenTheUserListsThem() throws IOException {
    SecretValues unlisted = settings("A=1\n", "CI_TOKEN", "ci-token-value").secrets();
    assertEquals(Optional.empty(), unlisted.lookup("CI_TOKEN"));
    assertEquals(Optional.empty(), unlisted.lookup("PATH"));
    SecretValues listed =
        settings(
                "A=1\n",
                "CI_TOKEN",
                "ci-token-value",
                SettingsLoader.SECRET_ENV_NAMES,
                "CI_TOKEN, OTHER")
            .secrets();
    assertEquals(Optional.of("ci-token-value"), listed.lookup("CI_TOKEN"));
    assertEquals(Optional.empty(), listed.lookup("OTHER"), "listed but unset");
  }

  @Test
  void theServersOwnSettingsNeverResolveWhereverTheyAreSetOrListed() throws IOException {
    SecretValues values =
        settings(
                "AIRBYTE_CLOUD_CLIENT_SECRET=cloud-secret-in-dotenv\n"
                    + "AIRBYTE_CLOUD_BEARER_TOKEN=bearer-in-dotenv\nAIRBYTE_MCP_FUTURE_SETTING=x\n",
                "AIRBYTE_CLOUD_CLIENT_ID",
                "client-id-in-env",
                SettingsLoader.SECRET_ENV_NAMES,
                "AIRBYTE_CLOUD_CLIENT_ID,AIRBYTE_PROJECT_DIR")
            .secrets();
    for (String name :
        List.of(
            "AIRBYTE_CLOUD_CLIENT_SECRET",
            "AIRBYTE_CLOUD_BEARER_TOKEN",
            "AIRBYTE_CLOUD_CLIENT_ID",
            "AIRBYTE_PROJECT_DIR",
            "AIRBYTE_MCP_ENV_FILE",
            "AIRBYTE_MCP_FUTURE_SETTING",
            "AIRBYTE_CACHE_ROOT")) {
      assertTrue(SettingsLoader.isServerSetting(name), name + " is a server setting");
      assertEquals(Optional.empty(), values.lookup(name), name + " must never resolve");
    }
    assertFalse(
        SettingsLoader.isServerSetting("AIRBYTE_API_KEY_FOR_SOURCE_AIRBYTE"),
        "a connector's own name");
  }
}
