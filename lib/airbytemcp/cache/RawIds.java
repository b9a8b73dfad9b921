package airbytemcp.cache;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Record ids for {@code _airbyte_raw_id}: UUIDv7 (time-ordered, like PyAirbyte's). */
final class RawIds {
  private RawIds() {}

  static String next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long msb = (System.currentTimeMillis() << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }
}
