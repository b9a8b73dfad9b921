package airbytemcp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.protocol.model.Catalog;
import airbytemcp.protocol.model.ConnectionStatus;
import airbytemcp.protocol.model.ConnectorSpec;
import airbytemcp.protocol.model.ControlMessage;
import airbytemcp.protocol.model.LogMessage;
import airbytemcp.protocol.model.RecordMessage;
import airbytemcp.protocol.model.StateMessage;
import airbytemcp.protocol.model.TraceMessage;
import airbytemcp.testing.SharedData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every message model reads back unchanged, and writes what the Airbyte protocol's own schema
 * accepts (checked where ../shared has the schema, always in CI).
 */
class ProtocolModelsTest {
  private static Schema airbyteMessage;

  @BeforeAll
  static void loadProtocolSchema() throws IOException {
    Optional<Path> schema = SharedData.airbyteWhereAvailable("airbyte_protocol.yaml");
    if (schema.isEmpty()) {
      return;
    }
    JsonNode protocol = Json.YAML.readTree(schema.get().toFile());
    ObjectNode root = Json.object();
    root.put("$ref", "#/definitions/AirbyteMessage");
    root.set("definitions", protocol.path("definitions"));
    airbyteMessage =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(root);
  }

  private static ObjectNode obj(String json) {
    return (ObjectNode) Json.parse(json);
  }

  private static <T> void roundTrip(MessageType type, T model) {
    AirbyteMessage message = AirbyteMessage.of(type, model);
    if (airbyteMessage != null) {
      List<com.networknt.schema.Error> errors = airbyteMessage.validate(message.json());
      assertTrue(errors.isEmpty(), type + " " + message.json() + " -> " + errors);
    }
    AirbyteMessage reread = AirbyteMessage.of((ObjectNode) Json.parse(Json.write(message.json())));
    assertEquals(type, reread.type());
    assertEquals(model, reread.payloadAs(model.getClass()));
    assertEquals(model.getClass(), type.model());
  }

  @Test
  void recordMessages() {
    roundTrip(
        MessageType.RECORD,
        new RecordMessage(
            "users",
            "public",
            obj("{\"id\": 1, \"name\": \"Ada\"}"),
            1_700_000_000_000L,
            obj("{\"changes\": []}")));
  }

  @Test
  void stateMessagesOfEveryKind() {
    StreamDescriptor users = new StreamDescriptor("users", null);
    roundTrip(
        MessageType.STATE,
        new StateMessage(
            StateMessage.Type.STREAM,
            new StateMessage.StreamState(users, obj("{\"updated_at\": \"2024-01-01\"}")),
            null,
            null,
            new StateMessage.Stats(10.0),
            null));
    roundTrip(
        MessageType.STATE,
        new StateMessage(
            StateMessage.Type.GLOBAL,
            null,
            new StateMessage.GlobalState(
                obj("{\"lsn\": 42}"), List.of(new StateMessage.StreamState(users, obj("{}")))),
            null,
            null,
            null));
    roundTrip(
        MessageType.STATE,
        new StateMessage(StateMessage.Type.LEGACY, null, null, obj("{\"cursor\": 5}"), null, null));
  }

  @Test
  void aStateWithoutTypeIsLegacy() {
    StateMessage state =
        AirbyteMessage.of(obj("{\"type\": \"STATE\", \"state\": {\"data\": {\"c\": 1}}}"))
            .payloadAs(StateMessage.class);
    assertEquals(StateMessage.Type.LEGACY, state.effectiveType());
  }

  @Test
  void logMessages() {
    roundTrip(
        MessageType.LOG, new LogMessage(LogMessage.Level.WARN, "slow API", "at x.y(Z.java:1)"));
  }

  @Test
  void traceMessagesOfEveryKind() {
    StreamDescriptor orders = new StreamDescriptor("orders", "shop");
    roundTrip(
        MessageType.TRACE,
        new TraceMessage(
            TraceMessage.Type.ERROR,
            1.7e12,
            new TraceMessage.Error("Bad key", "401 from API", "trace", "config_error", orders),
            null,
            null,
            null));
    roundTrip(
        MessageType.TRACE,
        new TraceMessage(
            TraceMessage.Type.ESTIMATE,
            1.7e12,
            null,
            new TraceMessage.Estimate("orders", "shop", "STREAM", 1000L, 65536L),
            null,
            null));
    roundTrip(
        MessageType.TRACE,
        new TraceMessage(
            TraceMessage.Type.STREAM_STATUS,
            1.7e12,
            null,
            null,
            new TraceMessage.StreamStatus(orders, "COMPLETE", null),
            null));
  }

  @Test
  void controlMessages() {
    roundTrip(
        MessageType.CONTROL,
        new ControlMessage(
            "CONNECTOR_CONFIG",
            1.7e12,
            new ControlMessage.ConnectorConfig(obj("{\"refresh_token\": \"r\"}"))));
  }

  @Test
  void connectionStatusSpecAndCatalog() {
    roundTrip(
        MessageType.CONNECTION_STATUS,
        new ConnectionStatus(ConnectionStatus.Status.FAILED, "bad key"));
    roundTrip(
        MessageType.SPEC,
        new ConnectorSpec(
            "0.5.2",
            "https://docs.example.com",
            null,
            obj("{\"type\": \"object\", \"properties\": {}}"),
            true,
            null,
            null));
    roundTrip(
        MessageType.CATALOG,
        new Catalog(
            List.of(
                new Catalog.Stream(
                    "users",
                    obj("{\"type\": \"object\"}"),
                    List.of("full_refresh", "incremental"),
                    true,
                    List.of("updated_at"),
                    List.of(List.of("id")),
                    null,
                    true))));
  }

  @Test
  void fieldsTheModelDoesNotNameArePassedThroughInTheMessage() {
    AirbyteMessage message =
        AirbyteMessage.of(
            obj(
                "{\"type\": \"RECORD\", \"record\": {\"stream\": \"s\", \"data\": {}, \"emitted_at\": 1, \"future_field\": true}}"));
    assertEquals("s", message.payloadAs(RecordMessage.class).stream());
    assertTrue(message.json().path("record").path("future_field").asBoolean());
  }

  @Test
  void aMessageTheProtocolDoesNotAllowIsAProtocolError() {
    AirbyteMessage message =
        AirbyteMessage.of(
            obj("{\"type\": \"LOG\", \"log\": {\"level\": \"LOUD\", \"message\": \"x\"}}"));
    ProtocolError e = assertThrows(ProtocolError.class, () -> message.payloadAs(LogMessage.class));
    assertTrue(e.getMessage().contains("LOG"));
  }
}
