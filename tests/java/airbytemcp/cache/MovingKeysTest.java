package airbytemcp.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Redactor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keys of a plain line are checked one by one against what the stream's earlier lines had in
 * the same place. Records that leave keys out (sparse ones) or reorder them still cost a step per
 * key, not one per key before it, and a key repeated within a line is caught however the keys moved
 * (DuckDB refuses such an object, so the line must be parsed).
 */
@Timeout(60)
class MovingKeysTest {
  private static final List<Column> COLUMNS = ItemsLines.COLUMNS;
  private static final int KEYS = 60;

  @TempDir Path root;

  private StreamStage stage() throws Exception {
    StreamPlan plan =
        new StreamPlan("items", "items", COLUMNS, List.of(), WriteStrategy.APPEND, null);
    return StreamStage.create(plan, COLUMNS, root, "t");
  }

  /** Whether the record line of {@code data} is staged as it is after its keys are checked. */
  private static boolean stagedAsItIs(StreamStage stage, String data) throws Exception {
    byte[] line = ItemsLines.recordLine(data).getBytes(StandardCharsets.UTF_8);
    int nameEnd = RecordLines.stringEnd(line, RecordLines.streamNameStart(line, 0, line.length));
    return stage.appendPlain(line, nameEnd, line.length, Redactor.NONE);
  }

  /** Keys k0 to k59 (no column of the stream, so each stays as it is) without {@code leftOut}. */
  private static String sparse(int leftOut) {
    StringBuilder data = new StringBuilder("{");
    for (int k = 0; k < KEYS; k++) {
      if (k != leftOut) {
        data.append(data.length() > 1 ? "," : "").append("\"k").append(k).append("\":").append(k);
      }
    }
    return data.append('}').toString();
  }

  @Test
  void aSparseRecordCostsALookupPerKeyLeftOutNotOnePerKeyAfterIt() throws Exception {
    int lines = 1_000;
    try (StreamStage stage = stage()) {
      assertTrue(stagedAsItIs(stage, sparse(-1)), "the full line was not staged as it is");
      long learned = stage.keyLookups();
      for (int i = 0; i < lines; i++) {
        assertTrue(stagedAsItIs(stage, sparse(i % KEYS)), "a sparse line was not staged");
      }
      long perLine = (stage.keyLookups() - learned) / lines;
      // a line without key m has its keys after m in other places than the line before: compared
      // with every earlier key, that is about KEYS / 2 lookups a line; following the keys, two
      assertTrue(
          perLine <= 3,
          perLine + " lookups per sparse line of " + KEYS + " keys: the check is not linear");
    }
  }

  @Test
  void aKeyRepeatedWithinALineIsCaughtWhereverTheKeysBeforeItMoved() throws Exception {
    try (StreamStage stage = stage()) {
      assertTrue(stagedAsItIs(stage, "{\"a\":1,\"b\":2,\"c\":3}"), "a plain line was refused");
      assertEquals(
          List.of(false, false, false, true),
          List.of(
              stagedAsItIs(stage, "{\"b\":2,\"a\":1,\"c\":3,\"a\":4}"),
              stagedAsItIs(stage, "{\"a\":1,\"c\":3,\"b\":2,\"c\":5}"),
              stagedAsItIs(stage, "{\"a\":1,\"a\":1}"),
              stagedAsItIs(stage, "{\"a\":1,\"c\":3,\"b\":2}")),
          "lines with a repeated key must not be staged as they are (reordered, repeated right"
              + " after, and a clean line after them)");
    }
  }
}
