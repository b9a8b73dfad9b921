package airbytemcp.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A staged line is written in one call: prefix, sequence number, comma, the line, line break. */
@Timeout(10)
class StagingOutputTest {
  private static final byte[] PREFIX = "{\"s\":".getBytes(StandardCharsets.US_ASCII);

  private static String written(int bufferSize, long[] numbers, String line) throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    byte[] bytes = ("xx" + line + "yy").getBytes(StandardCharsets.US_ASCII);
    try (StagingOutput out = new StagingOutput(sink, bufferSize)) {
      for (long n : numbers) {
        out.writeLine(PREFIX, n, bytes, 2, line.length());
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
    assertEquals(expected.toString(), written(1 << 10, numbers, "\"a\":1}"), "the staged lines");
  }

  @Test
  void linesAroundAndBeyondTheBufferSizeComeOutWhole() throws IOException {
    for (int length = 1; length < 120; length++) {
      String line = "x".repeat(length);
      long[] numbers = {1, 22, 333, 4444};
      StringBuilder expected = new StringBuilder();
      for (long n : numbers) {
        expected.append("{\"s\":").append(n).append(',').append(line).append('\n');
      }
      assertEquals(
          expected.toString(),
          written(64, numbers, line),
          "lines of " + length + " bytes through a buffer of 64");
    }
  }
}
