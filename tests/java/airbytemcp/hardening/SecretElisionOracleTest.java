package airbytemcp.hardening;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.hardening.InjectedAgentWorld.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent cannot spell out a key one char per call through an echoed argument. A masker that hid a
 * secret's own head before an ellipsis ("sk_live_51Hx…") answered, for every candidate head the
 * agent wrote, whether it began the secret: with a vendor's public prefix and each possible next
 * char, the whole key in about one call per char (red team o read 31 of 32 chars in 23 calls). What
 * looks like a key's ends beside an elision is now masked whatever the secrets are.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SecretElisionOracleTest {
  static final String PUBLIC_PREFIX = "sk_live_";
  static final String STRIPE_KEY = PUBLIC_PREFIX + "51Hx9Qa2Lm7Zp4Rt8Vw3Yk6N";
  static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";

  @TempDir static Path dir;
  static InjectedAgentWorld world;

  @BeforeAll
  static void start() throws Exception {
    world = new InjectedAgentWorld(dir);
    Files.writeString(
        world.dotenv, Files.readString(world.dotenv) + "STRIPE_SECRET_KEY=" + STRIPE_KEY + "\n");
    world.start();
  }

  @AfterAll
  static void stop() {
    if (world != null) {
      world.close();
    }
  }

  /**
   * The next character of a secret after {@code known}, as one echo of the candidates tells it, or
   * null when none of them was masked.
   */
  private static Character nextCharacter(String known) {
    List<String> candidates = new ArrayList<>();
    for (char c : ALPHABET.toCharArray()) {
      candidates.add(known + c + "\u2026");
    }
    // an unknown connector's name is echoed in the error that refuses it
    Answer answer =
        world.call("get_connector_info", Map.of("connector_name", String.join(" ", candidates)));
    assertTrue(answer.isError(), answer.text());
    assertTrue(
        answer.text().contains(candidates.get(0).substring(known.length()))
            || answer.text().contains("****"),
        "the name was not echoed: " + answer.text());
    Character found = null;
    for (int i = 0; i < candidates.size(); i++) {
      if (!answer.text().contains(" " + candidates.get(i))
          && !answer.text().contains("'" + candidates.get(i))) {
        found = ALPHABET.charAt(i);
      }
    }
    return found;
  }

  @Test
  void echoedHeadsBeforeAnEllipsisDoNotSpellOutAKeyWithAPublicPrefix() {
    String known = PUBLIC_PREFIX;
    int calls = 0;
    for (Character next = nextCharacter(known); next != null; next = nextCharacter(known)) {
      known += next;
      calls++;
      if (known.length() >= STRIPE_KEY.length() - 1) {
        break;
      }
    }
    assertFalse(
        known.length() > PUBLIC_PREFIX.length() + 4 && STRIPE_KEY.startsWith(known),
        "the agent spelled out the key's first "
            + known.length()
            + " of "
            + STRIPE_KEY.length()
            + " characters in "
            + calls
            + " calls of get_connector_info, reading which candidate head came back masked: "
            + known);
  }
}
