package airbytemcp.cloud;

import static org.junit.jupiter.api.Assertions.assertFalse;

import airbytemcp.secrets.Masker;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Airbyte Cloud's answers to a connection check and a job's failure and log lines are connector
 * messages ({@code Actors.check}, {@code SyncJobs}): check_connection and the job tools put them
 * into structured answers as {@link CappedText#cap} gives them. {@code cap} masks through {@code
 * Redactor.maskedHead}, i.e. {@code mask}, which no longer hides a key's ends around an elision
 * (only {@code maskMessage} does), and the structured answer is masked with {@code mask} too. So
 * "Incorrect API key provided: sk_live_51Hx****Yk6N" for the user's key reaches the agent. Found by
 * red team p.
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
