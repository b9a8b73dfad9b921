package airbytemcp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines that arrive whole in one chunk are decoded where they are; they must come out the same. */
class WholeChunkLinesTest {
  private final List<String> lines = new ArrayList<>();

  @Test
  void linesWhollyInsideOneChunkComeOutWithoutTheirLineBreaks() {
    LineSplitter splitter = new LineSplitter(lines::add);
    byte[] bytes = "first\r\nsécond\n\nthird\n".getBytes(StandardCharsets.UTF_8);
    splitter.accept(bytes, 0, bytes.length);
    splitter.finish();
    assertEquals(List.of("first", "sécond", "", "third"), lines, "lines of one chunk");
  }

  @Test
  void aLineStartedInAnEarlierChunkIsJoinedBeforeTheWholeOnesAfterIt() {
    LineSplitter splitter = new LineSplitter(lines::add);
    byte[] first = "{\"a\":".getBytes(StandardCharsets.UTF_8);
    byte[] second = "1}\n{\"b\":2}\n".getBytes(StandardCharsets.UTF_8);
    splitter.accept(first, 0, first.length);
    splitter.accept(second, 0, second.length);
    splitter.finish();
    assertEquals(List.of("{\"a\":1}", "{\"b\":2}"), lines, "a split line and a whole one");
  }

  @Test
  void aTooLongLineWhollyInsideOneChunkIsStillRefused() {
    LineSplitter splitter = new LineSplitter(lines::add, 8, "stdout");
    byte[] bytes = "short\nmuch too long\n".getBytes(StandardCharsets.UTF_8);
    assertThrows(
        LineTooLong.class,
        () -> splitter.accept(bytes, 0, bytes.length),
        "a 13-byte line passed a limit of 8 bytes");
    assertEquals(List.of("short"), lines, "lines before the long one");
  }
}
