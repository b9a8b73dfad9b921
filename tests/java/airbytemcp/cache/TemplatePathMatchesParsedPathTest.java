package airbytemcp.cache;

import static airbytemcp.cache.Protocol.catalog;
import static airbytemcp.cache.Protocol.stream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.connectors.ProtocolConnector;
import airbytemcp.protocol.AirbyteMessage;
import airbytemcp.protocol.MessageSink;
import airbytemcp.protocol.MessageSource;
import airbytemcp.protocol.RawLineSink;
import airbytemcp.secrets.Masker;
import airbytemcp.testing.PrintingConnector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The oracle for the template fast path: a seeded mix of RECORD lines (two streams interleaved,
 * keys spelled as the schema and otherwise, values that fit their columns and values that do not,
 * escapes, non-ASCII text, a secret plainly and escaped, emitted_at integer, float, text or
 * missing, data null, a repeated key, a record meta or namespace, CRLF line ends, a STATE every 250
 * lines) is synced once from a real process, where plain lines are taken by {@link RecordTemplate}s
 * or staged as bytes, and once as parsed messages. Both caches must hold the same rows, for each
 * write strategy, and neither the secret.
 */
@Timeout(300)
class TemplatePathMatchesParsedPathTest {
  private static final long SEED = 20261130L;
  private static final int LINES = 3_000;
  private static final String SECRET = "sekret-7f3a9c1d55e2";
  private static final String SECRET_ESCAPED = "\\u0073ekret-7f3a9c1d55e2";
  private static final String PEOPLE =
      "{\"id\": {\"type\": \"integer\"}, \"line\": {\"type\": \"integer\"}, "
          + "\"Full Name\": {\"type\": \"string\"}, \"price\": {\"type\": \"number\"}, "
          + "\"ok\": {\"type\": \"boolean\"}, \"tags\": {\"type\": \"object\"}, "
          + "\"note\": {\"type\": \"string\"}}";
  private static final String ORDERS =
      "{\"id\": {\"type\": \"integer\"}, \"line\": {\"type\": \"integer\"}, "
          + "\"amount\": {\"type\": \"number\"}, \"status\": {\"type\": \"string\"}}";

  /** Small staging files, so files typed and untyped follow each other within the sync. */
  private static final SyncOptions OPTIONS = new SyncOptions(1, Duration.ZERO, 400, Duration.ZERO);

  @TempDir Path root;
  private final Masker masker = new Masker();

  /** The integer emitted_at of each line that had one, by its line number. */
  private final Map<Long, Long> integerEmittedAt = new HashMap<>();

  TemplatePathMatchesParsedPathTest() {
    masker.register(SECRET);
  }

  // ---- the generated connector output

  private List<String> generate() {
    Random r = new Random(SEED);
    List<String> lines = new ArrayList<>();
    boolean people = true;
    for (int i = 0; i < LINES; i++) {
      if (i > 0 && i % 250 == 0) {
        lines.add(state(people ? "people" : "orders", i));
      }
      if (r.nextInt(100) < 15) {
        people = !people;
      }
      if (r.nextInt(100) < 2) {
        lines.add(record(r, "ignored", "{\"id\":" + i + "}", i, false));
        continue;
      }
      String data = r.nextInt(100) < 2 ? "null" : people ? personData(r, i) : orderData(r, i);
      boolean spaced = r.nextInt(100) < 8;
      lines.add(record(r, people ? "people" : "orders", data, i, spaced));
    }
    return lines;
  }

  private String record(Random r, String stream, String data, long line, boolean spaced) {
    int e = r.nextInt(100);
    String emittedAt;
    if (e < 85) {
      long at = 1_700_000_000_000L + line * 1000;
      integerEmittedAt.put(line, at);
      emittedAt = ",\"emitted_at\":" + at;
    } else if (e < 90) {
      emittedAt =
          ",\"emitted_at\":" + oneOf(r, "1.7e12", "1700000000123.0", "1700000000000.5", "\"soon\"");
    } else if (e < 95) {
      emittedAt = ",\"emitted_at\":null";
    } else {
      emittedAt = ""; // missing
    }
    int m = r.nextInt(100);
    String more =
        m < 3
            ? ",\"meta\":{\"changes\":[{\"field\":\"note\",\"change\":\"TRUNCATED\","
                + "\"reason\":\"SOURCE_RECORD_SIZE_LIMITATION\"}]}"
            : m < 5 ? ",\"namespace\":\"public\"" : "";
    String text =
        "{\"type\":\"RECORD\",\"record\":{\"stream\":\""
            + stream
            + "\",\"data\":"
            + data
            + emittedAt
            + more
            + "}}";
    if (spaced) {
      text = text.replace("\":", "\": ").replace(",\"", ", \"");
    }
    return r.nextInt(100) < 2 ? text + "\r" : text; // a CRLF line now and then
  }

  private static String state(String stream, int line) {
    return "{\"type\":\"STATE\",\"state\":{\"type\":\"STREAM\",\"stream\":{\"stream_descriptor\":"
        + "{\"name\":\""
        + stream
        + "\"},\"stream_state\":{\"line\":"
        + line
        + "}}}}";
  }

  private static String pick(Random r, int percent, String misfit, String fits) {
    return r.nextInt(100) < percent ? misfit : fits;
  }

  private static String oneOf(Random r, String... values) {
    return values[r.nextInt(values.length)];
  }

  private static String id(Random r) {
    return pick(r, 5, oneOf(r, "\"x\"", "1.5", "1234567890123456789", "null"), "" + r.nextInt(300));
  }

  private static String decimal(Random r) {
    String fits =
        switch (r.nextInt(6)) {
          case 0 -> "" + r.nextInt(1_000_000);
          case 1 -> (r.nextBoolean() ? "-" : "") + (100_000_000_000_000_000L + r.nextInt(1 << 30));
          case 2 -> // the most digits a typed decimal read takes: 6 integer, 9 fraction
              (r.nextBoolean() ? "-" : "")
                  + (100_000 + r.nextInt(900_000))
                  + "."
                  + (1_000_000_000L + r.nextInt(1_000_000_000) + "").substring(1);
          default -> (r.nextInt(2_000_000) - 1_000_000) / 100 + "." + r.nextInt(100);
        };
    return pick(r, 4, oneOf(r, "1234567.5", "1.5e3", "\"cheap\"", "1.1234567891"), fits);
  }

  private static String personData(Random r, int line) {
    List<String> members = new ArrayList<>();
    members.add("\"id\":" + id(r));
    members.add("\"line\":" + line);
    String name =
        switch (r.nextInt(40)) {
          case 0 -> "\"Zoë\"";
          case 1 -> "\"a \\\"quoted\\\" name\"";
          case 2 -> "\"\\u0041da\"";
          case 3 -> "\"token=" + SECRET + "\"";
          case 4 -> "\"token=" + SECRET_ESCAPED + "\"";
          default -> "\"" + oneOf(r, "Ada", "Bo", "Cy Young", "Dee") + r.nextInt(1000) + "\"";
        };
    members.add((r.nextInt(100) < 8 ? "\"FULL_NAME\":" : "\"Full Name\":") + name);
    members.add("\"price\":" + decimal(r));
    members.add("\"ok\":" + pick(r, 3, oneOf(r, "\"yes\"", "1"), r.nextBoolean() + ""));
    String tags =
        switch (r.nextInt(20)) {
          case 0 -> "null";
          case 1 -> "{\"k\":\"}][{\",\"l\":[\"]\"]}";
          case 2 -> "{\"k\":\"a\\\"b\"}";
          default -> "{\"a\":[" + r.nextInt(10) + "," + r.nextInt(10) + "],\"b\":{\"c\":true}}";
        };
    members.add("\"tags\":" + tags);
    if (r.nextInt(100) >= 5) {
      members.add("\"note\":" + pick(r, 3, "\"" + SECRET + "\"", "\"n" + r.nextInt(50) + "\""));
    }
    if (r.nextInt(100) < 3) {
      members.add("\"extra\":" + r.nextInt(9));
    }
    if (r.nextInt(100) < 3) {
      members.add("\"ok\":" + r.nextBoolean()); // a repeated key: the last value counts
    }
    return "{" + String.join(",", members) + "}";
  }

  private static String orderData(Random r, int line) {
    return "{\"id\":"
        + id(r)
        + ",\"line\":"
        + line
        + ",\"amount\":"
        + decimal(r)
        + ",\"status\":\""
        + oneOf(r, "open", "paid", "gone")
        + "\"}";
  }

  // ---- the two paths

  /** Counts the lines the sync run took through {@link RawLineSink#takePlainLines}. */
  private static final class CountingSink implements RawLineSink {
    private final RawLineSink inner;
    long taken;
    long plain;

    CountingSink(RawLineSink inner) {
      this.inner = inner;
    }

    @Override
    public boolean acceptPlainLine(byte[] bytes, int offset, int length) {
      plain++;
      return inner.acceptPlainLine(bytes, offset, length);
    }

    @Override
    public int takePlainLines(byte[] bytes, int from, int end) {
      int at = inner.takePlainLines(bytes, from, end);
      for (int i = from; i < at; i++) {
        if (bytes[i] == '\n') {
          taken++;
        }
      }
      return at;
    }

    @Override
    public void accept(AirbyteMessage message) {
      inner.accept(message);
    }
  }

  private CountingSink counting;

  /** A real connector process that prints the lines; its sink's taken lines are counted. */
  private MessageSource process(Path output) throws IOException {
    ProtocolConnector connector = PrintingConnector.of(root, "source-lines", output, 0, masker);
    return new MessageSource() {
      @Override
      public String name() {
        return connector.name();
      }

      @Override
      public void read(
          JsonNode config, JsonNode catalog, Optional<JsonNode> state, MessageSink sink) {
        assertTrue(sink instanceof RawLineSink, "the sync run takes raw lines");
        counting = new CountingSink((RawLineSink) sink);
        connector.read(config, catalog, state, counting);
      }
    };
  }

  private SyncResult sync(Path cacheRoot, MessageSource source, List<String> key, String cursor) {
    ObjectNode catalog =
        catalog(
            stream("people", PEOPLE, key, cursor),
            stream("orders", ORDERS, key, cursor),
            stream("ignored", "{\"id\": {\"type\": \"integer\"}}", List.of(), null));
    try (DefaultCache cache =
        new DefaultCache(CacheDatabase.defaultCache(cacheRoot), OPTIONS, masker)) {
      return cache.sync(
          source, Json.object(), catalog, List.of("people", "orders"), SyncListener.NONE);
    }
  }

  /**
   * Syncs the generated lines both ways with the stream's key and cursor and compares the caches.
   */
  private void assertSamePaths(List<String> key, String cursor, WriteStrategy expected)
      throws Exception {
    assertEquals(
        expected,
        CatalogPlanner.planStream(stream("people", PEOPLE, key, cursor)).strategy(),
        "the catalog chooses the strategy under test");
    List<String> lines = generate();
    Path output = Files.write(root.resolve("output.jsonl"), lines, StandardCharsets.UTF_8);
    Path viaProcess = root.resolve("process");
    Path viaMessages = root.resolve("parsed");
    SyncResult result = sync(viaProcess, process(output), key, cursor);
    assertTrue(result.records() > LINES / 2, "records synced: " + result.records());
    sync(viaMessages, new ReplaySource("source-lines", output), key, cursor);

    long records = lines.stream().filter(l -> l.contains("\"RECORD\"")).count();
    assertTrue(
        counting.taken * 3 > records,
        "the template path took "
            + counting.taken
            + " of "
            + records
            + " record lines ("
            + counting.plain
            + " plain lines went the long way)");

    for (String table : List.of("people", "orders")) {
      String sql =
          "SELECT * EXCLUDE (_airbyte_raw_id, _airbyte_extracted_at) FROM "
              + table
              + " ORDER BY ALL";
      List<List<String>> parsed = CacheFixture.rows(viaMessages, sql);
      List<List<String>> taken = CacheFixture.rows(viaProcess, sql);
      assertTrue(parsed.size() > 100, table + " holds too few rows: " + parsed.size());
      assertSameRows(table, parsed, taken);
      assertSameExtractedAt(table, viaMessages, viaProcess);
    }
    assertNoSecret(viaProcess);
    assertNoSecret(viaMessages);
  }

  private static void assertSameRows(
      String table, List<List<String>> parsed, List<List<String>> taken) {
    for (int i = 0; i < Math.min(parsed.size(), taken.size()); i++) {
      assertEquals(
          parsed.get(i), taken.get(i), table + " row " + i + ": parsed path vs process path");
    }
    assertEquals(parsed.size(), taken.size(), table + ": rows of parsed vs process path");
  }

  /** emitted_at as it was for integer ones; some time for the others (the sync's own). */
  private void assertSameExtractedAt(String table, Path a, Path b) throws Exception {
    String sql =
        "SELECT line, epoch_ms(_airbyte_extracted_at) FROM "
            + table
            + " WHERE line IS NOT NULL ORDER BY line";
    for (Path cache : List.of(a, b)) {
      for (List<String> row : CacheFixture.rows(cache, sql)) {
        assertNotNull(row.get(1), table + " line " + row.get(0) + " has no extracted_at");
        Long expected = integerEmittedAt.get(Long.parseLong(row.get(0)));
        if (expected != null) {
          assertEquals(
              expected.toString(),
              row.get(1),
              table + " line " + row.get(0) + ": extracted_at in " + cache.getFileName());
        }
      }
    }
  }

  private static void assertNoSecret(Path cacheRoot) throws Exception {
    List<List<String>> tables =
        CacheFixture.rows(
            cacheRoot,
            "SELECT table_schema, table_name FROM information_schema.tables"
                + " WHERE table_catalog = current_database()");
    assertFalse(tables.isEmpty(), "no tables in " + cacheRoot);
    for (List<String> t : tables) {
      String name = "\"" + t.get(0) + "\".\"" + t.get(1) + "\"";
      String rows = CacheFixture.rows(cacheRoot, "SELECT * FROM " + name).toString();
      assertFalse(rows.contains(SECRET), "the secret is in " + name + " of " + cacheRoot);
    }
    byte[] secret = SECRET.getBytes(StandardCharsets.US_ASCII);
    try (Stream<Path> files = Files.walk(cacheRoot)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        byte[] bytes = Files.readAllBytes(f);
        assertFalse(indexOf(bytes, secret) >= 0, "the secret's bytes are in " + f);
      }
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void aRepeatedDataKeyKeepsItsLastValueInsteadOfFailingTheSync() throws Exception {
    String first = "{\"id\":1,\"line\":1,\"ok\":true}";
    String repeated = "{\"id\":2,\"line\":2,\"ok\":true,\"ok\":false}";
    List<String> lines =
        List.of(
            "{\"type\":\"RECORD\",\"record\":{\"stream\":\"people\",\"data\":"
                + first
                + ",\"emitted_at\":1}}",
            "{\"type\":\"RECORD\",\"record\":{\"stream\":\"people\",\"data\":"
                + repeated
                + ",\"emitted_at\":1}}");
    Path output = Files.write(root.resolve("output.jsonl"), lines, StandardCharsets.UTF_8);
    sync(root.resolve("process"), process(output), List.of(), null);
    assertEquals(
        List.of(List.of("1", "true"), List.of("2", "false")),
        CacheFixture.rows(root.resolve("process"), "SELECT id, ok FROM people ORDER BY id"),
        "DuckDB refuses an object with a repeated key: the line must be parsed, last value kept");
  }

  @Test
  void aRepeatedRecordMemberOrARecordsOwnSequenceMemberIsParsedInsteadOfFailingTheSync()
      throws Exception {
    List<String> lines =
        List.of(
            peopleLine(
                "{\"id\":1,\"line\":1,\"ok\":true}", ",\"emitted_at\":1,\"emitted_at\":2000"),
            peopleLine(
                "{\"id\":2,\"line\":1,\"ok\":true}", ",\"_airbyte_seq\":99,\"emitted_at\":1"),
            peopleLine("{\"id\":2,\"line\":2,\"ok\":false}", ",\"emitted_at\":1"));
    Path output = Files.write(root.resolve("output.jsonl"), lines, StandardCharsets.UTF_8);
    sync(root.resolve("process"), process(output), List.of("id"), "line");
    assertEquals(
        List.of(List.of("1", "true", "2000"), List.of("2", "false", "1")),
        CacheFixture.rows(
            root.resolve("process"),
            "SELECT id, ok, epoch_ms(_airbyte_extracted_at) FROM people ORDER BY id"),
        "a record's repeated emitted_at keeps its last value, and a record's own _airbyte_seq"
            + " member neither fails the merge nor orders it: the later record of id 2 wins");
  }

  private static String peopleLine(String data, String afterData) {
    return "{\"type\":\"RECORD\",\"record\":{\"stream\":\"people\",\"data\":"
        + data
        + afterData
        + "}}";
  }

  @Test
  void appendedStreamsHoldTheSameRowsEitherWay() throws Exception {
    assertSamePaths(List.of(), "id", WriteStrategy.APPEND);
  }

  @Test
  void mergedStreamsHoldTheSameRowsEitherWay() throws Exception {
    assertSamePaths(List.of("id"), "id", WriteStrategy.MERGE);
  }

  @Test
  void replacedStreamsHoldTheSameRowsEitherWay() throws Exception {
    assertSamePaths(List.of(), null, WriteStrategy.REPLACE);
  }
}
