package airbytemcp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lines handed on as bytes carry whether they are plain (ASCII, no backslash): what lets a sync
 * store a record without decoding it.
 */
@Timeout(10)
class PlainLinesTest {
  private final List<String> lines = new ArrayList<>();

  private LineSplitter splitter() {
    return new LineSplitter(
        (bytes, offset, length, plain) ->
            lines.add(
                (plain ? "plain " : "other ")
                    + new String(bytes, offset, length, StandardCharsets.UTF_8)),
        64,
        "stdout");
  }

  private void feed(LineSplitter splitter, String text, int chunk) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i += chunk) {
      splitter.accept(bytes, i, Math.min(chunk, bytes.length - i));
    }
    splitter.finish();
  }

  @Test
  void asciiLinesArePlainAndOthersAreNot() {
    feed(splitter(), "{\"a\":1}\nzoë\nback\\slash\n{\"b\":2}\n", 1 << 10);
    assertEquals(
        List.of("plain {\"a\":1}", "other zoë", "other back\\slash", "plain {\"b\":2}"),
        lines,
        "a non-ASCII or escaped line is not plain, the lines after it are");
  }

  @Test
  void aLineCutAcrossChunksKeepsWhatItsEarlierChunksSaw() {
    feed(splitter(), "abcdé\\fgh\nplain one\nlast", 3);
    assertEquals(
        List.of("other abcdé\\fgh", "plain plain one", "plain last"),
        lines,
        "the flag covers the whole line, whichever chunk each byte came in");
  }

  @Test
  void aCarriageReturnBeforeTheLineBreakIsDropped() {
    feed(splitter(), "one\r\ntwo\r\n", 4);
    assertEquals(List.of("plain one", "plain two"), lines, "lines without \\r");
  }
}
