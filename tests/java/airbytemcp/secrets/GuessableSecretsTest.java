package airbytemcp.secrets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Which dotenv values start-up calls easy to guess: short ones, and numbers below ten digits. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class GuessableSecretsTest {
  @Test
  void shortValuesAndShortNumbersAreGuessable() {
    for (String value : List.of("041736", "123456789", "abc", "Pa55w0r", " 4242 ")) {
      assertTrue(GuessableSecrets.isGuessable(value), "should be called guessable: " + value);
    }
  }

  @Test
  void longValuesLongNumbersAndSettingWordsAreNot() {
    for (String value : List.of("1234567890", "sk-Rt83Kq29Vb", "Pa55w0rd", "true", "no", "", " ")) {
      assertFalse(GuessableSecrets.isGuessable(value), "should not be called guessable: " + value);
    }
  }
}
