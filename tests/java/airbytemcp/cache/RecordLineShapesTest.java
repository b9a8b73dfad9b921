package airbytemcp.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The byte scan finds the stream name and data keys of a RECORD line whether it is written compact
 * (the quick start) or with spaces, with its keys in any order.
 */
@Timeout(10)
class RecordLineShapesTest {
  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static String streamOf(String line) {
    byte[] bytes = ascii(line);
    int start = RecordLines.streamNameStart(bytes);
    if (start < 0) {
      return null;
    }
    return new String(
        bytes, start, RecordLines.stringEnd(bytes, start) - start, StandardCharsets.US_ASCII);
  }

  private static List<String> keysOf(String line) {
    byte[] bytes = ascii(line);
    List<String> keys = new ArrayList<>();
    int close =
        RecordLines.recordEnd(
            bytes,
            RecordLines.stringEnd(bytes, RecordLines.streamNameStart(bytes)),
            bytes.length,
            (l, start, end, index) ->
                keys.add(
                    index + ":" + new String(l, start, end - start, StandardCharsets.US_ASCII)));
    return close >= 0 ? keys : null;
  }

  @Test
  void compactAndSpacedLinesNameTheSameStream() {
    assertEquals("users", streamOf("{\"type\":\"RECORD\",\"record\":{\"stream\":\"users\"}}"));
    assertEquals(
        "users",
        streamOf(" { \"type\" : \"RECORD\" , \"record\" : { \"stream\" : \"users\" } }"),
        "spaces around every token");
    assertEquals("", streamOf("{\"type\":\"RECORD\",\"record\":{\"stream\":\"\"}}"), "empty name");
  }

  @Test
  void linesOfAnotherShapeHaveNoStreamName() {
    for (String line :
        new String[] {
          "{\"type\":\"STATE\",\"state\":{}}",
          "{\"type\":\"RECORD\",\"record\":{\"data\":{},\"stream\":\"users\"}}",
          "{\"record\":{\"stream\":\"users\"},\"type\":\"RECORD\"}",
          "{\"type\":\"RECORD\",\"record\":{\"stream\":",
          "{\"type\":\"RECORD\""
        }) {
      assertEquals(null, streamOf(line), line);
    }
  }

  @Test
  void dataKeysAreSeenInTheirOrderWhereverDataSits() {
    assertEquals(
        List.of("0:b", "1:a"),
        keysOf(
            "{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"emitted_at\":1,"
                + "\"data\":{\"b\":\"x,}\",\"a\":[1,{\"c\":2}]}}}"),
        "data after emitted_at, values holding commas and braces");
    assertEquals(
        List.of("0:a", "1:b"),
        keysOf(
            "{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"data\": { \"a\" : 1 , \"b\" :"
                + " null } ,\"emitted_at\":1}}"),
        "spaces inside data");
  }

  @Test
  void aLineCutShortOrWithDataThatIsNotAnObjectFails() {
    assertFalse(
        keysOf("{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"data\":{\"a\":1") != null,
        "cut inside data");
    assertFalse(
        keysOf("{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"data\":[1]}}") != null,
        "data is an array");
    assertTrue(
        keysOf("{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"data\":null}}") != null,
        "data is null");
  }
}
