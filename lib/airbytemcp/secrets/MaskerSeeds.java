package airbytemcp.secrets;

import airbytemcp.common.Json;
import airbytemcp.config.DotenvFile;
import airbytemcp.config.Settings;
import airbytemcp.config.SettingsLoader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the masker must know before the first tool runs: dotenv values, every value a reference may
 * resolve to, and Cloud credentials.
 */
public final class MaskerSeeds {
  // scheme://user:password@ (the password may hold no '@' or '/' unescaped)
  private static final Pattern URL_PASSWORD =
      Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^/@\\s:]*:([^/@\\s]+)@");

  private MaskerSeeds() {}

  public static Masker fromSettings(Settings settings) {
    Masker masker = new Masker();
    BiConsumer<String, String> register =
        (name, value) -> {
          masker.registerUserValue(value);
          registerConfigLeaves(masker, value);
          registerUrlPassword(masker, value);
        };
    forEachDotenvSecret(settings, register);
    // what references resolve to beyond the files' values: the environment's value of a declared
    // name, and the names listed in AIRBYTE_MCP_SECRET_ENV_NAMES, which are in no file
    settings
        .secrets()
        .resolvableValues()
        .forEach(
            (name, value) -> {
              if (!masker.isUserValue(value)) {
                register.accept(name, value);
              }
            });
    settings.cloud().clientId().ifPresent(masker::register);
    settings.cloud().clientSecret().ifPresent(masker::register);
    settings.cloud().bearerToken().ifPresent(masker::register);
    return masker;
  }

  /**
   * Every dotenv variable the masker hides, name and value, file by file: all but this server's own
   * settings that are no secret (paths, switches).
   */
  static void forEachDotenvSecret(Settings settings, BiConsumer<String, String> secret) {
    for (DotenvFile file : settings.dotenvFiles()) {
      file.values()
          .forEach(
              (name, value) -> {
                if (!SettingsLoader.NON_SECRET_VARIABLES.contains(name)) {
                  secret.accept(name, value);
                }
              });
    }
  }

  /**
   * The password of a URL-shaped secret ({@code postgresql://app:PASSWORD@db/app}, often built with
   * {@code ${DB_PASSWORD}} from a variable no file holds) is masked on its own too: a connector or
   * driver that parsed it out may print it alone ("password ... rejected").
   */
  private static void registerUrlPassword(Masker masker, String value) {
    Matcher url = URL_PASSWORD.matcher(value == null ? "" : value.strip());
    if (url.lookingAt()) {
      masker.registerUserValue(url.group(1));
      try {
        masker.registerUserValue(URLDecoder.decode(url.group(1), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        // a '%' that escapes nothing: the password is as written
      }
    }
  }

  /**
   * A secret holding a whole config (for config_secret_name) is masked leaf by leaf from the start,
   * as it is once resolved: otherwise its api key could be echoed back before any tool has used the
   * secret.
   */
  private static void registerConfigLeaves(Masker masker, String value) {
    if (value == null || !value.strip().startsWith("{")) {
      return;
    }
    try {
      masker.registerUserLeaves(Json.parseJsonOrYaml(value));
    } catch (IllegalArgumentException e) {
      // not a config object after all: the whole value is registered already
    }
  }
}
