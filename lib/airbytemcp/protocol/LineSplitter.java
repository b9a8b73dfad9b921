package airbytemcp.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Cuts a byte stream that arrives in arbitrary chunks (Docker frames are not aligned to lines) into
 * lines, refusing a line longer than a limit with {@link LineTooLong} instead of holding it. Lines
 * go out as bytes ({@link Lines}), each with whether it is plain ASCII, or decoded as UTF-8
 * strings. Not thread-safe: feed it from one thread.
 */
public final class LineSplitter {
  /**
   * The longest line a connector may write: one message, so one record; Airbyte's own platform
   * refuses records above 20 MB. Longer lines fail the connector rather than exhaust the server's
   * memory.
   */
  public static final int MAX_LINE_BYTES = 20 * 1024 * 1024;

  /** Receives each line's bytes, without its line break; they are only valid during the call. */
  @FunctionalInterface
  public interface Lines {
    /**
     * @param plain whether every byte of the line is ASCII and none is a backslash, so the text is
     *     exactly its bytes and no JSON escape can hide anything in it
     */
    void accept(byte[] bytes, int offset, int length, boolean plain);

    /**
     * Offered the chunk from each line start: takes the complete lines it can handle in bulk and
     * returns where the first line it left starts ({@code from} when none). The splitter cuts and
     * hands on the lines after that itself, and offers the rest of the chunk again after each.
     */
    default int takeLines(byte[] bytes, int from, int end) {
      return from;
    }
  }

  /** What each byte is to the scan: most are nothing, so the loop tests one table entry. */
  private static final byte[] KIND = new byte[256];

  private static final byte NEWLINE = 1;
  private static final byte NOT_PLAIN = 2;

  static {
    KIND['\n'] = NEWLINE;
    KIND['\\'] = NOT_PLAIN;
    for (int b = 0x80; b < 0x100; b++) {
      KIND[b] = NOT_PLAIN;
    }
  }

  /**
   * Reads eight bytes of a chunk as one long: compiled to one load also by the server's C1-only
   * JIT, about twice as fast there as the table loop over each byte (measured).
   */
  private static final VarHandle WORDS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private byte[] pending = new byte[256];
  private int pendingSize;
  private boolean plain = true;
  private final Lines lines;
  private final int maxLineBytes;
  private final String stream;

  public LineSplitter(Consumer<String> lines) {
    this(lines, MAX_LINE_BYTES, "the stream");
  }

  /**
   * @param stream what the stream is, for the error ({@code stdout}, {@code stderr})
   */
  public LineSplitter(Consumer<String> lines, int maxLineBytes, String stream) {
    this(
        (bytes, offset, length, plain) ->
            lines.accept(new String(bytes, offset, length, StandardCharsets.UTF_8)),
        maxLineBytes,
        stream);
  }

  /**
   * @param stream what the stream is, for the error ({@code stdout}, {@code stderr})
   */
  public LineSplitter(Lines lines, int maxLineBytes, String stream) {
    this.lines = lines;
    this.maxLineBytes = maxLineBytes;
    this.stream = stream;
  }

  public void accept(byte[] bytes, int offset, int length) {
    int start = offset;
    int end = offset + length;
    if (pendingSize == 0) {
      start = lines.takeLines(bytes, start, end); // a line starts here
    }
    int lastWord = end - Long.BYTES;
    boolean linePlain = plain;
    for (int i = start; i < end; ) {
      // eight bytes at a time while none of them matters: most of a record's bytes
      if (i <= lastWord && !anyMarked((long) WORDS.get(bytes, i))) {
        i += Long.BYTES;
        continue;
      }
      for (int stop = Math.min(i + Long.BYTES, end); i < stop; i++) {
        byte kind = KIND[bytes[i] & 0xFF];
        if (kind == 0) {
          continue;
        }
        if (kind == NOT_PLAIN) {
          linePlain = false;
          continue;
        }
        if (pendingSize == 0 && i - start <= maxLineBytes) {
          // the whole line is in this chunk (the common case): handed on where it is, not copied
          deliver(bytes, start, i - start, linePlain);
        } else {
          append(bytes, start, i - start);
          emit(linePlain);
        }
        linePlain = true;
        start = lines.takeLines(bytes, i + 1, end);
        i = start - 1; // the loop steps to the first byte left
      }
    }
    plain = linePlain;
    append(bytes, start, end - start);
  }

  /**
   * Whether any of the eight bytes of {@code word} is a line break, a backslash or not ASCII: a
   * byte is zero after the XOR exactly when it was the one looked for, and {@code (x - 0x01..) &
   * ~x} sets the top bit of the lowest zero byte (others may follow it, never precede one), so the
   * test has no false negatives.
   */
  private static boolean anyMarked(long word) {
    long newline = word ^ 0x0A0A0A0A0A0A0A0AL;
    long backslash = word ^ 0x5C5C5C5C5C5C5C5CL;
    return ((((newline - ONES) & ~newline) | ((backslash - ONES) & ~backslash) | word) & HIGHS)
        != 0;
  }

  /** Feeds the whole stream, then {@link #finish()}. */
  public void readAll(InputStream in) throws IOException {
    byte[] buffer = new byte[1 << 16];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      accept(buffer, 0, n);
    }
    finish();
  }

  /** Emits the last line when the stream did not end with a newline. */
  public void finish() {
    if (pendingSize > 0) {
      emit(plain);
    }
    plain = true;
  }

  private void append(byte[] bytes, int offset, int length) {
    if ((long) pendingSize + length > maxLineBytes) {
      pending = new byte[256];
      pendingSize = 0;
      plain = true;
      throw new LineTooLong(stream, maxLineBytes);
    }
    if (pendingSize + length > pending.length) {
      pending =
          Arrays.copyOf(
              pending,
              (int) Math.min(maxLineBytes, Math.max(pendingSize + length, pending.length * 2L)));
    }
    System.arraycopy(bytes, offset, pending, pendingSize, length);
    pendingSize += length;
  }

  private void emit(boolean linePlain) {
    int size = pendingSize;
    pendingSize = 0;
    byte[] line = pending;
    // a long line's buffer is not kept for the short ones after it
    if (line.length > (1 << 20)) {
      pending = new byte[256];
    }
    deliver(line, 0, size, linePlain);
  }

  private void deliver(byte[] bytes, int offset, int length, boolean linePlain) {
    int n = length > 0 && bytes[offset + length - 1] == '\r' ? length - 1 : length;
    lines.accept(bytes, offset, n, linePlain);
  }
}
