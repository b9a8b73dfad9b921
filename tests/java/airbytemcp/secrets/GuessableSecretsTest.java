package airbytemcp.secrets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Which dotenv values start-up calls easy to guess: short ones, numbers below 12 digits, and, in a
 * variable named for a password or a key, one zxcvbn expects to find within a billion guesses.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class GuessableSecretsTest {
  @Test
  void shortValuesAndShortNumbersAreGuessable() {
    for (String value : List.of("041736", "123456789", "73914682501", "abc", "Pa55w0r", " 4242 ")) {
      assertTrue(GuessableSecrets.isGuessable(value), "should be called guessable: " + value);
    }
  }

  @Test
  void longValuesLongNumbersAndSettingWordsAreNot() {
    for (String value :
        List.of("123456789012", "sk-Rt83Kq29Vb", "Pa55w0rd", "true", "no", "", " ")) {
      assertFalse(GuessableSecrets.isGuessable(value), "should not be called guessable: " + value);
    }
  }

  @Test
  void commonPasswordsInAPasswordOrKeyVariableAreGuessable() {
    GuessableSecrets.Estimate estimate = new GuessableSecrets.Estimate();
    for (String[] named :
        new String[][] {
          {"DB_PASSWORD", "Winter2024!"},
          {"PGPASSWORD", "Pa55w0rd"},
          {"GITHUB_TOKEN", "hunter2hunter2"},
          {"STRIPE_API_KEY", "monkey123456"},
          {"ADMIN_PIN", "123456789012"}
        }) {
      assertTrue(
          GuessableSecrets.isGuessable(named[0], named[1], estimate),
          "a common password should be called guessable: " + named[0]);
    }
  }

  @Test
  void randomValuesInAPasswordOrKeyVariableAreNot() {
    GuessableSecrets.Estimate estimate = new GuessableSecrets.Estimate();
    for (String[] named :
        new String[][] {
          {"DB_PASSWORD", "q8Xv!2pLm#9zT"},
          {"STRIPE_API_KEY", "sk-Rt83Kq29Vb"},
          {"PASSPHRASE", "correcthorsebatterystaple"}
        }) {
      assertFalse(
          GuessableSecrets.isGuessable(named[0], named[1], estimate),
          "a random value was called guessable: " + named[0]);
    }
  }

  @Test
  void wordsInVariablesNotNamedForASecretAreNotCalledGuessable() {
    GuessableSecrets.Estimate estimate = new GuessableSecrets.Estimate();
    for (String[] named : new String[][] {{"PG_HOST", "localhost"}, {"PG_DATABASE", "analytics"}}) {
      assertFalse(
          GuessableSecrets.isGuessable(named[0], named[1], estimate),
          "a plain setting was called a guessable secret: " + named[0]);
    }
  }

  @Test
  void namesOfPasswordsKeysAndTokensAreSecretNames() {
    for (String name :
        List.of("DB_PASSWORD", "PGPASSWORD", "STRIPE_API_KEY", "github-token", "MY_PIN", "AUTH")) {
      assertTrue(GuessableSecrets.namesASecret(name), "should name a secret: " + name);
    }
    for (String name : List.of("PG_HOST", "SHIPPING_URL", "KEYBOARD_LAYOUT", "PINECONE_INDEX")) {
      assertFalse(GuessableSecrets.namesASecret(name), "should not name a secret: " + name);
    }
  }
}
