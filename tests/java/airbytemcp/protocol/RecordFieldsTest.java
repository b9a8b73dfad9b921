package airbytemcp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Records read straight from a connector's line give the same fields as records read from a JSON
 * tree.
 */
class RecordFieldsTest {
  private static final String LINE =
      "{\"type\":\"RECORD\",\"record\":{\"namespace\":\"shop\",\"stream\":\"orders\","
          + "\"data\":{\"id\":42,\"name\":\"A \\\"quoted\\\" caf\\u00e9\",\"amount\":0.25,\"paid\":true,\"note\":null,"
          + "\"tags\":[\"x\",{\"y\":1}],\"address\":{\"city\":\"Lyon\",\"zip\":[69001]}},"
          + "\"emitted_at\":1700000000000,\"meta\":{\"changes\":[]},\"extra\":{\"ignored\":[1,2]}}}";

  private static List<String> describe(RecordFields f) {
    List<String> out =
        new ArrayList<>(
            List.of(
                String.valueOf(f.stream()),
                String.valueOf(f.namespace()),
                String.valueOf(f.emittedAt()),
                String.valueOf(f.metaJson())));
    for (int i = 0; i < f.size(); i++) {
      out.add(f.name(i) + "=" + f.value(i) + (f.isString(i) ? " (string)" : ""));
    }
    return out;
  }

  @Test
  void theLineAndTheTreeGiveTheSameFields() {
    List<String> fromLine = describe(new RecordFields().readMessageLine(LINE));
    List<String> fromTree =
        describe(new RecordFields().readPayload(Json.parse(LINE).path("record")));
    assertEquals(fromTree, fromLine);
    assertEquals(
        List.of(
            "orders",
            "shop",
            "1700000000000",
            "{\"changes\":[]}",
            "id=42",
            "name=A \"quoted\" café (string)",
            "amount=0.25",
            "paid=true",
            "tags=[\"x\",{\"y\":1}]",
            "address={\"city\":\"Lyon\",\"zip\":[69001]}"),
        fromLine);
  }

  @Test
  void numbersKeepTheirSpellingIncludingOnesTooBigForALong() {
    RecordFields f =
        new RecordFields()
            .readMessageLine(
                "{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"data\":{\"big\":123456789012345678901234567890,\"e\":1e3}}}");
    assertEquals("123456789012345678901234567890", f.value(0));
    assertEquals("1e3", f.value(1));
    assertNull(f.emittedAt());
  }

  @Test
  void theTypeMayComeAfterTheRecord() {
    String line =
        "{\"record\":{\"stream\":\"s\",\"data\":{\"a\":\"b\"},\"emitted_at\":1.5E12},\"type\":\"RECORD\"}";
    AirbyteMessage message = MessageReader.parseLine(line);
    assertEquals(MessageType.RECORD, message.type());
    RecordFields f = new RecordFields().readMessageLine(message.unparsedLine().orElseThrow());
    assertEquals(1_500_000_000_000L, f.emittedAt());
  }

  @Test
  void aReusedReaderForgetsThePreviousRecord() {
    RecordFields f = new RecordFields().readMessageLine(LINE);
    f.readMessageLine("{\"type\":\"RECORD\",\"record\":{\"stream\":\"t\",\"data\":{}}}");
    assertEquals("t", f.stream());
    assertNull(f.namespace());
    assertNull(f.metaJson());
    assertEquals(0, f.size());
  }

  @Test
  void recordLinesStayUnparsedUntilTheTreeIsAskedFor() {
    AirbyteMessage message = MessageReader.parseLine(LINE);
    assertTrue(message.unparsedLine().isPresent());
    assertEquals("orders", message.payload().path("stream").asText());
    assertFalse(message.unparsedLine().isPresent(), "parsed once, kept");
    assertEquals(message, AirbyteMessage.of(Json.parse(LINE).deepCopy()));
  }

  @Test
  void aBrokenRecordLineIsAProtocolErrorWhenRead() {
    String broken = "{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"data\":{\"a\":}}}";
    AirbyteMessage message = MessageReader.parseLine(broken);
    assertThrows(ProtocolError.class, message::payload);
    assertThrows(ProtocolError.class, () -> new RecordFields().readMessageLine(broken));
  }

  @Test
  void jsonColumnsGetStringsQuotedAndEscaped() {
    assertEquals("\"say \\\"hi\\\"\\n\"", RecordFields.quoted("say \"hi\"\n"));
  }
}
