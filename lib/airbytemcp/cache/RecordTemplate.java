package airbytemcp.cache;

import airbytemcp.common.Redactor;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shape of a RECORD line that a stream staged as it is: every byte of it outside the values
 * (the envelope, the stream name, the keys, punctuation and spaces) and, per value, what its column
 * needs of it. Connectors write line after line of one shape, so a line that repeats those bytes
 * around fitting values is staged with one pass over it: its keys are the ones {@link RecordLines}
 * already let through, and only the values are read. A line that differs anywhere goes the long way
 * (which learns its shape).
 */
final class RecordTemplate {
  /** Any JSON value (the text path reads it); the other kinds are {@link StreamStage}'s checks. */
  static final int ANY = 0;

  static final int INTEGER = 1;
  static final int BOOL = 2;
  static final int NUMBER = 3;

  /** The record's {@code emitted_at}: null or an integer of at most 18 digits, when checked. */
  static final int EPOCH = 4;

  /** The bytes before each value and, last, those after the last value up to the line break. */
  private final byte[][] literals;

  private final int[] kinds;

  /** Per value, its key (UTF-8, without quotes): where {@link RecordSeams} keeps its strings. */
  private final byte[][] keys;

  /** Where each value of the line matched last starts and ends (see {@link #valueSpans}). */
  private final int[] spans;

  /** Where the record's members after its stream name start, from the line's start. */
  private final int membersOffset;

  /** The bytes from the record object's closing brace to the line break. */
  private final int afterRecord;

  private RecordTemplate(
      List<byte[]> literals,
      List<Integer> kinds,
      List<byte[]> keys,
      int membersOffset,
      int afterRecord) {
    this.literals = literals.toArray(new byte[0][]);
    this.kinds = kinds.stream().mapToInt(Integer::intValue).toArray();
    this.keys = keys.toArray(new byte[0][]);
    this.spans = new int[2 * this.kinds.length];
    this.membersOffset = membersOffset;
    this.afterRecord = afterRecord;
  }

  /**
   * Where, in a line this template matched, the record's members after its stream name start,
   * counted from the line's start: they lie within the first literal, so every such line has them
   * at the same place.
   */
  int membersOffset() {
    return membersOffset;
  }

  /**
   * How far before a matched line's break the record object's closing brace is: it lies within the
   * last literal.
   */
  int afterRecord() {
    return afterRecord;
  }

  /** Per value, its key: the same for every line of this shape. */
  byte[][] keys() {
    return keys;
  }

  /**
   * Where each value of the line {@link #match} took last starts and ends, two ints per value in
   * the order of {@link #keys}.
   */
  int[] valueSpans() {
    return spans;
  }

  /** The count of secrets ({@link Redactor#secretsKnown}) the literals were last searched for. */
  private int literalsSearchedFor = -1;

  private boolean literalsShowSecret;

  /**
   * Whether the bytes a matched line shares with this template, from the record's members after its
   * stream name to the record object's closing brace, hold a secret: searched once per count of
   * secrets the masker knows ({@code known}, read before it is asked), since they are the same on
   * every line.
   */
  boolean literalsShowSecret(Redactor masker, int known) {
    if (known != literalsSearchedFor) {
      boolean found = false;
      int last = literals.length - 1;
      for (int i = 0; i <= last && !found; i++) {
        byte[] literal = literals[i];
        int from = i == 0 ? membersOffset : 0;
        int to = i == last ? literal.length - afterRecord + 1 : literal.length;
        found = from < to && masker.revealsSecretInAscii(literal, from, to);
      }
      literalsShowSecret = found;
      literalsSearchedFor = known;
    }
    return literalsShowSecret;
  }

  /** The kind of check a {@code data} key's value needs. */
  interface Kinds {
    int kindOf(byte[] line, int keyStart, int keyEnd);
  }

  /**
   * The template of a plain RECORD line at {@code [from, end)} whose stream name ends (at its
   * closing quote) at {@code nameEnd}, and whose {@code data} keys were let through; null when the
   * line does not have the shape this reads (then every line of it goes the long way).
   */
  static RecordTemplate learn(byte[] line, int from, int end, int nameEnd, Kinds kinds) {
    List<byte[]> literals = new ArrayList<>();
    List<Integer> kindList = new ArrayList<>();
    List<byte[]> keyList = new ArrayList<>();
    int literalStart = from;
    int membersStart = RecordLines.membersStart(line, nameEnd, end);
    int at = nameEnd + 1;
    while (true) {
      at = skipSpaces(line, at, end);
      if (at >= end) {
        return null;
      }
      byte c = line[at];
      if (c == '}') {
        break; // the record object ends; what follows is the last literal
      }
      if (c == ',') {
        at++;
        continue;
      }
      int keyEnd = c == '"' ? RecordLines.stringEnd(line, at + 1, end) : -1;
      if (keyEnd < 0) {
        return null;
      }
      int keyStart = at;
      int member = RecordLines.memberRead(line, at, keyEnd + 1);
      boolean isData = member == RecordLines.DATA_MEMBER;
      at = colon(line, keyEnd + 1, end);
      if (at < 0) {
        return null;
      }
      if (isData && line[at] == '{') {
        at++;
        while (true) {
          at = skipSpaces(line, at, end);
          if (at >= end) {
            return null;
          }
          byte d = line[at];
          if (d == '}') {
            at++;
            break;
          }
          if (d == ',') {
            at++;
            continue;
          }
          int fieldEnd = d == '"' ? RecordLines.stringEnd(line, at + 1, end) : -1;
          if (fieldEnd < 0) {
            return null;
          }
          int valueStart = colon(line, fieldEnd + 1, end);
          if (valueStart < 0) {
            return null;
          }
          literals.add(Arrays.copyOfRange(line, literalStart, valueStart));
          kindList.add(kinds.kindOf(line, at + 1, fieldEnd));
          keyList.add(Arrays.copyOfRange(line, at + 1, fieldEnd));
          at = valueEnd(line, valueStart, end, ANY);
          if (at < 0) {
            return null;
          }
          literalStart = at;
        }
      } else if (isData) {
        at = valueEnd(line, at, end, ANY); // null: part of the literal, so an object is not taken
        if (at < 0) {
          return null;
        }
      } else {
        literals.add(Arrays.copyOfRange(line, literalStart, at));
        kindList.add(member == RecordLines.EMITTED_AT_MEMBER ? EPOCH : ANY);
        keyList.add(Arrays.copyOfRange(line, keyStart + 1, keyEnd));
        at = valueEnd(line, at, end, ANY);
        if (at < 0) {
          return null;
        }
        literalStart = at;
      }
    }
    literals.add(Arrays.copyOfRange(line, literalStart, end));
    return new RecordTemplate(literals, kindList, keyList, membersStart - from, end - at);
  }

  /**
   * Where the line break of the line that starts at {@code from} is, when the line has this shape:
   * the same bytes around its values, values of their kinds, nothing but ASCII and no backslash
   * (the plain lines {@link airbytemcp.protocol.LineSplitter} lets through); -1 otherwise, and when
   * the line does not end before {@code end}.
   *
   * @param typed whether integer, boolean and decimal values must fit their columns' typed read;
   *     when the staging file is read as text already, any value goes
   * @param typedEpoch the same for {@code emitted_at}
   */
  int match(byte[] bytes, int from, int end, boolean typed, boolean typedEpoch) {
    byte[][] lits = literals;
    int[] k = kinds;
    int at = from;
    for (int i = 0; ; i++) {
      byte[] literal = lits[i];
      if (!same(bytes, at, end, literal)) {
        return -1;
      }
      at += literal.length;
      if (i == k.length) {
        break;
      }
      int kind = k[i];
      spans[2 * i] = at;
      at =
          valueEnd(
              bytes, at, end, kind == EPOCH ? (typedEpoch ? INTEGER : ANY) : typed ? kind : ANY);
      if (at < 0) {
        return -1;
      }
      spans[2 * i + 1] = at;
    }
    return at < end && bytes[at] == '\n' ? at : -1;
  }

  /**
   * Where the value at {@code at} ends when it is plain (ASCII, no backslash, no line break) and of
   * the kind; -1 otherwise. Strings end at the next quote (no backslash, so no escaped one), a
   * nested value where its brackets close, anything else before the next delimiter, as {@link
   * RecordLines} reads them. {@link StreamStage} checks the values of the lines it stages the long
   * way with this too.
   */
  static int valueEnd(byte[] b, int at, int end, int kind) {
    if (at >= end) {
      return -1;
    }
    byte c = b[at];
    if (c == 'n' && isLiteral(b, at, end, NULL)) {
      return at + 4; // null fits every column
    }
    return switch (kind) {
      case INTEGER -> number(b, at, end, false);
      case BOOL ->
          isLiteral(b, at, end, TRUE) ? at + 4 : isLiteral(b, at, end, FALSE) ? at + 5 : -1;
      case NUMBER -> number(b, at, end, true);
      default -> anyValue(b, at, end, c);
    };
  }

  private static int anyValue(byte[] b, int at, int end, byte c) {
    if (c == '"') {
      return stringEnd(b, at + 1, end);
    }
    if (c == '{' || c == '[') {
      int depth = 0;
      for (int i = at; i < end; i++) {
        byte d = b[i];
        if (d == '"') {
          i = stringEnd(b, i + 1, end) - 1;
          if (i < 0) {
            return -1;
          }
        } else if (d == '{' || d == '[') {
          depth++;
        } else if ((d == '}' || d == ']') && --depth == 0) {
          return i + 1;
        } else if (d == '\\' || d == '\n' || d < 0) {
          return -1;
        }
      }
      return -1;
    }
    int i = at;
    for (byte d; i < end && (d = b[i]) > ' ' && d != ',' && d != '}' && d != ']'; i++) {
      if (d == '\\') {
        return -1;
      }
    }
    return i == at ? -1 : i; // a byte past ASCII stops it, and no literal goes on with one
  }

  /** After the closing quote of a string whose first char is at {@code from}; -1 when not plain. */
  private static int stringEnd(byte[] b, int from, int end) {
    for (int i = from; i < end; i++) {
      byte d = b[i];
      if (d == '"') {
        return i + 1;
      }
      if (d == '\\' || d == '\n' || d < 0) {
        return -1;
      }
    }
    return -1;
  }

  /**
   * After a JSON number at {@code at} that DuckDB reads typed exactly as its text cast reads it
   * (see {@link StreamStage}): an integer of 1 to 18 digits or, when {@code fraction} allows one,
   * at most 6 integer and 1 to 9 fraction digits; no exponent, and a delimiter after it. -1
   * otherwise.
   */
  private static int number(byte[] b, int at, int end, boolean fraction) {
    int i = at;
    if (i < end && b[i] == '-') {
      i++;
    }
    int digitsStart = i;
    while (i < end && b[i] >= '0' && b[i] <= '9') {
      i++;
    }
    int digits = i - digitsStart;
    if (digits == 0 || digits > 18) {
      return -1;
    }
    if (i < end && b[i] == '.') {
      int fractionStart = ++i;
      while (i < end && b[i] >= '0' && b[i] <= '9') {
        i++;
      }
      int fractionDigits = i - fractionStart;
      if (!fraction || digits > 6 || fractionDigits == 0 || fractionDigits > 9) {
        return -1;
      }
    }
    return ends(b, i, end) ? i : -1;
  }

  private static boolean isLiteral(byte[] b, int at, int end, byte[] literal) {
    int after = at + literal.length;
    return after <= end && startsWith(b, at, literal) && ends(b, after, end);
  }

  /** Whether a scalar value ends at {@code at}: a delimiter or a space follows it. */
  private static boolean ends(byte[] b, int at, int end) {
    if (at >= end) {
      return false;
    }
    byte c = b[at];
    return c == ',' || c == '}' || c == ' ' || c == '\t';
  }

  private static final byte[] NULL = {'n', 'u', 'l', 'l'};
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

  private static boolean startsWith(byte[] b, int at, byte[] prefix) {
    for (int i = 0; i < prefix.length; i++) {
      if (b[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static final VarHandle WORDS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /**
   * Whether {@code literal} is at {@code at}. Under the server's C1-only JIT a byte loop costs
   * about 2 ns a byte: a long literal is compared by {@link Arrays#equals(byte[], int, int, byte[],
   * int, int)}, a short one eight bytes at a time (measured fastest for each).
   */
  private static boolean same(byte[] b, int at, int end, byte[] literal) {
    int n = literal.length;
    if (at + n > end) {
      return false;
    }
    if (n >= 24) {
      return Arrays.equals(b, at, at + n, literal, 0, n);
    }
    int i = 0;
    for (; i + Long.BYTES <= n; i += Long.BYTES) {
      if ((long) WORDS.get(b, at + i) != (long) WORDS.get(literal, i)) {
        return false;
      }
    }
    for (; i < n; i++) {
      if (b[at + i] != literal[i]) {
        return false;
      }
    }
    return true;
  }

  /** After the colon that follows a key (spaces around it skipped): the value's start, or -1. */
  private static int colon(byte[] line, int from, int end) {
    int at = skipSpaces(line, from, end);
    if (at >= end || line[at] != ':') {
      return -1;
    }
    at = skipSpaces(line, at + 1, end);
    return at < end ? at : -1;
  }

  private static int skipSpaces(byte[] line, int from, int end) {
    int at = from;
    while (at < end && (line[at] == ' ' || line[at] == '\t')) {
      at++;
    }
    return at;
  }
}
