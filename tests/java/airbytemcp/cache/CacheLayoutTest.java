package airbytemcp.cache;

import static airbytemcp.cache.Protocol.catalog;
import static airbytemcp.cache.Protocol.record;
import static airbytemcp.cache.Protocol.stream;
import static airbytemcp.cache.Protocol.streamState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.protocol.AirbyteMessage;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheLayoutTest {
  @TempDir Path root;

  private static final String TYPED_PROPERTIES =
      """
      {"id": {"type": "integer"}, "Full Name": {"type": ["null", "string"]}, "price": {"type": "number"},
       "active": {"type": "boolean"}, "born": {"type": "string", "format": "date"},
       "updated-at": {"type": "string", "format": "date-time"}, "tags": {"type": "array"},
       "address": {"type": "object"}, "mixed": {"type": ["string", "integer"]}, "opaque": {}}""";

  private void syncTypedStream(String... records) {
    var messages = new ArrayList<AirbyteMessage>();
    for (String r : records) {
      messages.add(record("Customer-Orders", r));
    }
    messages.add(streamState("Customer-Orders", "{\"cursor\": 1}"));
    FakeSource source =
        FakeSource.emitting(
            "source-shop",
            catalog(stream("Customer-Orders", TYPED_PROPERTIES, List.of("id"), "updated-at")),
            messages);
    try (DefaultCache cache = CacheFixture.open(root)) {
      cache.sync(
          source,
          Json.object(),
          source.discover(null),
          List.of("Customer-Orders"),
          SyncListener.NONE);
    }
  }

  @Test
  void writesToPyAirbytesDefaultCachePath() {
    syncTypedStream("{\"id\": 1}");
    assertTrue(Files.isRegularFile(root.resolve("default_cache/default_cache.duckdb")));
  }

  @Test
  void createsOneTablePerStreamNamedLowerCaseWithUnderscores() throws Exception {
    syncTypedStream("{\"id\": 1}");
    // PyAirbyte's two internal tables, this server's record of how syncs ended, the stream's table
    assertEquals(
        List.of(
            List.of("_airbyte_mcp_syncs"),
            List.of("_airbyte_state"),
            List.of("_airbyte_streams"),
            List.of("customer_orders")),
        CacheFixture.rows(
            root,
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
                + "ORDER BY table_name"));
  }

  @Test
  void typesColumnsFromTheJsonSchemaAndAddsTheAirbyteColumns() throws Exception {
    syncTypedStream("{\"id\": 1}");
    assertEquals(
        List.of(
            List.of("id", "BIGINT"),
            List.of("full_name", "VARCHAR"),
            List.of("price", "DECIMAL(38,9)"),
            List.of("active", "BOOLEAN"),
            List.of("born", "DATE"),
            List.of("updated_at", "TIMESTAMP WITH TIME ZONE"),
            List.of("tags", "JSON"),
            List.of("address", "JSON"),
            List.of("mixed", "VARCHAR"),
            List.of("opaque", "VARCHAR"),
            List.of("_airbyte_raw_id", "VARCHAR"),
            List.of("_airbyte_extracted_at", "TIMESTAMP WITH TIME ZONE"),
            List.of("_airbyte_meta", "JSON")),
        CacheFixture.rows(
            root,
            "SELECT column_name, data_type FROM information_schema.columns "
                + "WHERE table_name = 'customer_orders' ORDER BY ordinal_position"));
  }

  @Test
  void storesValuesWithTheirTypesMatchingFieldsCaseInsensitively() throws Exception {
    syncTypedStream(
        """
        {"id": 7, "FULL NAME": "Ada", "price": 12.5, "active": true, "born": "1815-12-10",
         "updated-at": "2024-01-02T03:04:05+01:00", "tags": ["a", "b"], "address": {"city": "London"},
         "mixed": 42, "opaque": {"x": 1}, "undeclared": "dropped"}""");
    assertEquals(
        List.of(
            List.of(
                "7",
                "Ada",
                "12.500000000",
                "true",
                "1815-12-10",
                "2024-01-02 02:04:05",
                "[\"a\",\"b\"]",
                "{\"city\":\"London\"}",
                "42",
                "{\"x\":1}",
                "2023-11-14 22:13:20")),
        CacheFixture.rows(
            root,
            "SELECT id, full_name, price, active, born, "
                + "strftime(updated_at AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S'), tags, address, mixed, opaque, "
                + "strftime(_airbyte_extracted_at AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S') FROM customer_orders"));
  }

  @Test
  void storesNullForAValueThatDoesNotFitItsColumnInsteadOfFailing() throws Exception {
    syncTypedStream(
        "{\"id\": 1, \"price\": \"not a number\", \"born\": \"someday\", \"active\": \"maybe\"}");
    assertEquals(
        List.of(Arrays.asList("1", null, null, null)),
        CacheFixture.rows(root, "SELECT id, price, born, active FROM customer_orders"));
  }

  @Test
  void recordsEachValueThatDidNotFitAsANulledChangeInAirbyteMeta() throws Exception {
    syncTypedStream(
        "{\"id\": 1, \"price\": \"not a number\", \"active\": true}", "{\"id\": 2, \"price\": 3}");
    assertEquals(
        List.of(
            List.of(
                "1",
                "{\"changes\":[{\"field\":\"price\",\"change\":\"NULLED\","
                    + "\"reason\":\"DESTINATION_SERIALIZATION_ERROR\"}]}"),
            List.of("2", "{\"changes\":[]}")),
        CacheFixture.rows(root, "SELECT id, _airbyte_meta FROM customer_orders ORDER BY id"));
  }

  @Test
  void keepsTheChangesTheSourceReportedInAirbyteMeta() throws Exception {
    ObjectNode message =
        (ObjectNode) Protocol.record("Customer-Orders", "{\"id\": 1, \"born\": \"never\"}").json();
    ((ObjectNode) message.get("record"))
        .set(
            "meta",
            Json.parse(
                "{\"changes\": [{\"field\": \"name\", "
                    + "\"change\": \"TRUNCATED\", \"reason\": \"SOURCE_FIELD_SIZE_LIMITATION\"}]}"));
    FakeSource source =
        FakeSource.emitting(
            "source-shop",
            catalog(stream("Customer-Orders", TYPED_PROPERTIES, List.of("id"), "updated-at")),
            List.of(AirbyteMessage.of(message)));
    try (DefaultCache cache = CacheFixture.open(root)) {
      cache.sync(
          source,
          Json.object(),
          source.discover(null),
          List.of("Customer-Orders"),
          SyncListener.NONE);
    }
    assertEquals(
        List.of(List.of("[\"TRUNCATED\", \"NULLED\"]")),
        CacheFixture.rows(
            root,
            "SELECT json_extract(_airbyte_meta, '$.changes[*].change')::VARCHAR FROM customer_orders"));
  }

  @Test
  void givesEachRecordAUuidV7RawId() throws Exception {
    syncTypedStream("{\"id\": 1}", "{\"id\": 2}");
    List<List<String>> ids = CacheFixture.rows(root, "SELECT _airbyte_raw_id FROM customer_orders");
    assertEquals(2, ids.size());
    for (List<String> id : ids) {
      assertTrue(
          id.get(0).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"),
          id.get(0));
    }
  }

  @Test
  void registersTheStreamWithItsSourceAndSchemaInAirbyteStreams() throws Exception {
    syncTypedStream("{\"id\": 1}");
    List<List<String>> rows =
        CacheFixture.rows(
            root,
            "SELECT stream_name, source_name, table_name, catalog_metadata FROM _airbyte_streams");
    assertEquals(1, rows.size());
    assertEquals(
        List.of("Customer-Orders", "source-shop", "Customer-Orders"), rows.get(0).subList(0, 3));
    assertEquals(
        "integer",
        Json.parse(rows.get(0).get(3)).path("properties").path("id").path("type").asText());
  }

  @Test
  void storesTheStateMessageInAirbyteStateKeyedByStream() throws Exception {
    syncTypedStream("{\"id\": 1}");
    List<List<String>> rows =
        CacheFixture.rows(
            root,
            "SELECT source_name, stream_name, table_name, state_json, last_updated IS NOT NULL FROM _airbyte_state");
    assertEquals(1, rows.size());
    assertEquals(
        List.of("source-shop", "Customer-Orders", "Customer-Orders"), rows.get(0).subList(0, 3));
    assertEquals(
        1,
        Json.parse(rows.get(0).get(3)).path("stream").path("stream_state").path("cursor").asInt());
    assertEquals("true", rows.get(0).get(4));
  }

  @Test
  void leavesNoStagingTablesBehind() throws Exception {
    syncTypedStream("{\"id\": 1}");
    assertEquals(
        List.of(),
        CacheFixture.rows(
            root,
            "SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema <> 'main' OR table_name LIKE '%stage%' OR table_name LIKE '%tmp%'"));
  }

  @Test
  void aStreamWithoutDeclaredFieldsStillGetsItsAirbyteColumns() throws Exception {
    FakeSource source =
        FakeSource.emitting(
            "source-loose",
            catalog(stream("Loose", "{}", List.of(), null)),
            List.of(record("Loose", "{\"anything\": 1}"), record("Other", "{\"id\": 1}")));
    try (DefaultCache cache = CacheFixture.open(root)) {
      cache.sync(source, Json.object(), source.discover(null), List.of("Loose"), SyncListener.NONE);
    }
    assertEquals(
        List.of(List.of("1", "{\"changes\":[]}")),
        CacheFixture.rows(root, "SELECT count(*), any_value(_airbyte_meta) FROM loose"));
  }

  @Test
  void refusesTwoStreamsThatWouldShareATable() {
    FakeSource source =
        FakeSource.emitting(
            "source-clash",
            catalog(
                stream("Sales Report", "{}", List.of(), null),
                stream("sales-report", "{}", List.of(), null)),
            List.of());
    try (DefaultCache cache = CacheFixture.open(root)) {
      CacheError error =
          Assertions.assertThrows(
              CacheError.class,
              () ->
                  cache.sync(
                      source,
                      Json.object(),
                      source.discover(null),
                      List.of("Sales Report", "sales-report"),
                      SyncListener.NONE));
      assertTrue(error.getMessage().contains("sales_report"), error.getMessage());
    }
  }
}
