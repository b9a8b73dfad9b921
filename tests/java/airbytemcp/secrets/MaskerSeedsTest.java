package airbytemcp.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
