package airbytemcp.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An API names the key it refused by its ends, with the middle elided: in messages, what looks like
 * those ends is masked, whichever secrets are registered, so an echo tells nothing about them;
 * words beside an ordinary elision, a vendor's short public prefix and data are not.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ElidedKeyEndsTest {
  private static final String KEY = "sk-RTI-dotenv-Pq47Zn82Wd";

  private final Masker masker = new Masker();

  ElidedKeyEndsTest() {
    masker.register(KEY);
  }

  @Test
  void theFirstEightAndLastFourAroundStarsAreMasked() {
    String message = "Incorrect API key provided: sk-RTI-d************82Wd. See your account.";

    assertEquals(
        "Incorrect API key provided: ****" + "*".repeat(12) + "****. See your account.",
        masker.maskMessage(message));
  }

  @Test
  void endsAroundAnEllipsisOrDotsAreMasked() {
    assertEquals("key ****…****", masker.maskMessage("key sk-RTI-dot…n82Wd"));
    assertEquals("key ****...****", masker.maskMessage("key sk-RTI...Zn82Wd"));
  }

  @Test
  void endsAroundBulletsAreMaskedAfterCharsBeyondTheBasicPlane() {
    // an emoji takes two chars: the elision is still found where it is
    assertEquals("🔑 refused ****•••••****", masker.maskMessage("🔑 refused sk-RTI-d•••••82Wd"));
    assertEquals("refused ****•••••****", masker.maskMessage("refused sk-RTI-d•••••82Wd"));
  }

  @Test
  void whatIsMaskedDoesNotDependOnWhichSecretsThereAre() {
    Masker other = new Masker();
    other.register("an-unrelated-secret-of-this-user");
    String echo = "sk-RTI-da… sk-RTI-do… sk-RTI-dz… …82Wd …82Wx";

    assertEquals(
        other.maskMessage(echo),
        masker.maskMessage(echo),
        "the heads and tails an agent wrote were masked according to this user's key");
    assertEquals("****… ****… ****… …**** …****", masker.maskMessage(echo));
  }

  @Test
  void aKeysEndsDoNotCountAsRevealingIt() {
    assertFalse(
        masker.revealsSecret("key sk-RTI-dot…n82Wd"),
        "a check that refuses what reveals a secret would answer which heads are the key's");
  }

  @Test
  void wordsAroundAnElisionAndAShortPublicPrefixStayAsTheyAre() {
    String text =
        "keys look like sk-... and lists go on... Loading... done***finished, then Wd…"
            + " https://api.example.com/... http://127.0.0.1:54321/… …/v2/items";

    assertEquals(text, masker.maskMessage(text));
  }

  @Test
  void withNoSecretNothingIsMasked() {
    assertEquals("key sk-RTI-dot…n82Wd", new Masker().maskMessage("key sk-RTI-dot…n82Wd"));
  }

  @Test
  void dataKeepsWhatLooksLikeAKeysEnds() {
    // a record's truncated title is data: the cache and structured answers keep it
    String title = "Fix parser_v2… in build 471123…";

    assertEquals(title, masker.mask(title));
    assertEquals("Fix ****… in build ****…", masker.maskMessage(title));
  }
}
