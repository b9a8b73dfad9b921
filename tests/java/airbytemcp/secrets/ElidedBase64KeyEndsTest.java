package airbytemcp.secrets;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A Base64 key named by its first chars before an elision ("Wq7+Zk/9xR2v…") is masked whole: a
 * {@code /} inside the run belongs to it (found by red team p when a {@code /} ended the run and
 * left "Wq7+Zk" and a run too short to count).
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
