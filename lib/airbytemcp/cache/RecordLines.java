package airbytemcp.cache;

import airbytemcp.common.Json;
import airbytemcp.protocol.RecordFields;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * RECORD lines as the staging files hold them. A connector's line is staged as it is when a scan of
 * its chars shows the shape connectors write ({@code {"type":"RECORD","record":{"stream":"..."}},
 * spaces allowed) and no backslash (so no JSON escape can spell a secret the masker would not see
 * in the text); any other record is parsed, masked value by value and written anew.
 */
final class RecordLines {
  private static final String TYPE = "type";
  private static final String RECORD = "RECORD";

  private RecordLines() {}

  /**
   * The stream of a connector's RECORD line that can be staged as it is; null when it must be
   * parsed.
   */
  static String streamOfPlainLine(String line) {
    if (line.indexOf('\\') >= 0) {
      return null;
    }
    int at = skipSpaces(line, 0);
    if (!line.startsWith("{", at)) {
      return null;
    }
    at = key(line, at + 1, TYPE);
    if (at < 0 || !line.startsWith("\"" + RECORD + "\"", at)) {
      return null;
    }
    at = skipSpaces(line, at + RECORD.length() + 2);
    if (!line.startsWith(",", at)) {
      return null;
    }
    at = key(line, at + 1, "record");
    if (at < 0 || !line.startsWith("{", at)) {
      return null;
    }
    at = key(line, at + 1, "stream");
    if (at < 0 || !line.startsWith("\"", at)) {
      return null;
    }
    int end = line.indexOf('"', at + 1);
    return end < 0 ? null : line.substring(at + 1, end);
  }

  /** Decides, for each key of a plain line's {@code data}, whether it can be staged as it is. */
  interface KeyFilter {
    /** The key at {@code [start, end)} of the line, the {@code index}th of its object. */
    boolean passes(String line, int start, int end, int index);
  }

  /**
   * Whether every key of the {@code data} object of a plain line (see {@link #streamOfPlainLine})
   * passes the filter; false when {@code data} is not an object or null. Strings end at the next
   * quote, as a plain line has no backslash.
   */
  static boolean dataKeysPass(String line, KeyFilter filter) {
    int at = key(line, 1 + skipSpaces(line, 0), TYPE);
    at = key(line, skipSpaces(line, at + RECORD.length() + 2) + 1, "record") + 1;
    int n = line.length();
    while (true) {
      at = skipSpaces(line, at);
      if (at >= n) {
        return false;
      }
      char c = line.charAt(at);
      if (c == '}') {
        return true;
      }
      if (c == ',') {
        at++;
        continue;
      }
      int keyEnd = c == '"' ? line.indexOf('"', at + 1) : -1;
      if (keyEnd < 0) {
        return false;
      }
      boolean isData = keyEnd - at == 5 && line.startsWith("data", at + 1);
      at = skipSpaces(line, keyEnd + 1);
      if (at >= n || line.charAt(at) != ':') {
        return false;
      }
      at = skipSpaces(line, at + 1);
      if (isData && line.startsWith("{", at)) {
        at = dataKeys(line, at + 1, filter);
      } else if (isData && !line.startsWith("null", at)) {
        return false;
      } else {
        at = skipValue(line, at);
      }
      if (at < 0) {
        return false;
      }
    }
  }

  /** Checks the keys of an object from just after its brace; where it ends, or -1. */
  private static int dataKeys(String line, int from, KeyFilter filter) {
    int at = from;
    int n = line.length();
    for (int index = 0; ; ) {
      at = skipSpaces(line, at);
      if (at >= n) {
        return -1;
      }
      char c = line.charAt(at);
      if (c == '}') {
        return at + 1;
      }
      if (c == ',') {
        at++;
        continue;
      }
      int keyEnd = c == '"' ? line.indexOf('"', at + 1) : -1;
      if (keyEnd < 0 || !filter.passes(line, at + 1, keyEnd, index++)) {
        return -1;
      }
      at = skipSpaces(line, keyEnd + 1);
      if (at >= n || line.charAt(at) != ':') {
        return -1;
      }
      at = skipValue(line, skipSpaces(line, at + 1));
      if (at < 0) {
        return -1;
      }
    }
  }

  /** Where the JSON value starting at {@code at} ends, or -1. */
  private static int skipValue(String line, int at) {
    int n = line.length();
    if (at >= n) {
      return -1;
    }
    char c = line.charAt(at);
    if (c == '"') {
      int end = line.indexOf('"', at + 1);
      return end < 0 ? -1 : end + 1;
    }
    if (c == '{' || c == '[') {
      int depth = 0;
      for (int i = at; i < n; i++) {
        char d = line.charAt(i);
        if (d == '"') {
          i = line.indexOf('"', i + 1);
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
    while (i < n && ",}] \t\r\n".indexOf(line.charAt(i)) < 0) {
      i++;
    }
    return i == at ? -1 : i;
  }

  /** After {@code "name"} and its colon (spaces skipped): where the value starts; else -1. */
  private static int key(String line, int from, String name) {
    int at = skipSpaces(line, from);
    if (!line.startsWith("\"" + name + "\"", at)) {
      return -1;
    }
    at = skipSpaces(line, at + name.length() + 2);
    if (!line.startsWith(":", at)) {
      return -1;
    }
    return skipSpaces(line, at + 1);
  }

  private static int skipSpaces(String line, int from) {
    int at = from;
    while (at < line.length() && Character.isWhitespace(line.charAt(at))) {
      at++;
    }
    return at;
  }

  /**
   * A RECORD line of already masked fields. A number, object or array the masker changed is
   * written as text when it is no longer JSON, so the line always parses (the column's cast then
   * nulls it).
   */
  static String of(
      RecordFields record, UnaryOperator<String> fieldOf, long emittedAtWhenMissing) {
    // the last value of a field wins, whichever spelling of it the record used
    Map<String, Integer> valueOf = new LinkedHashMap<>();
    for (int i = 0; i < record.size(); i++) {
      String field = fieldOf.apply(record.name(i));
      if (field != null) {
        valueOf.put(field, i);
      }
    }
    StringBuilder out = new StringBuilder(128);
    out.append("{\"record\":{\"data\":{");
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
    return out.append("}}").toString();
  }

  private static void appendValue(StringBuilder out, String value, boolean isString) {
    if (isString || !isJson(value)) {
      out.append(RecordFields.quoted(value));
    } else {
      out.append(value);
    }
  }

  private static boolean isJson(String text) {
    if (!text.contains(airbytemcp.secrets.Masker.MASK)) {
      return true; // as the connector sent it, and the parser accepted it
    }
    try {
      Json.MAPPER
          .reader()
          .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .readTree(text);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
