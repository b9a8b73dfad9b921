package airbytemcp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A wrapper around a sink that takes raw lines keeps taking them, and sees every message. */
@Timeout(10)
class RawLineSinkTest {
  private final List<String> taken = new ArrayList<>();
  private final List<AirbyteMessage> wrapped = new ArrayList<>();

  private final RawLineSink inner =
      new RawLineSink() {
        @Override
        public boolean acceptPlainLine(byte[] bytes, int offset, int length) {
          String line = new String(bytes, offset, length, StandardCharsets.US_ASCII);
          if (line.contains("RECORD")) {
            taken.add(line);
            return true;
          }
          return false;
        }

        @Override
        public void accept(AirbyteMessage message) {}
      };

  @Test
  void plainLinesReachTheInnerSinkAndMessagesTheWrapper() {
    MessageSink sink = RawLineSink.around(inner, wrapped::add);
    RawLineSink raw = (RawLineSink) sink;
    byte[] record = "{\"type\":\"RECORD\"}".getBytes(StandardCharsets.US_ASCII);
    byte[] log = "{\"type\":\"LOG\"}".getBytes(StandardCharsets.US_ASCII);
    assertTrue(raw.acceptPlainLine(record, 0, record.length), "the record line is taken");
    assertFalse(raw.acceptPlainLine(log, 0, log.length), "the log line is left to be parsed");
    AirbyteMessage message = Messages.log("INFO", "hello");
    sink.accept(message);
    assertEquals(List.of("{\"type\":\"RECORD\"}"), taken, "lines the inner sink took");
    assertEquals(List.of(message), wrapped, "messages go through the wrapper");
  }

  @Test
  void aWrapperOfASinkOfMessagesOnlyIsTheWrapperItself() {
    MessageSink outer = wrapped::add;
    assertSame(outer, RawLineSink.around(message -> {}, outer), "nothing to pass lines to");
  }
}
