package airbytemcp.cache;

import airbytemcp.common.Json;
import airbytemcp.common.Redactor;
import airbytemcp.protocol.RecordFields;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * RECORD lines as the staging files hold them. A connector's line is staged as it is when a scan of
 * its bytes shows a plain line: ASCII, the shape connectors write ({@code
 * {"type":"RECORD","record":{"stream":"..."}}, spaces allowed), no backslash (so no JSON escape can
 * spell a secret the masker would not see in the text) and data keys the stream stores as they are
 * spelled. Any other record is parsed, masked value by value and written anew.
 */
final class RecordLines {
  private static final byte[] TYPE = bytes("\"type\"");
  private static final byte[] RECORD_TYPE = bytes("\"RECORD\"");
  private static final byte[] RECORD = bytes("\"record\"");
  private static final byte[] STREAM = bytes("\"stream\"");
  private static final byte[] DATA = bytes("\"data\"");
  private static final byte[] EMITTED_AT = bytes("\"emitted_at\"");
  private static final byte[] META = bytes("\"meta\"");
  private static final byte[] SEQUENCE = bytes("\"" + StreamStage.SEQ + "\"");
  private static final byte[] NULL = bytes("null");
  private static final byte[] COMPACT_START =
      bytes("{\"type\":\"RECORD\",\"record\":{\"stream\":\"");
  private static final ObjectReader STRICT =
      Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private RecordLines() {}

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** Decides, for each key of a plain line's {@code data}, whether it can be staged as it is. */
  interface KeyFilter {
    /** The key at {@code [start, end)} of the line, the {@code index}th of its object. */
    boolean passes(byte[] line, int start, int end, int index);

    /** Sees the record's {@code emitted_at} value, which starts at {@code at}. */
    default void emittedAt(byte[] line, int at, int end) {}
  }

  /**
   * Whether the line is ASCII without a backslash; the line's UTF-8 bytes are ASCII exactly when
   * there are as many as it has chars.
   */
  static boolean isPlainText(byte[] line, int charCount) {
    if (line.length != charCount) {
      return false;
    }
    for (byte b : line) {
      if (b == '\\') {
        return false;
      }
    }
    return true;
  }

  /**
   * Where the stream name of a plain RECORD line starts (after its quote), with the record object's
   * first key; -1 when the line does not have the shape.
   */
  static int streamNameStart(byte[] line) {
    return streamNameStart(line, 0, line.length);
  }

  /** {@link #streamNameStart(byte[])} of the line at {@code [from, end)} of {@code line}. */
  static int streamNameStart(byte[] line, int from, int end) {
    if (startsCompact(line, from, end)) {
      return from + COMPACT_START.length; // written without spaces, as connectors do
    }
    int at = skipSpaces(line, from, end);
    if (!is(line, at, end, '{')) {
      return -1;
    }
    at = key(line, at + 1, end, TYPE);
    if (!startsWith(line, at, end, RECORD_TYPE)) {
      return -1;
    }
    at = skipSpaces(line, at + RECORD_TYPE.length, end);
    if (!is(line, at, end, ',')) {
      return -1;
    }
    at = key(line, at + 1, end, RECORD);
    if (!is(line, at, end, '{')) {
      return -1;
    }
    at = key(line, at + 1, end, STREAM);
    return is(line, at, end, '"') ? at + 1 : -1;
  }

  /**
   * Where the stream name starts when the line at {@code from} starts the way connectors write a
   * RECORD, with no spaces; -1 otherwise. Reads nothing past {@code end}.
   */
  static int compactNameStart(byte[] line, int from, int end) {
    return startsCompact(line, from, end) ? from + COMPACT_START.length : -1;
  }

  /** Where a string that starts at {@code from} (after its quote) ends: its closing quote. */
  static int stringEnd(byte[] line, int from) {
    return stringEnd(line, from, line.length);
  }

  /** {@link #stringEnd(byte[], int)} within a line that ends at {@code end}; -1 past it. */
  static int stringEnd(byte[] line, int from, int end) {
    for (int i = from; i < end; i++) {
      if (line[i] == '"') {
        return i;
      }
    }
    return -1;
  }

  /**
   * Where the members of a record object that follow its stream name start: the first one after the
   * comma that follows the name's closing quote at {@code nameEnd}, or the object's closing brace
   * when the stream is its only member.
   */
  static int membersStart(byte[] line, int nameEnd, int end) {
    int at = skipSpaces(line, nameEnd + 1, end);
    return is(line, at, end, ',') ? skipSpaces(line, at + 1, end) : at;
  }

  /**
   * Where the record object of a plain line ends (its closing brace) when every key of its {@code
   * data} object passes the filter; -1 when one does not, or when {@code data} is neither an object
   * nor null. The record's first value is its stream name, whose closing quote is at {@code
   * nameEnd}. Strings end at the next quote, as a plain line has no backslash.
   */
  static int recordEnd(byte[] line, int nameEnd, int end, KeyFilter filter) {
    int at = nameEnd + 1;
    int n = end;
    // DuckDB refuses a whole staging file over one object with a member it reads twice, and the
    // sequence member is the stage's own: such a record goes the long way (the parser keeps the
    // last of a repeated member)
    int seen = 0;
    while (true) {
      at = skipSpaces(line, at, end);
      if (at >= n) {
        return -1;
      }
      byte c = line[at];
      if (c == '}') {
        return at;
      }
      if (c == ',') {
        at++;
        continue;
      }
      int keyEnd = c == '"' ? stringEnd(line, at + 1, end) : -1;
      if (keyEnd < 0) {
        return -1;
      }
      int member = memberRead(line, at, keyEnd + 1);
      if ((seen & member) != 0 || member == SEQUENCE_MEMBER) {
        return -1;
      }
      seen |= member;
      boolean isData = member == DATA_MEMBER;
      at = skipSpaces(line, keyEnd + 1, end);
      if (!is(line, at, end, ':')) {
        return -1;
      }
      at = skipSpaces(line, at + 1, end);
      if (isData && is(line, at, end, '{')) {
        at = dataKeys(line, at + 1, end, filter);
      } else if (isData && !startsWith(line, at, end, NULL)) {
        return -1;
      } else {
        if (member == EMITTED_AT_MEMBER) {
          filter.emittedAt(line, at, end);
        }
        at = skipValue(line, at, end);
      }
      if (at < 0) {
        return -1;
      }
    }
  }

  // the members DuckDB reads from a staged record, as bits
  static final int DATA_MEMBER = 1;
  static final int EMITTED_AT_MEMBER = 2;
  private static final int META_MEMBER = 4;
  private static final int SEQUENCE_MEMBER = 8;

  /**
   * Which member DuckDB reads the quoted key at {@code [from, to)} is; 0 for any other key. {@link
   * RecordTemplate} tells a learned line's members by it too.
   */
  static int memberRead(byte[] line, int from, int to) {
    int length = to - from;
    if (length == DATA.length && startsWith(line, from, to, DATA)) {
      return DATA_MEMBER;
    }
    if (length == EMITTED_AT.length && startsWith(line, from, to, EMITTED_AT)) {
      return EMITTED_AT_MEMBER;
    }
    if (length == META.length && startsWith(line, from, to, META)) {
      return META_MEMBER;
    }
    if (length == SEQUENCE.length && startsWith(line, from, to, SEQUENCE)) {
      return SEQUENCE_MEMBER;
    }
    return 0;
  }

  /** Checks the keys of an object from just after its brace; where it ends, or -1. */
  private static int dataKeys(byte[] line, int from, int end, KeyFilter filter) {
    int at = from;
    int n = end;
    for (int index = 0; ; ) {
      at = skipSpaces(line, at, end);
      if (at >= n) {
        return -1;
      }
      byte c = line[at];
      if (c == '}') {
        return at + 1;
      }
      if (c == ',') {
        at++;
        continue;
      }
      int keyEnd = c == '"' ? stringEnd(line, at + 1, end) : -1;
      if (keyEnd < 0 || !filter.passes(line, at + 1, keyEnd, index++)) {
        return -1;
      }
      at = skipSpaces(line, keyEnd + 1, end);
      if (!is(line, at, end, ':')) {
        return -1;
      }
      at = skipValue(line, skipSpaces(line, at + 1, end), end);
      if (at < 0) {
        return -1;
      }
    }
  }

  /** Where the JSON value starting at {@code at} ends, or -1. */
  private static int skipValue(byte[] line, int at, int end) {
    int n = end;
    if (at >= n) {
      return -1;
    }
    byte c = line[at];
    if (c == '"') {
      int close = stringEnd(line, at + 1, end);
      return close < 0 ? -1 : close + 1;
    }
    if (c == '{' || c == '[') {
      int depth = 0;
      for (int i = at; i < n; i++) {
        byte d = line[i];
        if (d == '"') {
          i = stringEnd(line, i + 1, end);
          if (i < 0) {
            return -1;
          }
        } else if (d == '{' || d == '[') {
          depth++;
        } else if ((d == '}' || d == ']') && --depth == 0) {
          return i + 1;
        }
      }
      return -1;
    }
    int i = at;
    while (i < n && line[i] != ',' && line[i] != '}' && line[i] != ']' && line[i] > ' ') {
      i++;
    }
    return i == at ? -1 : i;
  }

  /** After the quoted key {@code name} and its colon (spaces skipped): where the value starts. */
  private static int key(byte[] line, int from, int end, byte[] name) {
    int at = skipSpaces(line, from, end);
    if (!startsWith(line, at, end, name)) {
      return -1;
    }
    at = skipSpaces(line, at + name.length, end);
    return is(line, at, end, ':') ? skipSpaces(line, at + 1, end) : -1;
  }

  private static boolean is(byte[] line, int at, int end, char c) {
    return at >= 0 && at < end && line[at] == c;
  }

  private static final VarHandle WORDS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** {@link #COMPACT_START}'s first 32 bytes as four longs. */
  private static final long[] COMPACT_WORDS = new long[4];

  static {
    for (int i = 0; i < COMPACT_WORDS.length; i++) {
      COMPACT_WORDS[i] = (long) WORDS.get(COMPACT_START, i * Long.BYTES);
    }
  }

  /** Whether the line starts with {@link #COMPACT_START}: four long compares and five bytes. */
  private static boolean startsCompact(byte[] line, int at, int end) {
    int n = COMPACT_START.length;
    if (at + n > end) {
      return false;
    }
    if ((long) WORDS.get(line, at) != COMPACT_WORDS[0]
        || (long) WORDS.get(line, at + 8) != COMPACT_WORDS[1]
        || (long) WORDS.get(line, at + 16) != COMPACT_WORDS[2]
        || (long) WORDS.get(line, at + 24) != COMPACT_WORDS[3]) {
      return false;
    }
    for (int i = 32; i < n; i++) {
      if (line[at + i] != COMPACT_START[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWith(byte[] line, int at, int end, byte[] prefix) {
    if (at < 0 || at + prefix.length > end) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (line[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** Where the first char from {@code from} that is not a space is; small for C1 to inline. */
  private static int skipSpaces(byte[] line, int from, int end) {
    return from >= 0 && from < end && line[from] > ' ' ? from : skipSpacesFrom(line, from, end);
  }

  private static int skipSpacesFrom(byte[] line, int from, int end) {
    int at = from;
    while (at >= 0 && at < end && line[at] <= ' ' && line[at] >= 0) {
      at++;
    }
    return at;
  }

  /**
   * A record object as a staging file holds it ({@code data}, {@code emitted_at} and {@code meta};
   * no stream name), of already masked fields, keyed as {@code fieldOf} spells them (null: left
   * out). A number, object or array the masker changed is written as text when it is no longer
   * JSON, so the line always parses (the column's cast then nulls it).
   */
  static String of(RecordFields record, UnaryOperator<String> fieldOf, long emittedAtWhenMissing) {
    // the last value of a field wins, whichever spelling of it the record used
    Map<String, Integer> valueOf = new LinkedHashMap<>();
    for (int i = 0; i < record.size(); i++) {
      String field = fieldOf.apply(record.name(i));
      if (field != null) {
        valueOf.put(field, i);
      }
    }
    StringBuilder out = new StringBuilder(128);
    out.append("{\"data\":{");
    boolean first = true;
    for (Map.Entry<String, Integer> field : valueOf.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      int i = field.getValue();
      out.append(RecordFields.quoted(field.getKey())).append(':');
      appendValue(out, record.value(i), record.isString(i));
    }
    Long emittedAt = record.emittedAt();
    out.append("},\"emitted_at\":").append(emittedAt != null ? emittedAt : emittedAtWhenMissing);
    if (record.metaJson() != null) {
      out.append(",\"meta\":");
      appendValue(out, record.metaJson(), false);
    }
    return out.append('}').toString();
  }

  private static void appendValue(StringBuilder out, String value, boolean isString) {
    if (isString || !isJson(value)) {
      out.append(RecordFields.quoted(value));
    } else {
      out.append(value);
    }
  }

  private static boolean isJson(String text) {
    if (!text.contains(Redactor.MASK)) {
      return true; // as the connector sent it, and the parser accepted it
    }
    try {
      STRICT.readTree(text);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
