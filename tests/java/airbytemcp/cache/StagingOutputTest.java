package airbytemcp.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A staged object is written in one call: brace, sequence member (when asked for), comma, the
 * record's members, brace, line break.
 */
@Timeout(10)
class StagingOutputTest {
  private static final byte[] SEQ_KEY = "\"s\":".getBytes(StandardCharsets.US_ASCII);

  private static String written(int bufferSize, byte[] seqKey, long[] numbers, String members)
      throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    byte[] bytes = ("xx" + members + "yy").getBytes(StandardCharsets.US_ASCII);
    try (StagingOutput out = new StagingOutput(sink, bufferSize)) {
      for (long n : numbers) {
        out.writeObject(seqKey, n, bytes, 2, members.length());
      }
    }
    return sink.toString(StandardCharsets.US_ASCII);
  }

  @Test
  void everyNumberIsWrittenWithAllItsDigits() throws IOException {
    long[] numbers = {0, 7, 9, 10, 99, 100, 123_456_789, Long.MAX_VALUE};
    StringBuilder expected = new StringBuilder();
    for (long n : numbers) {
      expected.append("{\"s\":").append(n).append(",\"a\":1}\n");
    }
    assertEquals(expected.toString(), written(1 << 10, SEQ_KEY, numbers, "\"a\":1"), "staged");
  }

  @Test
  void anObjectWithoutSequenceIsTheMembersInBraces() throws IOException {
    assertEquals(
        "{\"a\":1}\n{\"a\":1}\n", written(64, null, new long[] {5, 6}, "\"a\":1"), "staged");
  }

  @Test
  void aRecordWithNoMembersGetsNoDanglingComma() throws IOException {
    assertEquals("{\"s\":3}\n", written(64, SEQ_KEY, new long[] {3}, ""), "with a sequence");
    assertEquals("{}\n", written(64, null, new long[] {3}, ""), "without one");
  }

  @Test
  void objectsAroundAndBeyondTheBufferSizeComeOutWhole() throws IOException {
    for (int length = 1; length < 120; length++) {
      String members = "x".repeat(length);
      long[] numbers = {1, 22, 333, 4444};
      StringBuilder expected = new StringBuilder();
      StringBuilder plain = new StringBuilder();
      for (long n : numbers) {
        expected.append("{\"s\":").append(n).append(',').append(members).append("}\n");
        plain.append('{').append(members).append("}\n");
      }
      assertEquals(
          expected.toString(),
          written(64, SEQ_KEY, numbers, members),
          "objects of " + length + " member bytes through a buffer of 64");
      assertEquals(
          plain.toString(),
          written(64, null, numbers, members),
          "objects without sequence of " + length + " member bytes through a buffer of 64");
    }
  }
}
