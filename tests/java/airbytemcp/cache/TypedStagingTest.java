package airbytemcp.cache;

import static airbytemcp.cache.Protocol.catalog;
import static airbytemcp.cache.Protocol.stream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.common.Redactor;
import airbytemcp.protocol.AirbyteMessage;
import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The typed read of staged lines: a staging file whose integer, boolean and decimal values were all
 * checked during the byte scan is read with the columns' own types, any other with text and
 * TRY_CAST. Both must store the same values and the same {@code _airbyte_meta}.
 */
@Timeout(120)
class TypedStagingTest {
  private static final String PROPERTIES =
      "{\"id\": {\"type\": \"integer\"}, \"name\": {\"type\": \"string\"}, "
          + "\"price\": {\"type\": \"number\"}, \"active\": {\"type\": \"boolean\"}}";
  private static final List<Column> COLUMNS = ItemsLines.COLUMNS;

  @TempDir Path root;

  private static AirbyteMessage line(String data) {
    return ItemsLines.record(data);
  }

  private void sync(List<AirbyteMessage> messages) {
    ObjectNode items = stream("items", PROPERTIES, List.of(), "id");
    FakeSource source = FakeSource.emitting("source-typed", catalog(items), messages);
    try (DefaultCache cache =
        new DefaultCache(
            CacheDatabase.defaultCache(root), CacheFixture.EVERY_STATE, new Masker())) {
      cache.sync(source, Json.object(), source.discover(null), List.of("items"), SyncListener.NONE);
    }
  }

  /** Whether a staging file holding {@code data} lines, scanned as a sync scans them, is typed. */
  private boolean stagedTyped(String... data) throws Exception {
    StreamPlan plan =
        new StreamPlan("items", "items", COLUMNS, List.of(), WriteStrategy.APPEND, null);
    try (StreamStage stage = StreamStage.create(plan, COLUMNS, root, "t")) {
      for (String d : data) {
        byte[] bytes = ItemsLines.recordLine(d).getBytes(StandardCharsets.UTF_8);
        int nameEnd = RecordLines.stringEnd(bytes, RecordLines.streamNameStart(bytes));
        assertTrue(
            stage.appendPlain(bytes, nameEnd, bytes.length, Redactor.NONE),
            "the line stays as it is: " + d);
      }
      return stage.rotate().typed();
    }
  }

  @Test
  void aFileOfValuesThatFitTheirTypesIsReadTyped() throws Exception {
    assertTrue(
        stagedTyped(
            "{\"id\":1,\"name\":\"a\",\"price\":12.25,\"active\":true}",
            "{\"id\":-900000000000000000,\"price\":-999999.999999999,\"active\":false}",
            "{\"id\":null,\"name\":null,\"price\":123456789012345678,\"active\":null}",
            "{\"name\":\"only text\"}"),
        "integers, booleans, short decimals and nulls are read typed");
  }

  @Test
  void oneValueTheTypedReadCouldTreatOtherwiseSendsTheWholeFileToTheTextPath() throws Exception {
    for (String odd :
        List.of(
            "{\"id\":\"7\"}",
            "{\"id\":2.0}",
            "{\"id\":1e3}",
            "{\"id\":1234567890123456789}",
            "{\"price\":1234567.5}",
            "{\"price\":0.1234567891}",
            "{\"price\":\"1.5\"}",
            "{\"active\":\"true\"}",
            "{\"active\":1}")) {
      assertFalse(
          stagedTyped("{\"id\":1,\"price\":1.5,\"active\":true}", odd),
          "a file with " + odd + " must be cast from text");
    }
  }

  @Test
  void aBadValueInAFileOfGoodOnesIsNulledWithAChangeAndTheOthersStayExact() throws Exception {
    sync(
        List.of(
            line("{\"id\":1,\"name\":\"a\",\"price\":12.25,\"active\":true}"),
            line("{\"id\":\"two\",\"name\":\"b\",\"price\":3,\"active\":false}"),
            line("{\"id\":3,\"name\":\"c\",\"price\":-0.5,\"active\":null}"),
            ItemsLines.state(3)));
    assertEquals(
        List.of(
            List.of("1", "a", "12.250000000", "true", "{\"changes\":[]}"),
            Arrays.asList(
                null,
                "b",
                "3.000000000",
                "false",
                "{\"changes\":[{\"field\":\"id\",\"change\":\"NULLED\","
                    + "\"reason\":\"DESTINATION_SERIALIZATION_ERROR\"}]}"),
            Arrays.asList("3", "c", "-0.500000000", null, "{\"changes\":[]}")),
        CacheFixture.rows(
            root, "SELECT id, name, price, active, _airbyte_meta FROM items ORDER BY name"),
        "only the id that is no integer is nulled, with its change; every other value is exact");
  }

  @Test
  void theTypedReadStoresWhatTheTextReadStores() throws Exception {
    List<String> values = new ArrayList<>();
    Random random = new Random(18);
    for (int i = 0; i < 300; i++) {
      String price =
          switch (i % 4) {
            case 0 -> Long.toString(random.nextLong() % 1_000_000_000_000_000L);
            case 1 -> (random.nextInt(1_000_000) - 500_000) + "." + random.nextInt(1_000_000_000);
            case 2 -> random.nextInt(1000) + "." + random.nextInt(10);
            default -> "0.00000000" + (1 + random.nextInt(9));
          };
      values.add(
          "{\"id\":"
              + (random.nextLong() >> 8)
              + ",\"name\":\"n"
              + i
              + "\",\"price\":"
              + price
              + ",\"active\":"
              + random.nextBoolean()
              + "}");
    }
    List<AirbyteMessage> messages = new ArrayList<>();
    values.forEach(v -> messages.add(line(v))); // checkpoint 1: every value fits, read typed
    messages.add(ItemsLines.state(1));
    values.forEach(v -> messages.add(line(v.replace("\"name\":\"n", "\"name\":\"text n"))));
    messages.add(line("{\"id\":\"not a number\",\"name\":\"text odd\"}")); // cast from text
    messages.add(ItemsLines.state(2));
    sync(messages);
    List<List<String>> differing =
        CacheFixture.rows(
            root,
            "SELECT t.name, t.id, x.id, t.price, x.price, t.active, x.active FROM items t "
                + "JOIN items x ON x.name = 'text ' || t.name WHERE t.name NOT LIKE 'text %' AND "
                + "(t.id IS DISTINCT FROM x.id OR t.price IS DISTINCT FROM x.price "
                + "OR t.active IS DISTINCT FROM x.active "
                + "OR t._airbyte_meta::VARCHAR <> x._airbyte_meta::VARCHAR)");
    assertEquals(List.of(), differing, "typed and text reads stored different values");
    assertEquals(
        List.of(List.of("600")),
        CacheFixture.rows(
            root,
            "SELECT count(*) FROM items WHERE id IS NOT NULL AND price IS NOT NULL "
                + "AND _airbyte_meta::VARCHAR = '{\"changes\":[]}'"),
        "both copies of every record are stored whole");
  }
}
