package airbytemcp.secrets;

import airbytemcp.config.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Dotenv secrets an agent could guess. Masking hides a secret, but any tool that shows text the
 * agent chose (an echoed argument, an error quoting it, records of a source it picked) tells which
 * of its guesses was the secret: a few thousand guesses per call. A long random value makes that
 * useless; a PIN or a short password does not.
 */
public final class GuessableSecrets {
  /**
   * Digits alone are guessable below this length: ten billion values are a few million calls of a
   * few thousand guesses each.
   */
  static final int MIN_DIGITS = 12;

  /** Any value is guessable below this length. */
  static final int MIN_LENGTH = 8;

  private GuessableSecrets() {}

  /** The names (never the values) of the dotenv variables whose secret is easy to guess. */
  public static List<String> names(Settings settings) {
    List<String> names = new ArrayList<>();
    MaskerSeeds.forEachDotenvSecret(
        settings,
        (name, value) -> {
          if (isGuessable(value) && !names.contains(name)) {
            names.add(name);
          }
        });
    return names;
  }

  static boolean isGuessable(String value) {
    String v = value == null ? "" : value.strip();
    if (v.isEmpty() || Masker.NOT_SECRETS.contains(v.toLowerCase(Locale.ROOT))) {
      return false;
    }
    boolean digits = v.chars().allMatch(c -> c >= '0' && c <= '9');
    return (digits && v.length() < MIN_DIGITS) || v.length() < MIN_LENGTH;
  }
}
