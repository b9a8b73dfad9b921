package airbytemcp.secrets;

import airbytemcp.config.DotenvFile;
import airbytemcp.config.Settings;
import airbytemcp.config.SettingsLoader;

/** What the masker must know before the first tool runs: dotenv values and Cloud credentials. */
public final class MaskerSeeds {
  private MaskerSeeds() {}

  public static Masker fromSettings(Settings settings) {
    Masker masker = new Masker();
    for (DotenvFile file : settings.dotenvFiles()) {
      file.values().forEach((name, value) -> {
        if (!SettingsLoader.NON_SECRET_VARIABLES.contains(name)) {
          masker.register(value);
        }
      });
    }
    settings.cloud().clientId().ifPresent(masker::register);
    settings.cloud().clientSecret().ifPresent(masker::register);
    settings.cloud().bearerToken().ifPresent(masker::register);
    return masker;
  }
}
