package airbytemcp.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The chars that start a second look for secrets are found where they are, by the byte scan of a
 * long text as by the char loop of a short one, also past chars that take two (an emoji) or that a
 * byte cannot hold (a bullet, an ellipsis, which become {@code ?} in the scanned bytes).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MarkedCharsTest {
  private static final String MARKS = "%\\&*.•…";
  private static final String OTHERS = "ab?Z09 é\"'ÿ";

  private static List<Integer> expected(String text) {
    List<Integer> at = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      if (MARKS.indexOf(text.charAt(i)) >= 0) {
        at.add(i);
      }
    }
    return at;
  }

  private static List<Integer> found(String text) {
    MarkedChars marks = MarkedChars.of(text);
    List<Integer> at = new ArrayList<>();
    for (int k = 0; k < marks.count(); k++) {
      at.add(marks.position(k));
    }
    return at;
  }

  private static String text(Random random, int length, boolean withEmoji) {
    StringBuilder out = new StringBuilder();
    while (out.length() < length) {
      int pick = random.nextInt(10);
      if (withEmoji && pick == 0) {
        out.append("🔑");
      } else if (pick < 3) {
        out.append(MARKS.charAt(random.nextInt(MARKS.length())));
      } else {
        out.append(OTHERS.charAt(random.nextInt(OTHERS.length())));
      }
    }
    return out.toString();
  }

  @Test
  void everyMarkIsFoundAtItsPositionInTextsOfAnyLength() {
    Random random = new Random(7);
    for (int length = 0; length < 400; length++) {
      for (boolean withEmoji : new boolean[] {false, true}) {
        String text = text(random, length, withEmoji);
        assertEquals(expected(text), found(text), "marks misplaced in: " + text);
      }
    }
  }

  @Test
  void aLongTextWithoutMarksHasNone() {
    assertEquals(List.of(), found("plain words and digits 0123456789 ".repeat(100)));
  }

  @Test
  void firstFromFindsTheNextMarkAtOrAfterAPosition() {
    MarkedChars marks = MarkedChars.of("a%b..c");

    assertEquals(0, marks.firstFrom(0));
    assertEquals(1, marks.firstFrom(2));
    assertEquals(3, marks.firstFrom(5));
  }
}
