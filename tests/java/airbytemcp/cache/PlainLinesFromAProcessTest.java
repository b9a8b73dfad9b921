package airbytemcp.cache;

import static airbytemcp.cache.Protocol.catalog;
import static airbytemcp.cache.Protocol.stream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.connectors.Connector;
import airbytemcp.secrets.Masker;
import airbytemcp.testing.PrintingConnector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sync from a real connector process, where plain RECORD lines travel from its stdout to the
 * staging files as bytes (never decoded or parsed): the cache holds what the parsed path would
 * hold, and no secret.
 */
@Timeout(120)
class PlainLinesFromAProcessTest {
  private static final String SECRET = "plain-secret-5d81c0ab77";
  private static final String PROPERTIES =
      "{\"id\": {\"type\": \"integer\"}, \"Full Name\": {\"type\": \"string\"}, "
          + "\"price\": {\"type\": \"number\"}}";

  @TempDir Path root;
  private final Masker masker = new Masker();

  PlainLinesFromAProcessTest() {
    masker.register(SECRET);
  }

  private static String record(String stream, String data) {
    return "{\"type\":\"RECORD\",\"record\":{\"stream\":\""
        + stream
        + "\",\"data\":"
        + data
        + ",\"emitted_at\":1700000000000}}";
  }

  private static String item(String data) {
    return record("items", data);
  }

  private static String state(int id) {
    return "{\"type\":\"STATE\",\"state\":{\"type\":\"STREAM\",\"stream\":{\"stream_descriptor\":"
        + "{\"name\":\"items\"},\"stream_state\":{\"id\":"
        + id
        + "}}}}";
  }

  /** A connector program that prints the lines on read, then exits with {@code exitCode}. */
  private Connector connector(List<String> lines, int exitCode) throws IOException {
    Path output = Files.write(root.resolve("output.jsonl"), lines, StandardCharsets.UTF_8);
    return PrintingConnector.of(root, "source-lines", output, exitCode, masker);
  }

  private SyncResult sync(List<String> primaryKey, List<String> lines, int exitCode)
      throws IOException {
    ObjectNode items = stream("items", PROPERTIES, primaryKey, "id");
    ObjectNode others = stream("others", "{\"id\": {\"type\": \"integer\"}}", List.of(), "id");
    Connector source = connector(lines, exitCode);
    try (DefaultCache cache = cache()) {
      return cache.sync(
          source, Json.object(), catalog(items, others), List.of("items"), SyncListener.NONE);
    }
  }

  /** The error of a sync of {@code lines} (no primary key, a connector that exits with 0). */
  private CacheError failedSync(List<String> lines, String why) {
    return assertThrows(CacheError.class, () -> sync(List.of(), lines, 0), why);
  }

  private DefaultCache cache() {
    return new DefaultCache(
        CacheDatabase.defaultCache(root.resolve("cache")), CacheFixture.EVERY_STATE, masker);
  }

  private List<List<String>> rows(String sql) throws Exception {
    return CacheFixture.rows(root.resolve("cache"), sql);
  }

  @Test
  void plainLinesAreStoredTypedWithANulledChangeForAValueThatDoesNotFit() throws Exception {
    sync(
        List.of(),
        List.of(
            item("{\"id\":1,\"Full Name\":\"Ada\",\"price\":12.5,\"extra\":true}"),
            item("{\"id\":\"two\",\"Full Name\":\"Bo\",\"price\":1}"),
            state(2)),
        0);
    assertEquals(
        List.of(
            List.of("1", "Ada", "12.500000000", "{\"changes\":[]}"),
            Arrays.asList(
                null,
                "Bo",
                "1.000000000",
                "{\"changes\":[{\"field\":\"id\",\"change\":\"NULLED\","
                    + "\"reason\":\"DESTINATION_SERIALIZATION_ERROR\"}]}")),
        rows("SELECT id, full_name, price, _airbyte_meta FROM items ORDER BY full_name"),
        "typed columns, and a NULLED change only for the id that is no integer");
  }

  @Test
  void anEmittedAtTooFarFromTheEpochGetsTheSyncsTimeInsteadOfFailingIt() throws Exception {
    String exact = item("{\"id\":1}").replace("1700000000000", "1700000000123");
    String far = item("{\"id\":2}").replace("1700000000000", "999999999999999999");
    String farAsText = item("{\"id\":3}").replace("1700000000000", "-9.5e17");
    long before = System.currentTimeMillis();
    sync(List.of(), List.of(exact, far, farAsText, state(3)), 0);
    List<List<String>> stored =
        rows("SELECT id, epoch_ms(_airbyte_extracted_at) FROM items ORDER BY id");
    assertEquals(
        List.of("1", "1700000000123"), stored.get(0), "an emitted_at is stored to the millisecond");
    for (List<String> row : stored.subList(1, stored.size())) {
      long extracted = Long.parseLong(row.get(1));
      assertTrue(
          extracted >= before - 1000 && extracted <= System.currentTimeMillis() + 1000,
          "record " + row.get(0) + " was stored with " + extracted + ", not the sync's time");
    }
    assertEquals(3, stored.size(), "every record is stored: " + stored);
  }

  @Test
  void aSecretInAPlainLineIsMaskedBeforeTheLineIsStaged() throws Exception {
    sync(
        List.of(),
        List.of(
            item("{\"id\":1,\"Full Name\":\"token=" + SECRET + "\"}"),
            item("{\"id\":2,\"Full Name\":\"clean\"}"),
            state(2)),
        0);
    List<List<String>> stored = rows("SELECT id, full_name FROM items ORDER BY id");
    assertEquals(2, stored.size(), "both records are stored: " + stored);
    assertFalse(stored.toString().contains(SECRET), "the secret was stored: " + stored);
    assertEquals(
        List.of("1", "token=" + Masker.MASK), stored.get(0), "the secret is masked in place");
  }

  @Test
  void keysSpelledOtherwiseThanTheSchemaLandInTheirColumns() throws Exception {
    sync(
        List.of(),
        List.of(item("{\"id\":1,\"FULL_NAME\":\"Ada\"}"), item("{\"id\":2,\"full name\":\"Bo\"}")),
        0);
    assertEquals(
        List.of(List.of("1", "Ada"), List.of("2", "Bo")),
        rows("SELECT id, full_name FROM items ORDER BY id"),
        "keys normalised to the schema's column");
  }

  @Test
  void recordsOfAStreamThatWasNotSelectedAreLeftOut() throws Exception {
    SyncResult result =
        sync(
            List.of(),
            List.of(
                item("{\"id\":1}"),
                record("others", "{\"id\":7}"),
                item("{\"id\":2}"),
                record("others", "{\"id\":8}")),
            0);
    assertEquals(2, result.records(), "only the selected stream's records count");
    assertEquals(List.of(List.of("1"), List.of("2")), rows("SELECT id FROM items ORDER BY id"));
  }

  @Test
  void mergeKeepsTheLastRecordPerKeyAcrossPlainAndNonPlainLines() throws Exception {
    sync(
        List.of("id"),
        List.of(
            item("{\"id\":1,\"Full Name\":\"first\"}"),
            item("{\"id\":1,\"Full Name\":\"sécond\"}"), // not ASCII: parsed
            item("{\"id\":2,\"Full Name\":\"a \\\"quoted\\\" name\"}"), // escapes: parsed
            item("{\"id\":1,\"Full Name\":\"third\"}"),
            state(2)),
        0);
    assertEquals(
        List.of(List.of("1", "third"), List.of("2", "a \"quoted\" name")),
        rows("SELECT id, full_name FROM items ORDER BY id"),
        "the last record of each key, whichever path each line took");
  }

  @Test
  void aConnectorThatFailsLeavesOnlyTheRecordsBeforeItsLastState() throws Exception {
    assertThrows(
        CacheError.class,
        () -> sync(List.of(), List.of(item("{\"id\":1}"), state(1), item("{\"id\":2}")), 3),
        "a connector exiting with 3 fails the sync");
    assertEquals(
        List.of(List.of("1")),
        rows("SELECT id FROM items ORDER BY id"),
        "the record after the last state is not kept");
    try (DefaultCache cache = cache()) {
      Optional<JsonNode> stored = cache.storedState("source-lines", List.of("items"));
      assertTrue(stored.isPresent(), "the state after the first record is stored");
      assertTrue(stored.get().toString().contains("\"id\":1"), "the stored state: " + stored.get());
    }
  }

  @Test
  void aTraceErrorBetweenPlainRecordsFailsTheSync() throws Exception {
    CacheError error =
        failedSync(
            List.of(
                item("{\"id\":1}"),
                "{\"type\":\"TRACE\",\"trace\":{\"type\":\"ERROR\",\"emitted_at\":1,"
                    + "\"error\":{\"message\":\"the API went away\"}}}",
                item("{\"id\":2}")),
            "a TRACE ERROR among records fails the sync");
    assertTrue(error.getMessage().contains("the API went away"), error.getMessage());
  }

  @Test
  void aRecordLineThatIsNotValidJsonDeepInsideFailsTheSyncBlamingTheConnectorsLine()
      throws Exception {
    // staged as it is (its keys and values pass the byte checks), so only DuckDB finds the fault
    String broken = item("{\"id\":3,\"price\":1,\"extra\":{\"a\":1,,\"b\":2}}");
    CacheError error =
        failedSync(
            List.of(item("{\"id\":1}"), item("{\"id\":2}"), state(2), broken),
            "a RECORD line that is not JSON fails the sync");
    assertTrue(
        error.getMessage().contains("sent a RECORD line of stream 'items' that is not valid JSON"),
        "the error does not blame the connector's line: " + error.getMessage());
    assertFalse(
        error.getMessage().contains("staging") || error.getMessage().contains(".jsonl"),
        "the error names the sync's own staging file: " + error.getMessage());
    assertTrue(
        String.valueOf(error.hint()).contains("bug in the connector"),
        "the hint does not say what to do: " + error.hint());
    assertEquals(
        List.of(List.of("1"), List.of("2")),
        rows("SELECT id FROM items ORDER BY id"),
        "the records committed with the state before the broken line were not kept");
  }

  /** Fifty records of one shape, so later lines of it are taken in bulk by the learned shape. */
  private static List<String> fiftyPlainRecordsAndAState() {
    List<String> lines = new ArrayList<>();
    for (int id = 1; id <= 50; id++) {
      lines.add(item("{\"id\":" + id + ",\"Full Name\":\"log line " + id + "\",\"price\":1}"));
    }
    lines.add(state(50));
    return lines;
  }

  private void assertStoppedWithNeitherHalfStored(List<String> lines, String what)
      throws Exception {
    CacheError error = failedSync(lines, what + " was stored");
    assertTrue(
        error.getMessage().contains("two records in a row of stream 'items'")
            && error.getMessage().contains("'Full Name'"),
        "the error does not name the stream and key: " + error.getMessage());
    List<List<String>> names = rows("SELECT full_name FROM items ORDER BY id");
    assertEquals(50, names.size(), "not only the records before the last state were kept");
    assertFalse(
        names.toString().contains("plain-secret") || names.toString().contains("5d81c0ab77"),
        "the cache holds a part of the secret: " + names);
  }

  @Test
  void aSecretCutOverTwoPlainRecordsStopsTheSyncBeforeEitherPartIsStored() throws Exception {
    List<String> lines = new ArrayList<>(fiftyPlainRecordsAndAState());
    lines.add(item("{\"id\":51,\"Full Name\":\"token=plain-secret-\",\"price\":1}"));
    lines.add(item("{\"id\":52,\"Full Name\":\"5d81c0ab77 sent\",\"price\":1}"));
    lines.add(state(52));
    assertStoppedWithNeitherHalfStored(lines, "a secret cut over two lines of the learned shape");
  }

  @Test
  void aSecretCutOverTwoParsedRecordsStopsTheSyncBeforeEitherPartIsStored() throws Exception {
    List<String> lines = new ArrayList<>(fiftyPlainRecordsAndAState());
    // an escape sends both records the long way: parsed, masked value by value, written anew
    lines.add(item("{\"id\":51,\"Full Name\":\"caf\\u00e9 token=plain-secret-\"}"));
    lines.add(item("{\"id\":52,\"Full Name\":\"5d81c0ab77 \\u00e9\"}"));
    assertStoppedWithNeitherHalfStored(lines, "a secret cut over two parsed records");
  }
}
