package airbytemcp.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a sync may skip when it searches a record's values: text shorter than the masker's shortest
 * revealing text holds no secret, and the count of secrets known tells when a search must be done
 * again.
 */
@Timeout(10)
class ShortestRevealingTextTest {
  private final Masker masker = new Masker();

  private boolean reveals(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    return masker.revealsSecretInAscii(bytes, 0, bytes.length);
  }

  @Test
  void withoutSecretsNoTextNeedsASearch() {
    assertEquals(Integer.MAX_VALUE, masker.shortestRevealingText());
  }

  @Test
  void theShortestFormOfTheSecretsIsWhereASearchStarts() {
    masker.register("sekret-7f3a9c1d55e2");
    masker.register("a-much-longer-secret-4b9e1f0c7d2a");
    int shortest = masker.shortestRevealingText();
    assertTrue(
        shortest > 1 && shortest <= "sekret-7f3a9c1d55e2".length(),
        "shortest revealing text " + shortest + " for a secret of 19 chars");
    // every form the byte search finds is at least that long: in a string, %-encoded, cut over a
    // list's items (a backslash never reaches it: such lines are parsed)
    for (String shown :
        new String[] {
          "\"sekret-7f3a9c1d55e2\"", "\"sekret%2D7f3a9c1d55e2\"", "[\"sekret-7f3a\",\"9c1d55e2\"]"
        }) {
      assertTrue(reveals(shown), "the masker no longer finds " + shown);
      assertTrue(
          shown.length() >= shortest, shown + " shows a secret in fewer chars than " + shortest);
    }
  }

  @Test
  void anAllDigitSecretMakesEveryValueWorthASearch() {
    masker.register("sekret-7f3a9c1d55e2");
    masker.register("9000000000");
    assertEquals(1, masker.shortestRevealingText());
    assertTrue(reveals("9E9"), "9E9 is 9000000000 as a double prints it");
  }

  @Test
  void theCountOfSecretsGrowsWithEachNewOneOnly() {
    assertEquals(0, masker.secretsKnown());
    masker.register("sekret-7f3a9c1d55e2");
    assertEquals(1, masker.secretsKnown());
    masker.register("sekret-7f3a9c1d55e2");
    masker.register("ab"); // too short to be a secret
    assertEquals(1, masker.secretsKnown(), "a repeated or refused value counted as a new secret");
    masker.register("a-much-longer-secret-4b9e1f0c7d2a");
    assertEquals(2, masker.secretsKnown());
    assertFalse(reveals("\"plain text\""));
  }
}
