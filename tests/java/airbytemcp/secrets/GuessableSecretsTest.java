package airbytemcp.secrets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Which dotenv values start-up calls easy to guess: short ones, and numbers below 12 digits. */
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
}
