package airbytemcp.secrets;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Bytes read eight at a time, to find the few chars a second look starts from: the server's C1-only
 * JIT has no vector search for {@code String.indexOf}, so a scan char by char over a large answer
 * or every staged record line cost as much as the search for every secret's forms.
 */
final class ByteWords {
  private static final VarHandle WORDS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;

  private ByteWords() {}

  /** The eight bytes from {@code at} as one word. */
  static long at(byte[] bytes, int at) {
    return (long) WORDS.get(bytes, at);
  }

  /** The byte {@code c} in each of a word's eight bytes, for {@link #has}. */
  static long repeated(char c) {
    return ONES * c;
  }

  /** Whether a word holds the byte repeated in {@code repeated}: nonzero if so. */
  static long has(long word, long repeated) {
    long x = word ^ repeated; // a zero byte where they are equal
    return (x - ONES) & ~x & HIGH_BITS;
  }
}
