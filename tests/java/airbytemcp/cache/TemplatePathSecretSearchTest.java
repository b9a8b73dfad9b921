package airbytemcp.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.secrets.Masker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A line taken by a learned shape is searched for secrets in its values only, and only in those at
 * least as long as a secret's shortest form; the shape's own bytes are searched once per set of
 * secrets. Whatever the search skips, a secret in a line still sends it the long way (where it is
 * masked), as a search of the whole record would.
 */
@Timeout(60)
class TemplatePathSecretSearchTest {
  private static final List<Column> COLUMNS = ItemsLines.COLUMNS;
  private static final String SECRET = "sekret-7f3a9c1d55e2";

  @TempDir Path root;
  private final Masker masker = new Masker();

  /** A stage that learned the shape of {@code first}, which it staged as it is. */
  private StreamStage learned(String first) throws Exception {
    StreamPlan plan =
        new StreamPlan("items", "items", COLUMNS, List.of(), WriteStrategy.APPEND, null);
    StreamStage stage = StreamStage.create(plan, COLUMNS, root, "t");
    byte[] line = bytes(first);
    int end = line.length - 1;
    int nameEnd = RecordLines.stringEnd(line, RecordLines.streamNameStart(line, 0, end), end);
    assertTrue(stage.appendPlain(line, nameEnd, end, masker), "not staged as it is: " + first);
    stage.learnShape(line, 0, end, nameEnd);
    return stage;
  }

  private static byte[] bytes(String data) {
    return (ItemsLines.recordLine(data) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** Whether the learned shape took the line (false: it goes the long way). */
  private boolean taken(StreamStage stage, String data) {
    byte[] line = bytes(data);
    int at = stage.takeLine(line, 0, line.length, masker);
    assertTrue(at == -1 || at == line.length - 1, "took a line but ended it at " + at);
    return at >= 0;
  }

  @Test
  void aSecretInAValueOfALearnedShapeSendsTheLineTheLongWay() throws Exception {
    masker.register(SECRET);
    try (StreamStage stage = learned("{\"id\":1,\"name\":\"plain name\",\"active\":true}")) {
      assertTrue(taken(stage, "{\"id\":2,\"name\":\"other name\",\"active\":false}"));
      assertEquals(
          false,
          taken(stage, "{\"id\":3,\"name\":\"token=" + SECRET + "\",\"active\":true}"),
          "a line whose name holds the secret was taken as it is");
      assertEquals(
          false,
          taken(stage, "{\"id\":4,\"name\":\"" + SECRET + "\",\"active\":true}"),
          "a line whose name is the secret was taken as it is");
    }
  }

  @Test
  void aSecretLearnedAfterTheShapeIsLookedForInTheShapesOwnBytes() throws Exception {
    masker.register(SECRET);
    // a key without a column is staged as it is (DuckDB ignores it): it is part of the shape
    String key = "acct_4c81e0b7d2f95a36";
    try (StreamStage stage = learned("{\"id\":1,\"" + key + "\":7,\"active\":true}")) {
      assertTrue(taken(stage, "{\"id\":2,\"" + key + "\":8,\"active\":false}"));
      masker.register(key);
      assertEquals(
          false,
          taken(stage, "{\"id\":3,\"" + key + "\":9,\"active\":true}"),
          "a secret registered after the shape was learned was not looked for in its keys");
    }
  }

  @Test
  void anAllDigitSecretIsLookedForInNumbersShorterThanIt() throws Exception {
    // a double prints 9000000000 as 9E9: three bytes show a secret of ten
    masker.register("9000000000");
    try (StreamStage stage = learned("{\"id\":1,\"name\":5,\"active\":true}")) {
      assertTrue(taken(stage, "{\"id\":2,\"name\":6,\"active\":false}"));
      assertEquals(
          false,
          taken(stage, "{\"id\":3,\"name\":9E9,\"active\":true}"),
          "a number in exponent form that shows the all-digit secret was taken as it is");
    }
  }

  @Test
  void linesWithoutSecretsAreTakenWhateverTheSecretsKnown() throws Exception {
    masker.register(SECRET);
    masker.register("0412345678"); // all digits: every value is searched
    try (StreamStage stage = learned("{\"id\":1,\"name\":\"a\",\"active\":true}")) {
      for (int i = 2; i < 100; i++) {
        String name = "n".repeat(i);
        assertTrue(
            taken(stage, "{\"id\":" + i + ",\"name\":\"" + name + "\",\"active\":true}"),
            "a plain line went the long way, name of " + i + " chars");
      }
    }
  }
}
