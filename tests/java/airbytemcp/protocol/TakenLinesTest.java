package airbytemcp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link LineSplitter.Lines#takeLines}: the lines a receiver takes in bulk from a chunk are never
 * delivered again, and the splitter delivers the others in order, offering the chunk again after
 * each.
 */
@Timeout(30)
class TakenLinesTest {
  /** Takes every complete line starting with "T"; records what it was offered and took. */
  private static final class TakesT implements LineSplitter.Lines {
    final List<String> delivered = new ArrayList<>();
    final List<String> offered = new ArrayList<>();
    final List<String> taken = new ArrayList<>();

    @Override
    public void accept(byte[] bytes, int offset, int length, boolean plain) {
      delivered.add(new String(bytes, offset, length, StandardCharsets.UTF_8));
    }

    @Override
    public int takeLines(byte[] bytes, int from, int end) {
      offered.add(new String(bytes, from, end - from, StandardCharsets.UTF_8));
      int at = from;
      while (at < end && bytes[at] == 'T') {
        int newline = at;
        while (newline < end && bytes[newline] != '\n') {
          newline++;
        }
        if (newline == end) {
          break; // not complete in this chunk
        }
        taken.add(new String(bytes, at, newline - at, StandardCharsets.UTF_8));
        at = newline + 1;
      }
      return at;
    }
  }

  private static TakesT split(String... chunks) {
    TakesT lines = new TakesT();
    LineSplitter splitter = new LineSplitter(lines, 1 << 20, "stdout");
    for (String chunk : chunks) {
      byte[] b = chunk.getBytes(StandardCharsets.UTF_8);
      splitter.accept(b, 0, b.length);
    }
    splitter.finish();
    return lines;
  }

  @Test
  void takenLinesAreNeverDeliveredAndTheOthersComeInOrder() {
    TakesT lines = split("T1\nA\nT2\nT3\nB\nC\nT4\n");
    assertEquals(List.of("A", "B", "C"), lines.delivered, "the lines not taken, in order");
    assertEquals(List.of("T1", "T2", "T3", "T4"), lines.taken, "the lines taken, each once");
  }

  @Test
  void theChunkIsOfferedAgainAfterEachDeliveredLine() {
    TakesT lines = split("A\nT1\nB\nC\n");
    assertEquals(
        List.of("A\nT1\nB\nC\n", "T1\nB\nC\n", "C\n", ""),
        lines.offered,
        "offered at the chunk's start, then after A, after B (T1 taken) and after C");
  }

  @Test
  void aLineSplitAcrossChunksIsDeliveredWholeAndNotOfferedMidLine() {
    TakesT lines = split("A\nT1\nB", "2\nT3\n");
    assertEquals(List.of("A", "B2"), lines.delivered, "B2 arrives in two pieces");
    assertEquals(List.of("T1", "T3"), lines.taken);
    for (String offer : lines.offered) {
      assertTrue(!offer.startsWith("2"), "offered from the middle of B2: " + lines.offered);
    }
    assertEquals(List.of("A\nT1\nB", "T1\nB", "T3\n"), lines.offered, "offers at line starts");
  }

  @Test
  void aTakeableLineCutByTheChunkEndIsDeliveredByTheSplitter() {
    TakesT lines = split("A\nT-lo", "ng\nT2\n");
    assertEquals(List.of("A", "T-long"), lines.delivered, "the cut T line comes out whole");
    assertEquals(List.of("T2"), lines.taken, "only complete lines are taken");
  }

  @Test
  void crlfLinesAndAPartialLastLineStillComeOutWithoutTheirBreaks() {
    TakesT lines = split("A\r\nT1\r\nB\r\nlast");
    assertEquals(List.of("A", "B", "last"), lines.delivered, "CR dropped, the last line kept");
    assertEquals(List.of("T1\r"), lines.taken, "the taker sees its line's CR itself");
  }

  @Test
  void aTakerThatTakesNothingLeavesEveryLineToTheSplitter() {
    List<String> delivered = new ArrayList<>();
    LineSplitter splitter =
        new LineSplitter(
            (bytes, offset, length, plain) ->
                delivered.add(new String(bytes, offset, length, StandardCharsets.UTF_8)),
            1 << 20,
            "stdout");
    byte[] b = "T1\nA\nT2".getBytes(StandardCharsets.UTF_8);
    splitter.accept(b, 0, b.length);
    splitter.finish();
    assertEquals(List.of("T1", "A", "T2"), delivered, "the default takes no line");
  }
}
