package airbytemcp.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An API names the key it refused by its ends, with the middle elided: those ends are chars of the
 * secret and are masked; the elision, the text around it and a vendor's short public prefix are
 * not.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ElidedSecretsTest {
  private static final String KEY = "sk-RTI-dotenv-Pq47Zn82Wd";

  private final Masker masker = new Masker();

  ElidedSecretsTest() {
    masker.register(KEY);
  }

  @Test
  void theFirstEightAndLastFourAroundStarsAreMasked() {
    String message = "Incorrect API key provided: sk-RTI-d************82Wd. See your account.";

    assertEquals(
        "Incorrect API key provided: ****" + "*".repeat(12) + "****. See your account.",
        masker.mask(message));
    assertTrue(masker.revealsSecret(message), "the key's ends are not seen as revealing it");
  }

  @Test
  void endsAroundAnEllipsisOrDotsAreMasked() {
    assertEquals("key ****…****", masker.mask("key sk-RTI-dot…n82Wd"));
    assertEquals("key ****...****", masker.mask("key sk-RTI...Zn82Wd"));
  }

  @Test
  void aShortPublicPrefixAndAnOrdinaryElisionStayAsTheyAre() {
    String text = "keys look like sk-... and lists go on... 82 items, then Wd.";

    assertEquals(text, masker.mask(text));
  }

  @Test
  void anElisionBesideNoSecretCostsNothingElse() {
    String text = "loading***done, and the key is sk-RTI-other****";

    assertEquals(text, masker.mask(text));
  }
}
