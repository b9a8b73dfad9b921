package airbytemcp.secrets;

import airbytemcp.config.Settings;
import com.nulabinc.zxcvbn.Zxcvbn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Dotenv secrets an agent could guess. Masking hides a secret, but any tool that shows text the
 * agent chose (an echoed argument, an error quoting it, records of a source it picked) tells which
 * of its guesses was the secret: a few thousand guesses per call. A long random value makes that
 * useless; a PIN, a short password or a common one does not.
 */
public final class GuessableSecrets {
  /**
   * Digits alone are guessable below this length: ten billion values are a few million calls of a
   * few thousand guesses each.
   */
  static final int MIN_DIGITS = 12;

  /** Any value is guessable below this length. */
  static final int MIN_LENGTH = 8;

  /**
   * A password-like value zxcvbn expects to fall within this many guesses (10^9: a few hundred
   * thousand calls) is guessable: a leaked password, a word with a year, a keyboard walk.
   */
  static final double MAX_GUESSES_LOG10 = 9;

  /**
   * Parts of a variable's name that say it holds a password or a key. The dictionary estimate is
   * only asked for those: host names, user names and database names are words too, and are no
   * secret worth a warning.
   */
  private static final Set<String> SECRET_NAME_PARTS =
      Set.of(
          "PASSWORD",
          "PASSWD",
          "PASS",
          "PWD",
          "PASSPHRASE",
          "PIN",
          "SECRET",
          "TOKEN",
          "KEY",
          "APIKEY",
          "AUTH",
          "CREDENTIAL",
          "CREDENTIALS",
          "CRED",
          "CREDS");

  private static final Pattern NAME_SEPARATORS = Pattern.compile("[^A-Z0-9]+");

  private GuessableSecrets() {}

  /**
   * The names (never the values) of the dotenv variables whose secret is easy to guess. The first
   * call loads zxcvbn's word lists (a few hundred milliseconds): keep it off the path of a client's
   * first request.
   */
  public static List<String> names(Settings settings) {
    List<String> names = new ArrayList<>();
    Estimate estimate = new Estimate();
    MaskerSeeds.forEachDotenvSecret(
        settings,
        (name, value) -> {
          if (!names.contains(name) && isGuessable(name, value, estimate)) {
            names.add(name);
          }
        });
    return names;
  }

  /** Whether a value is short or only a short number, whatever it is named. */
  static boolean isGuessable(String value) {
    String v = value == null ? "" : value.strip();
    if (v.isEmpty() || Masker.NOT_SECRETS.contains(v.toLowerCase(Locale.ROOT))) {
      return false;
    }
    boolean digits = v.chars().allMatch(c -> c >= '0' && c <= '9');
    return (digits && v.length() < MIN_DIGITS) || v.length() < MIN_LENGTH;
  }

  /**
   * Whether a value is short, a short number, or, in a variable named for a password or a key,
   * within {@link #MAX_GUESSES_LOG10} of zxcvbn's estimate.
   */
  static boolean isGuessable(String name, String value, Estimate estimate) {
    if (isGuessable(value)) {
      return true;
    }
    String v = value == null ? "" : value.strip();
    return !v.isEmpty()
        && namesASecret(name)
        && Masker.NOT_SECRETS.stream().noneMatch(v::equalsIgnoreCase)
        && estimate.guessesLog10(v) < MAX_GUESSES_LOG10;
  }

  static boolean namesASecret(String name) {
    String upper = name == null ? "" : name.toUpperCase(Locale.ROOT);
    for (String part : NAME_SEPARATORS.split(upper)) {
      if (SECRET_NAME_PARTS.contains(part)
          || part.endsWith("PASSWORD")
          || part.endsWith("APIKEY")
          || part.endsWith("SECRET")
          || part.endsWith("TOKEN")) {
        return true;
      }
    }
    return false;
  }

  /** zxcvbn's estimator, built on first use: its word lists cost nothing until a value asks. */
  static final class Estimate {
    private Zxcvbn zxcvbn;

    double guessesLog10(String value) {
      if (zxcvbn == null) {
        zxcvbn = new Zxcvbn();
      }
      return zxcvbn.measure(value).getGuessesLog10();
    }
  }
}
