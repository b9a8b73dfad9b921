package airbytemcp.secrets;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ElidedKeyEnds} reads a key's head before an elision as a run of letters, digits, {@code -
 * _ +}: a {@code /} ends it. Base64 keys (storage and signing keys, AWS's secret keys) hold {@code
 * /}, so an API naming such a key by its first twelve chars ("Wq7+Zk/9xR2v…") keeps them all in the
 * message: the run before the elision is "9xR2v", five chars, under the six that count, and
 * "Wq7+Zk" before the {@code /} is not looked at. The previous masker hid them as a secret's head.
 * Found by red team p.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ElidedBase64KeyEndsTest {
  private static final String KEY = "Wq7+Zk/9xR2vT+bN4mLp8sYd3QhJ0cFe+U5gAo1V";

  @Test
  void theHeadOfABase64KeyWithASlashBeforeAnEllipsisIsMaskedInMessages() {
    Masker masker = new Masker();
    masker.register(KEY);

    String shown = masker.maskMessage("Invalid key Wq7+Zk/9xR2v… refused");

    assertFalse(
        shown.contains("Wq7+Zk") || shown.contains("9xR2v"),
        "the first twelve chars of a refused Base64 key stayed in the message: " + shown);
  }
}
