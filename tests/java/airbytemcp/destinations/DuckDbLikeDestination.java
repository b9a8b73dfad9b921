package airbytemcp.destinations;

import airbytemcp.cache.TableNames;
import airbytemcp.common.Json;
import airbytemcp.protocol.AirbyteMessage;
import airbytemcp.protocol.MessageSink;
import airbytemcp.protocol.MessageType;
import airbytemcp.testing.InProcessConnector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An in-process destination that behaves like destination-duckdb (or, given a connection to
 * Postgres, like destination-postgres) for the smoke test: it writes each stream to a table in the
 * namespace's schema (text columns) and echoes every state after the records before it are written.
 * It can refuse a stream, as a destination that breaks, or silently drop one, as a destination that
 * loses data.
 */
final class DuckDbLikeDestination extends InProcessConnector {
  /** Opens the database a config names. */
  interface Database {
    Connection open(JsonNode config) throws SQLException;
  }

  private final String refusedStream;
  private final String droppedStream;
  private final Database database;
  final List<String> statesEchoed = new ArrayList<>();

  DuckDbLikeDestination(String refusedStream) {
    this(refusedStream, null);
  }

  DuckDbLikeDestination(String refusedStream, String droppedStream) {
    this(
        "destination-duckdb",
        refusedStream,
        droppedStream,
        config ->
            DriverManager.getConnection("jdbc:duckdb:" + config.path("destination_path").asText()));
  }

  DuckDbLikeDestination(
      String name, String refusedStream, String droppedStream, Database database) {
    super(name);
    this.refusedStream = refusedStream;
    this.droppedStream = droppedStream;
    this.database = database;
  }

  @Override
  public void write(JsonNode config, JsonNode catalog, Iterable<String> input, MessageSink sink) {
    try (Connection c = database.open(config)) {
      Map<String, List<String>> columns = new LinkedHashMap<>();
      try (Statement s = c.createStatement()) {
        for (JsonNode configured : catalog.path("streams")) {
          JsonNode stream = configured.path("stream");
          if (stream.path("name").asText().equals(droppedStream)) {
            continue;
          }
          String schema = TableNames.quote(stream.path("namespace").asText());
          s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
          List<String> names = new ArrayList<>();
          stream.path("json_schema").path("properties").fieldNames().forEachRemaining(names::add);
          List<String> definitions = new ArrayList<>();
          names.forEach(
              n -> definitions.add(TableNames.quote(TableNames.normalize(n)) + " VARCHAR"));
          definitions.add("_airbyte_raw_id VARCHAR");
          String table =
              schema + "." + TableNames.quote(TableNames.normalize(stream.path("name").asText()));
          s.execute("DROP TABLE IF EXISTS " + table);
          s.execute("CREATE TABLE " + table + " (" + String.join(", ", definitions) + ")");
          columns.put(stream.path("name").asText(), names);
        }
      }
      c.setAutoCommit(false);
      for (String line : input) {
        AirbyteMessage message = AirbyteMessage.of((ObjectNode) Json.parse(line));
        JsonNode payload = message.payload();
        if (message.type() == MessageType.RECORD) {
          String stream = payload.path("stream").asText();
          if (stream.equals(refusedStream)) {
            throw new IllegalStateException(
                "destination-duckdb write failed: cannot store stream " + stream);
          }
          if (!stream.equals(droppedStream)) {
            insert(c, payload, columns.get(stream));
          }
        } else if (message.type() == MessageType.STATE) {
          c.commit();
          statesEchoed.add(line);
          sink.accept(message);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void insert(Connection c, JsonNode record, List<String> names)
      throws SQLException {
    String table =
        TableNames.quote(record.path("namespace").asText())
            + "."
            + TableNames.quote(TableNames.normalize(record.path("stream").asText()));
    String marks = String.join(", ", Collections.nCopies(names.size() + 1, "?"));
    try (PreparedStatement insert =
        c.prepareStatement("INSERT INTO " + table + " VALUES (" + marks + ")")) {
      for (int i = 0; i < names.size(); i++) {
        JsonNode v = record.path("data").get(names.get(i));
        insert.setString(
            i + 1, v == null || v.isNull() ? null : v.isTextual() ? v.asText() : v.toString());
      }
      insert.setString(names.size() + 1, UUID.randomUUID().toString());
      insert.executeUpdate();
    }
  }
}
