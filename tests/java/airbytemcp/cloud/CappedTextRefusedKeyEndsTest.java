package airbytemcp.cloud;

import static org.junit.jupiter.api.Assertions.assertFalse;

import airbytemcp.secrets.Masker;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Airbyte Cloud's answers to a connection check and a job's failure and log lines are connector
 * messages that the tools cap with {@link CappedText}: a key's ends an API names in them are
 * masked, as in every other message (found by red team p when the cap masked them as data).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CappedTextRefusedKeyEndsTest {
  private static final String KEY = "sk_live_51Hx9Qa2Lm7Zp4Rt8Vw3Yk6N";

  @Test
  void aConnectorMessageNamingTheUsersKeyByItsEndsIsCappedWithTheEndsMasked() {
    Masker masker = new Masker();
    masker.register(KEY);
    String message = "Incorrect API key provided: sk_live_51Hx****************Yk6N";

    String capped = CappedText.cap(message, masker);

    assertFalse(
        capped.contains("sk_live_51Hx") || capped.contains("Yk6N"),
        "a Cloud check's or job's message kept the user's key's ends: " + capped);
  }
}
