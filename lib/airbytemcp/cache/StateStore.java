package airbytemcp.cache;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The connector states kept in {@code _airbyte_state}, one row per source stream (global and legacy
 * states under {@code _GLOBAL} and {@code _LEGACY}), holding the state message as JSON, as
 * PyAirbyte stores them.
 */
public final class StateStore {
  static final String GLOBAL = "_GLOBAL";
  static final String LEGACY = "_LEGACY";

  private StateStore() {}

  /** The key a state message is stored under: its stream, {@code _GLOBAL} or {@code _LEGACY}. */
  static String keyOf(JsonNode state) {
    String type = state.path("type").asText("");
    if (type.equals("GLOBAL")) {
      return GLOBAL;
    }
    if (type.equals("STREAM")) {
      String name = state.path("stream").path("stream_descriptor").path("name").asText("");
      if (!name.isEmpty()) {
        return name;
      }
    }
    return LEGACY;
  }

  /**
   * Replaces the stored state of the message's stream; runs in the caller's transaction. Updated in
   * place rather than deleted and re-inserted, for the reason {@link CacheTables#registerStream}
   * gives.
   */
  static void save(Connection connection, String source, JsonNode state) throws SQLException {
    String key = keyOf(state);
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE main."
                + CacheTables.STATE_TABLE
                + " SET source_name = ?, stream_name = ?, state_json = ?, last_updated = now() WHERE table_name = ?")) {
      update.setString(1, source);
      update.setString(2, key);
      update.setString(3, state.toString());
      update.setString(4, key);
      if (update.executeUpdate() > 0) {
        return;
      }
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO main."
                + CacheTables.STATE_TABLE
                + " (source_name, stream_name, table_name, state_json, last_updated) VALUES (?, ?, ?, ?, now())")) {
      insert.setString(1, source);
      insert.setString(2, key);
      insert.setString(3, key);
      insert.setString(4, state.toString());
      insert.executeUpdate();
    }
  }

  /**
   * The state to give the connector for the next read of these streams: the stored state messages
   * as an array, or the bare legacy state object when that is all there is; empty when nothing is
   * stored.
   */
  public static Optional<JsonNode> load(
      Connection connection, String source, Collection<String> streams) throws SQLException {
    if (CacheTables.columns(connection, CacheTables.STATE_TABLE).isEmpty()) {
      return Optional.empty();
    }
    List<JsonNode> states = new ArrayList<>();
    JsonNode legacy = null;
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT stream_name, state_json FROM main."
                + CacheTables.STATE_TABLE
                + " WHERE source_name = ? AND table_name = stream_name ORDER BY stream_name")) {
      s.setString(1, source);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          String stream = rs.getString(1);
          JsonNode state = Json.parse(rs.getString(2));
          if (stream.equals(LEGACY)) {
            legacy = state;
          } else if (stream.equals(GLOBAL) || streams.contains(stream)) {
            states.add(state);
          }
        }
      }
    }
    if (!states.isEmpty()) {
      ArrayNode array = Json.array();
      states.forEach(array::add);
      return Optional.of(array);
    }
    if (legacy != null) {
      return Optional.of(legacy.has("data") ? legacy.get("data") : legacy);
    }
    return Optional.empty();
  }
}
