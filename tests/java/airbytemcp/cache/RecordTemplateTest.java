package airbytemcp.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shape of a plain RECORD line, learned from one line: which later lines it takes (the index of
 * their line break) and which it leaves to the long way (-1).
 */
@Timeout(30)
class RecordTemplateTest {
  private static final String START = "{\"type\":\"RECORD\",\"record\":{\"stream\":\"";

  /** The columns' checks: id an integer, price a decimal, ok a boolean, anything else text. */
  private static final RecordTemplate.Kinds KINDS =
      (b, start, end) ->
          switch (new String(b, start, end - start, StandardCharsets.US_ASCII)) {
            case "id" -> RecordTemplate.INTEGER;
            case "price" -> RecordTemplate.NUMBER;
            case "ok" -> RecordTemplate.BOOL;
            default -> RecordTemplate.ANY;
          };

  private static String line(String stream, String data, String emittedAt) {
    return START + stream + "\",\"data\":" + data + ",\"emitted_at\":" + emittedAt + "}}";
  }

  private static String item(String data) {
    return line("items", data, "1700000000000");
  }

  private static final String LEARNED =
      item("{\"id\":1,\"name\":\"Ada\",\"price\":2.5,\"ok\":true}");

  /**
   * The record members (after the stream name, up to the record's closing brace) of {@code later}
   * as a template learned from {@code learned} locates them; both lines may have any spacing.
   */
  private static String membersOf(String learned, String later) {
    byte[] l = learned.getBytes(StandardCharsets.US_ASCII);
    int nameEnd = RecordLines.stringEnd(l, RecordLines.streamNameStart(l));
    RecordTemplate t = RecordTemplate.learn(l, 0, l.length, nameEnd, KINDS);
    assertNotNull(t, "no template learned from " + learned);
    byte[] b = (later + "\n").getBytes(StandardCharsets.US_ASCII);
    int newline = t.match(b, 0, b.length, true, true);
    assertEquals(later.length(), newline, "the later line was not taken: " + later);
    int start = t.membersOffset();
    return new String(b, start, newline - t.afterRecord() - start, StandardCharsets.US_ASCII);
  }

  @Test
  void aTakenLinesRecordMembersAreWhereTheLearnedLineHadThem() {
    String spaced =
        "{ \"type\": \"RECORD\", \"record\": { \"stream\": \"items\" , \"data\": {\"id\": 1},"
            + " \"emitted_at\": 5 }, \"extra\": [1] }";
    assertEquals(
        "\"data\": {\"id\": 22222}, \"emitted_at\": 5 ",
        membersOf(spaced, spaced.replace("\"id\": 1", "\"id\": 22222")),
        "the members of a spaced line with a member after the record");
    assertEquals(
        "\"data\":{\"id\":7,\"name\":\"Bo\",\"price\":2.5,\"ok\":false},\"emitted_at\":1700000000000",
        membersOf(LEARNED, item("{\"id\":7,\"name\":\"Bo\",\"price\":2.5,\"ok\":false}")),
        "the members of a compact line");
    String bare = START + "items\"}}";
    assertEquals("", membersOf(bare, bare), "a record with no member but its stream");
  }

  /** The template of {@code line} (given without its line break). */
  private static RecordTemplate learn(String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    int nameEnd = line.indexOf('"', START.length());
    RecordTemplate t = RecordTemplate.learn(b, 0, b.length, nameEnd, KINDS);
    assertNotNull(t, "no template learned from " + line);
    return t;
  }

  private static int match(RecordTemplate t, String text, boolean typed, boolean typedEpoch) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return t.match(b, 0, b.length, typed, typedEpoch);
  }

  /** Whether the learned template takes {@code line} followed by a line break, typed. */
  private static boolean takes(String line) {
    return takes(LEARNED, line, true, true);
  }

  private static boolean takes(String learned, String line, boolean typed, boolean typedEpoch) {
    int newline = match(learn(learned), line + "\n", typed, typedEpoch);
    if (newline >= 0) {
      assertEquals(line.getBytes(StandardCharsets.UTF_8).length, newline, "not the line break");
    }
    return newline >= 0;
  }

  private static void assertTakes(String line) {
    assertEquals(true, takes(line), "the line should be taken: " + line);
  }

  private static void assertLeaves(String line) {
    assertEquals(false, takes(line), "the line should go the long way: " + line);
  }

  @Test
  void aLineOfTheSameShapeWithOtherValuesIsTakenUpToItsLineBreak() {
    String other = item("{\"id\":-42,\"name\":\"Bo b\",\"price\":-0.125,\"ok\":false}");
    String text = other + "\n" + LEARNED + "\n";
    assertEquals(
        other.length(),
        match(learn(LEARNED), text, true, true),
        "the index of the first line's line break");
  }

  @Test
  void aDifferentKeyIsNotTaken() {
    assertLeaves(item("{\"id\":1,\"nom\":\"Ada\",\"price\":2.5,\"ok\":true}"));
  }

  @Test
  void anExtraKeyIsNotTaken() {
    assertLeaves(item("{\"id\":1,\"name\":\"Ada\",\"price\":2.5,\"ok\":true,\"more\":1}"));
  }

  @Test
  void aMissingKeyIsNotTaken() {
    assertLeaves(item("{\"id\":1,\"name\":\"Ada\",\"price\":2.5}"));
  }

  @Test
  void anotherStreamIsNotTaken() {
    assertLeaves(line("others", "{\"id\":1,\"name\":\"Ada\",\"price\":2.5,\"ok\":true}", "1"));
  }

  @Test
  void otherSpacingIsNotTaken() {
    assertLeaves(item("{\"id\": 1,\"name\":\"Ada\",\"price\":2.5,\"ok\":true}"));
    assertLeaves(item("{\"id\":1, \"name\":\"Ada\",\"price\":2.5,\"ok\":true}"));
  }

  @Test
  void aStringWithABackslashIsNotTaken() {
    assertLeaves(item("{\"id\":1,\"name\":\"A\\\"da\",\"price\":2.5,\"ok\":true}"));
    assertLeaves(item("{\"id\":1,\"name\":\"\\u0041da\",\"price\":2.5,\"ok\":true}"));
  }

  @Test
  void aStringWithANonAsciiByteIsNotTaken() {
    assertLeaves(item("{\"id\":1,\"name\":\"Adé\",\"price\":2.5,\"ok\":true}"));
  }

  @Test
  void aStringWithARawLineBreakIsNotTaken() {
    String broken = item("{\"id\":1,\"name\":\"A\nda\",\"price\":2.5,\"ok\":true}");
    assertEquals(-1, match(learn(LEARNED), broken + "\n", true, true), "a line break in a value");
  }

  @Test
  void anIntegerColumnTakesOnlyIntegersOfAtMost18DigitsWhenTyped() {
    for (String id : new String[] {"\"x\"", "1.5", "1234567890123456789", "1e3", "true"}) {
      String l = item("{\"id\":" + id + ",\"name\":\"Ada\",\"price\":2.5,\"ok\":true}");
      assertEquals(false, takes(LEARNED, l, true, true), "typed, id " + id + " taken");
      assertEquals(true, takes(LEARNED, l, false, true), "untyped, id " + id + " left");
    }
    assertTakes(item("{\"id\":123456789012345678,\"name\":\"Ada\",\"price\":2.5,\"ok\":true}"));
  }

  @Test
  void aBooleanColumnTakesOnlyTrueFalseWhenTyped() {
    String l = item("{\"id\":1,\"name\":\"Ada\",\"price\":2.5,\"ok\":\"yes\"}");
    assertEquals(false, takes(LEARNED, l, true, true), "typed, a string for a boolean");
    assertEquals(true, takes(LEARNED, l, false, true), "untyped, a string for a boolean");
  }

  @Test
  void aDecimalTakesAtMost6IntegerDigitsWithAFractionOr18Without() {
    assertLeaves(item("{\"id\":1,\"name\":\"Ada\",\"price\":1234567.5,\"ok\":true}"));
    assertLeaves(item("{\"id\":1,\"name\":\"Ada\",\"price\":1.1234567891,\"ok\":true}"));
    assertLeaves(item("{\"id\":1,\"name\":\"Ada\",\"price\":1.5e3,\"ok\":true}"));
    assertTakes(item("{\"id\":1,\"name\":\"Ada\",\"price\":123456.123456789,\"ok\":true}"));
    assertTakes(item("{\"id\":1,\"name\":\"Ada\",\"price\":123456789012345678,\"ok\":true}"));
    String decimal7 = item("{\"id\":1,\"name\":\"Ada\",\"price\":1234567.5,\"ok\":true}");
    assertEquals(true, takes(LEARNED, decimal7, false, true), "untyped, any number goes");
  }

  @Test
  void nullFitsEveryKind() {
    assertTakes(item("{\"id\":null,\"name\":null,\"price\":null,\"ok\":null}"));
    assertTakes(line("items", "{\"id\":1,\"name\":\"Ada\",\"price\":2.5,\"ok\":true}", "null"));
  }

  @Test
  void aFloatEmittedAtIsTakenOnlyWhenEmittedAtIsNotTyped() {
    String l = line("items", "{\"id\":1,\"name\":\"Ada\",\"price\":2.5,\"ok\":true}", "1.7e12");
    assertEquals(false, takes(LEARNED, l, true, true), "typed emitted_at took 1.7e12");
    assertEquals(true, takes(LEARNED, l, true, false), "untyped emitted_at left 1.7e12");
    String long19 =
        line(
            "items",
            "{\"id\":1,\"name\":\"Ada\",\"price\":2.5,\"ok\":true}",
            "1234567890123456789");
    assertEquals(false, takes(LEARNED, long19, true, true), "typed emitted_at took 19 digits");
  }

  @Test
  void dataNullLearnedDoesNotTakeADataObject() {
    String learned = line("items", "null", "1700000000000");
    assertEquals(
        true, takes(learned, line("items", "null", "1800000000000"), true, true), "data null");
    assertEquals(
        false,
        takes(learned, line("items", "{\"id\":1}", "1700000000000"), true, true),
        "a data object after a data null");
  }

  @Test
  void aLineCutByTheChunkEndIsNotTaken() {
    String other = item("{\"id\":2,\"name\":\"Bo\",\"price\":3.5,\"ok\":false}");
    RecordTemplate t = learn(LEARNED);
    assertEquals(-1, match(t, other, true, true), "the line without its line break");
    byte[] b = (other + "\n").getBytes(StandardCharsets.US_ASCII);
    for (int end = 0; end < b.length; end++) {
      assertEquals(-1, t.match(b, 0, end, true, true), "taken though cut at " + end);
    }
    assertEquals(other.length(), t.match(b, 0, b.length, true, true), "the whole line");
  }

  @Test
  void nestedValuesWithQuotesAndBracketsInsideStringsAreTaken() {
    String learned = item("{\"id\":1,\"tags\":{\"a\":[1,2]},\"name\":\"Ada\"}");
    String nested =
        item("{\"id\":2,\"tags\":{\"x\":\"}]\",\"y\":[{\"z\":\"[{\"}]},\"name\":\"Bo\"}");
    String array = item("{\"id\":3,\"tags\":[\"]\",{\"k\":\"}\"}],\"name\":\"Cy\"}");
    assertEquals(true, takes(learned, nested, true, true), "a nested object: " + nested);
    assertEquals(true, takes(learned, array, true, true), "a nested array: " + array);
  }

  @Test
  void aNestedValueWithABackslashIsNotTaken() {
    String learned = item("{\"id\":1,\"tags\":{\"a\":[1,2]},\"name\":\"Ada\"}");
    String escaped = item("{\"id\":2,\"tags\":{\"x\":\"a\\\"b\"},\"name\":\"Bo\"}");
    assertEquals(false, takes(learned, escaped, true, true), "an escape inside a nested value");
  }

  @Test
  void aTrailingMemberAfterTheRecordMustRepeatTheLearnedOne() {
    String data = "{\"id\":1,\"name\":\"Ada\"}";
    String learned = START + "items\",\"data\":" + data + "},\"extra\":1}";
    String same = START + "items\",\"data\":{\"id\":2,\"name\":\"Bo\"}},\"extra\":1}";
    String differs = START + "items\",\"data\":{\"id\":2,\"name\":\"Bo\"}},\"extra\":2}";
    assertEquals(true, takes(learned, same, true, true), "the same trailing member");
    assertEquals(false, takes(learned, differs, true, true), "another trailing member");
  }
}
