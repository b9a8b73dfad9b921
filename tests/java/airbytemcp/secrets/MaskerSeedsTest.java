package airbytemcp.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.config.SettingsLoader;
import airbytemcp.testing.TestSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaskerSeedsTest {
  @TempDir Path dir;

  @Test
  void masksEachValueOfAConfigHeldInADotenvSecretBeforeAnyToolUsesIt() throws Exception {
    Path dotenv = dir.resolve("secrets.env");
    Files.writeString(
        dotenv, "SOURCE_X_CONFIG={\"api_key\": \"inner-key-Lm40Qw\", \"region\": \"eu-west-1\"}\n");
    Masker masker =
        MaskerSeeds.fromSettings(
            TestSettings.in(dir).env(SettingsLoader.ENV_FILE, dotenv.toString()).load());
    assertEquals("key ****, region ****", masker.mask("key inner-key-Lm40Qw, region eu-west-1"));
  }

  // Failed before the fix (red team g, finding 2): only file values were known at start-up, so
  // every "secret written out" check missed these until a reference named them.
  @Test
  void knowsASecretListedFromTheEnvironmentBeforeAnyReferenceNamesIt() {
    Masker masker =
        MaskerSeeds.fromSettings(
            TestSettings.in(dir)
                .env(SettingsLoader.SECRET_ENV_NAMES, "PROC_TOKEN")
                .env("PROC_TOKEN", "proc-token-Zx81Kq")
                .load());
    assertEquals("token ****", masker.mask("token proc-token-Zx81Kq"));
    assertTrue(masker.isUserValue("proc-token-Zx81Kq"), "the user's own value");
  }

  @Test
  void knowsTheEnvironmentsValueOfADeclaredNameBeforeAnyReferenceNamesIt() throws Exception {
    Path dotenv = Files.writeString(dir.resolve("secrets.env"), "API_KEY=file-value-Pp19Ws\n");
    Masker masker =
        MaskerSeeds.fromSettings(
            TestSettings.in(dir)
                .env(SettingsLoader.ENV_FILE, dotenv.toString())
                .env("API_KEY", "env-value-Qq77Rt")
                .load());
    assertEquals("key ****", masker.mask("key env-value-Qq77Rt"));
  }

  /**
   * Red team m2: a database URL built from a variable only the environment holds was masked whole,
   * while a driver that parsed the password out printed it alone.
   */
  @Test
  void masksThePasswordOfAUrlShapedSecretOnItsOwn() throws Exception {
    Path dotenv =
        Files.writeString(
            dir.resolve("secrets.env"), "PG_DSN=postgresql://app:${DB_PASSWORD}@db.internal/app\n");
    Masker masker =
        MaskerSeeds.fromSettings(
            TestSettings.in(dir)
                .env(SettingsLoader.ENV_FILE, dotenv.toString())
                .env("DB_PASSWORD", "pg-Env%2FOnly-Hq73")
                .load());
    assertEquals(
        "password '****' rejected, and '****'",
        masker.mask("password 'pg-Env%2FOnly-Hq73' rejected, and 'pg-Env/Only-Hq73'"),
        "the password is masked as written and %-decoded");
  }
}
