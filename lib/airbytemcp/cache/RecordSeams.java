package airbytemcp.cache;

import airbytemcp.common.CacheNames;
import airbytemcp.common.Redactor;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds a secret cut over two records of one stream: a source of log lines, one line per record,
 * whose log pipeline cut a long line inside a key the connector sent (red team s). Each record is
 * checked alone on its way into the cache, so neither half is masked; a query could then read the
 * two rows and put them together.
 *
 * <p>Each string value of a staged record is joined to the end of the last string the stream's
 * records had under the same key (the key nearest before a string: a field's own, or a list's for
 * its items; keys that name the same column, {@code Line} and {@code line}, count as one), and the
 * join is checked: the record on each side passed alone, so a secret found in the join crosses it.
 * Only the last {@link #window} bytes of a value are kept, enough for any printed form of the
 * longest secret, so the cost grows with the number of string values and not with their length.
 */
final class RecordSeams {
  /** Checks nothing: a stage written outside a sync (tests of staging alone). */
  static final RecordSeams NONE = new RecordSeams(Redactor.NONE, "");

  /**
   * A record with more distinct keys than this stops getting new ones a slot (a bound on memory).
   */
  private static final int MAX_KEYS = 4_096;

  private final Redactor masker;
  private final String stream;

  /** The bytes of a value kept, and the shortest join checked: from the secrets known now. */
  private int window;

  private int shortest;

  /** Each key met, as spelled, and the column its strings are kept under. */
  private byte[][] keys = new byte[8][];

  private int[] columnOf = new int[8];
  private int slots;

  /** Per column (a key as the cache names it), the end of its last string. */
  private final Map<String, Integer> columns = new HashMap<>();

  private byte[][] tails = new byte[8][];
  private int[] tailLengths = new int[8];
  private boolean[] tailAscii = new boolean[8];
  private byte[] join = new byte[64];

  private RecordSeams(Redactor masker, String stream) {
    this.masker = masker;
    this.stream = stream;
  }

  /** The seams of a stream synced with this masker. */
  static RecordSeams of(Redactor masker, String stream) {
    return new RecordSeams(masker, stream);
  }

  /**
   * Reads the secrets' lengths again, as a sync can learn a secret while it runs (a refreshed
   * access token): a value's last bytes kept are six per char of the longest secret, so its part of
   * any form of it fits (a {@code \u0041}-style escape of every char is the widest a record prints
   * an ASCII secret); keeping more would cost every long text a longer join to check. False while
   * no secret is known.
   */
  private boolean readSecretLengths() {
    int longest = masker.longestSecret();
    window = 6 * longest + 8;
    shortest = masker.shortestSecretForm();
    return longest > 0;
  }

  /**
   * Checks the string values of the record members at {@code [start, end)} (JSON, UTF-8; {@code
   * ascii} when every byte is known to be below 0x80) against the previous ones, then keeps their
   * ends for the next record.
   *
   * @throws CacheError naming the key when a secret crosses from a previous value to one of these
   */
  void check(byte[] bytes, int start, int end, boolean ascii) {
    if (readSecretLengths()) {
      walk(bytes, start, end, -1, ascii);
    }
  }

  /**
   * {@link #check} of a line {@link RecordTemplate} matched: its values' keys are the template's,
   * so only the values are read (a nested one is walked), not the bytes around them.
   */
  void check(byte[] bytes, RecordTemplate template) {
    if (!readSecretLengths()) {
      return;
    }
    if (template != lastTemplate) {
      byte[][] templateKeys = template.keys();
      lastSlots = new int[templateKeys.length];
      for (int i = 0; i < templateKeys.length; i++) {
        lastSlots[i] = slotOf(templateKeys[i], 0, templateKeys[i].length);
      }
      lastTemplate = template;
    }
    int[] spans = template.valueSpans();
    for (int i = 0; i < lastSlots.length; i++) {
      int from = spans[2 * i];
      int to = spans[2 * i + 1];
      byte first = bytes[from];
      if (first == '"') {
        if (lastSlots[i] >= 0) {
          joinAndKeep(lastSlots[i], bytes, from + 1, to - 1, true);
        }
      } else if (first == '{' || first == '[') {
        walk(bytes, from, to, lastSlots[i], true);
      }
    }
  }

  private RecordTemplate lastTemplate;
  private int[] lastSlots;

  /**
   * Joins each string value in {@code [start, end)} under the slot of the key nearest before it;
   * {@code slot} is the slot of a value before any key (a list's items), -1 for none.
   */
  private void walk(byte[] bytes, int start, int end, int slot, boolean ascii) {
    int key = slot;
    int at = start;
    while (at < end) {
      int quote = nextQuote(bytes, at, end);
      if (quote < 0) {
        return;
      }
      int close = stringEnd(bytes, quote + 1, end);
      if (close < 0) {
        return;
      }
      int after = close + 1;
      while (after < end && bytes[after] <= ' ') {
        after++;
      }
      if (after < end && bytes[after] == ':') {
        key = slotOf(bytes, quote + 1, close);
      } else if (key >= 0) {
        joinAndKeep(key, bytes, quote + 1, close, ascii);
      }
      at = after;
    }
  }

  private void joinAndKeep(int slot, byte[] bytes, int from, int to, boolean ascii) {
    int column = columnOf[slot];
    int kept = tailLengths[column];
    int head = Math.min(to - from, window);
    int length = kept + head;
    // a join shorter than every form of every secret cannot hold one: most log fields' joins
    if (kept > 0 && head > 0 && length >= shortest) {
      if (join.length < length) {
        join = new byte[Math.max(length, join.length * 2)];
      }
      System.arraycopy(tails[column], 0, join, 0, kept);
      System.arraycopy(bytes, from, join, kept, head);
      if (masker.revealsSecretAcrossRecords(join, length, ascii && tailAscii[column])) {
        throw new CacheError(
            "Stopped the sync: two records in a row of stream '"
                + stream
                + "' hold, under the key '"
                + new String(keys[slot], StandardCharsets.UTF_8)
                + "', the two parts of a value this server keeps secret, as a log shows a long line "
                + "cut in two. run_sql_query is off until the server restarts.",
            "Leave this stream out of the sync (streams=...) or have the source stop echoing "
                + "credentials in its data. If an earlier sync stored part of it, delete the cache "
                + "folder (cache_dir of describe_default_cache) and sync again.");
      }
    }
    int keep = Math.min(to - from, window);
    byte[] tail = tails[column];
    if (tail == null || tail.length < keep) {
      tail = tails[column] = new byte[window];
    }
    System.arraycopy(bytes, to - keep, tail, 0, keep);
    tailLengths[column] = keep;
    tailAscii[column] = ascii;
  }

  /** The slot of a key, made at its first sight; -1 past {@link #MAX_KEYS}. */
  private int slotOf(byte[] bytes, int from, int to) {
    // records of a stream have their keys in the same order: the slot after the last one found
    int guess = lastSlot + 1;
    if (guess < slots && StreamStage.sameBytes(bytes, from, to, keys[guess])) {
      return lastSlot = guess;
    }
    for (int i = 0; i < slots; i++) {
      if (StreamStage.sameBytes(bytes, from, to, keys[i])) {
        return lastSlot = i;
      }
    }
    if (slots == MAX_KEYS) {
      return -1;
    }
    if (slots == keys.length) {
      keys = Arrays.copyOf(keys, slots * 2);
      columnOf = Arrays.copyOf(columnOf, slots * 2);
    }
    keys[slots] = Arrays.copyOfRange(bytes, from, to);
    columnOf[slots] = columnNamed(keys[slots]);
    return lastSlot = slots++;
  }

  /** The column of a key met for the first time: one per name the cache gives a column. */
  private int columnNamed(byte[] key) {
    String name = CacheNames.of(new String(key, StandardCharsets.UTF_8));
    Integer known = columns.get(name);
    if (known != null) {
      return known;
    }
    int column = columns.size();
    if (column == tails.length) {
      tails = Arrays.copyOf(tails, column * 2);
      tailLengths = Arrays.copyOf(tailLengths, column * 2);
      tailAscii = Arrays.copyOf(tailAscii, column * 2);
    }
    columns.put(name, column);
    return column;
  }

  private int lastSlot = -1;

  private static int nextQuote(byte[] bytes, int from, int end) {
    for (int i = from; i < end; i++) {
      if (bytes[i] == '"') {
        return i;
      }
    }
    return -1;
  }

  /** Where the string whose content starts at {@code from} closes (its quote), or -1. */
  private static int stringEnd(byte[] bytes, int from, int end) {
    for (int i = from; i < end; i++) {
      byte b = bytes[i];
      if (b == '\\') {
        i++;
      } else if (b == '"') {
        return i;
      }
    }
    return -1;
  }
}
