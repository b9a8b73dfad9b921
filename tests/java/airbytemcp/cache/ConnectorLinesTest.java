package airbytemcp.cache;

import static airbytemcp.cache.Protocol.catalog;
import static airbytemcp.cache.Protocol.stream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.protocol.AirbyteMessage;
import airbytemcp.protocol.MessageReader;
import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records as a connector writes them, one line each (the path a real sync takes, where plain lines
 * are staged for DuckDB as they are): the cache holds the same values, types, changes and masks as
 * for parsed records.
 */
@Timeout(120)
class ConnectorLinesTest {
  private static final String SECRET = "line-secret-7f3a9c2e41";
  private static final String PROPERTIES =
      "{\"id\": {\"type\": \"integer\"}, \"Full Name\": {\"type\": \"string\"}, "
          + "\"price\": {\"type\": \"number\"}, \"tags\": {\"type\": \"array\"}}";

  @TempDir Path root;
  private final Masker masker = new Masker();

  ConnectorLinesTest() {
    masker.register(SECRET);
  }

  private static AirbyteMessage line(String data) {
    return ItemsLines.record(data);
  }

  private void sync(List<String> primaryKey, List<AirbyteMessage> messages) {
    ObjectNode items = stream("items", PROPERTIES, primaryKey, "id");
    FakeSource source = FakeSource.emitting("source-lines", catalog(items), messages);
    try (DefaultCache cache =
        new DefaultCache(CacheDatabase.defaultCache(root), CacheFixture.EVERY_STATE, masker)) {
      cache.sync(source, Json.object(), source.discover(null), List.of("items"), SyncListener.NONE);
    }
  }

  @Test
  void plainLinesAreStoredTypedWithANulledChangeForAValueThatDoesNotFit() throws Exception {
    sync(
        List.of(),
        List.of(
            line("{\"id\":1,\"Full Name\":\"Ada\",\"price\":12.5,\"tags\":[\"a\"],\"extra\":true}"),
            line("{\"id\":\"two\",\"Full Name\":\"Bo\",\"price\":1}"),
            ItemsLines.state(2)));
    assertEquals(
        List.of(
            List.of("1", "Ada", "12.500000000", "[\"a\"]", "{\"changes\":[]}"),
            Arrays.asList(
                null,
                "Bo",
                "1.000000000",
                null,
                "{\"changes\":[{\"field\":\"id\",\"change\":\"NULLED\","
                    + "\"reason\":\"DESTINATION_SERIALIZATION_ERROR\"}]}")),
        CacheFixture.rows(
            root, "SELECT id, full_name, price, tags, _airbyte_meta FROM items ORDER BY full_name"),
        "typed columns, and a NULLED change only for the id that is no integer");
  }

  @Test
  void linesWrittenWithSpacesAndKeysSpelledOtherwiseLandInTheirColumns() throws Exception {
    sync(
        List.of(),
        List.of(
            MessageReader.parseLine(
                "{\"type\": \"RECORD\", \"record\": {\"stream\": \"items\", \"data\": "
                    + "{\"id\": 1, \"full name\": \"Ada\"}, \"emitted_at\": 1700000000000}}"),
            line("{\"id\":2,\"FULL_NAME\":\"Bo\"}"),
            ItemsLines.state(2)));
    assertEquals(
        List.of(List.of("1", "Ada"), List.of("2", "Bo")),
        CacheFixture.rows(root, "SELECT id, full_name FROM items ORDER BY id"));
  }

  @Test
  void mergeOfLinesKeepsTheLastRecordPerKey() throws Exception {
    sync(
        List.of("id"),
        List.of(
            line("{\"id\":1,\"Full Name\":\"first\"}"),
            line("{\"id\":1,\"Full Name\":\"second\"}"),
            line("{\"id\":2,\"Full Name\":\"other\"}"),
            line("{\"id\":1,\"Full Name\":\"third\"}"),
            ItemsLines.state(2)));
    assertEquals(
        List.of(List.of("1", "third"), List.of("2", "other")),
        CacheFixture.rows(root, "SELECT id, full_name FROM items ORDER BY id"));
  }

  @Test
  void aSecretInALineOrHiddenBehindJsonEscapesIsNeverStored() throws Exception {
    String escaped = SECRET.replace("-", "\\u002d").replace("7", "\\u0037");
    sync(
        List.of(),
        List.of(
            line("{\"id\":1,\"Full Name\":\"token=" + SECRET + "\"}"),
            line("{\"id\":2,\"Full Name\":\"" + escaped + "\"}"),
            line("{\"id\":3,\"tags\":[\"" + SECRET + "\"]}"),
            ItemsLines.state(3)));
    List<List<String>> rows =
        CacheFixture.rows(root, "SELECT id, full_name, tags::VARCHAR FROM items ORDER BY id");
    assertEquals(3, rows.size(), "every record is stored");
    for (List<String> row : rows) {
      assertFalse(String.join(" ", row).contains(SECRET), "the secret was stored: " + row);
    }
    assertTrue(rows.get(0).get(1).contains(Masker.MASK), "masked in place: " + rows.get(0));
  }

  @Test
  void theStagingFolderIsEmptyAfterTheSync() throws Exception {
    sync(List.of(), List.of(line("{\"id\":1}"), ItemsLines.state(1)));
    try (Stream<Path> left = Files.list(CacheDatabase.defaultCache(root).stagingDir())) {
      assertEquals(List.of(), left.toList(), "staged lines must not outlive the sync");
    }
  }
}
