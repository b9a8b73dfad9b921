package airbytemcp.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Redactor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream learns the shape of a line it staged as it is, so that the lines after it that repeat
 * the shape are taken in one pass. Learning walks the line a second time: a stream whose lines keep
 * changing shape learns exponentially less often, and one whose shape settles learns once.
 */
@Timeout(60)
class ShapeLearningTest {
  private static final List<Column> COLUMNS = ItemsLines.COLUMNS;

  @TempDir Path root;

  /** Counts of the lines taken by a learned shape and of those that went the long way. */
  private record Offered(int taken, int longWay, long learned) {}

  /** Offers each line as a sync does: the learned shape first, else the key check and learning. */
  private Offered offer(List<String> data) throws Exception {
    StreamPlan plan =
        new StreamPlan("items", "items", COLUMNS, List.of(), WriteStrategy.APPEND, null);
    int taken = 0;
    int longWay = 0;
    try (StreamStage stage = StreamStage.create(plan, COLUMNS, root, "t")) {
      for (String d : data) {
        byte[] line = (ItemsLines.recordLine(d) + "\n").getBytes(StandardCharsets.UTF_8);
        int end = line.length - 1;
        if (stage.takeLine(line, 0, line.length, Redactor.NONE) == end) {
          taken++;
          continue;
        }
        longWay++;
        int nameEnd = RecordLines.stringEnd(line, RecordLines.streamNameStart(line, 0, end), end);
        assertTrue(
            stage.appendPlain(line, nameEnd, end, Redactor.NONE),
            "the line is not one staged as it is: " + d);
        stage.learnShape(line, 0, end, nameEnd);
      }
      return new Offered(taken, longWay, stage.shapesLearned());
    }
  }

  private static String row(int i, String... order) {
    StringBuilder data = new StringBuilder("{");
    for (String key : order) {
      if (data.length() > 1) {
        data.append(',');
      }
      data.append('"').append(key).append("\":");
      data.append(
          switch (key) {
            case "id" -> String.valueOf(i);
            case "name" -> "\"n" + i + "\"";
            case "price" -> (i % 100) + ".5";
            default -> String.valueOf(i % 2 == 0);
          });
    }
    return data.append('}').toString();
  }

  @Test
  void linesOfOneShapeAreLearnedOnceAndTakenAfterThat() throws Exception {
    List<String> data = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      data.add(row(i, "id", "name", "price", "active"));
    }
    Offered offered = offer(data);
    assertEquals(1, offered.learned(), "shapes learned for lines of one shape");
    assertEquals(9_999, offered.taken(), "lines taken after the first");
  }

  @Test
  void linesThatChangeShapeEveryTimeAreLearnedRarely() throws Exception {
    String[][] orders = {
      {"id", "name", "price", "active"},
      {"name", "id", "active"},
      {"price", "id"},
      {"active", "price", "name", "id"},
      {"id", "active"}
    };
    List<String> data = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      data.add(row(i, orders[i % orders.length]));
    }
    Offered offered = offer(data);
    assertTrue(
        offered.longWay() >= 8_000,
        "a shape learned from one of five took more than its fifth: " + offered);
    // backing off 1, 3, 7, ... 1023 lines: about ten learnings to reach the cap, one per 1,024
    // lines after it
    assertTrue(
        offered.learned() <= 30,
        "a stream whose every line changes shape learned " + offered.learned() + " shapes");
  }

  @Test
  void aStreamWhoseShapeSettlesAfterChangingIsTakenAgain() throws Exception {
    List<String> data = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      data.add(row(i, i % 2 == 0 ? new String[] {"id", "name"} : new String[] {"name", "id"}));
    }
    for (int i = 0; i < 5_000; i++) {
      data.add(row(i, "id", "name", "price", "active"));
    }
    Offered offered = offer(data);
    assertTrue(
        offered.taken() >= 5_000 - 1_024,
        "after the shape settled only " + offered.taken() + " of 5,000 lines were taken");
  }
}
