package airbytemcp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.testing.SharedData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The one builder of protocol messages writes what the Airbyte protocol's own schema accepts, and
 * the server reads back what it wrote.
 */
class MessagesTest {
  private static final StreamDescriptor USERS = new StreamDescriptor("users", null);
  private static final StreamDescriptor ORDERS = new StreamDescriptor("orders", "shop");

  private static Schema protocolSchema() throws IOException {
    JsonNode protocol = Json.YAML.readTree(SharedData.airbyte("airbyte_protocol.yaml").toFile());
    ObjectNode root = Json.object();
    root.put("$ref", "#/definitions/AirbyteMessage");
    root.set("definitions", protocol.path("definitions"));
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(root);
  }

  private static List<AirbyteMessage> everyKindBuilt() {
    ObjectNode row = Json.object().put("id", 1).put("name", "Ada");
    ObjectNode cursor = Json.object().put("updated_at", "2024-01-01");
    return List.of(
        Messages.record(USERS, row, 1_700_000_000_000L),
        Messages.record(ORDERS, row, 1_700_000_000_000L),
        Messages.streamState(USERS, cursor, 10),
        Messages.streamState(ORDERS, cursor, 0),
        Messages.log("WARN", "slow API"),
        Messages.streamStatus(USERS, "STARTED"),
        Messages.streamStatus(ORDERS, "COMPLETE"),
        Messages.traceError(ORDERS, "Bad key", "401 from API", "config_error"),
        Messages.traceError(null, "Broken", null, "system_error"));
  }

  @Test
  void everyMessageBuiltIsOneTheProtocolSchemaAccepts() throws IOException {
    Schema schema = protocolSchema();
    for (AirbyteMessage message : everyKindBuilt()) {
      List<com.networknt.schema.Error> errors = schema.validate(message.json());
      assertTrue(errors.isEmpty(), message.json() + " breaks the protocol schema: " + errors);
    }
  }

  @Test
  void aBuiltMessageReadsBackAsTheSameMessageFromItsLine() {
    for (AirbyteMessage message : everyKindBuilt()) {
      AirbyteMessage reread = MessageReader.parseLine(Json.write(message.json()));
      assertEquals(message.type(), reread.type(), "type lost in " + message);
      assertEquals(message.json(), reread.json(), "the line of " + message + " reads differently");
    }
  }

  @Test
  void recordsAndStreamStatesNameTheirStreamWithItsNamespace() {
    ObjectNode row = Json.object().put("id", 1);
    assertEquals(Optional.of(ORDERS), Messages.streamOf(Messages.record(ORDERS, row, 1L)));
    assertEquals(Optional.of(USERS), Messages.streamOf(Messages.record(USERS, row, 1L)));
    assertEquals(Optional.of(ORDERS), Messages.streamOf(Messages.streamState(ORDERS, row, 1)));
    AirbyteMessage record = Messages.record(USERS, row, 1L);
    assertTrue(
        record.json().path("record").path("namespace").isMissingNode(),
        "a stream without namespace must leave the field out: " + record);
  }

  @Test
  void aBuiltTraceErrorReadsBackAsTheFailureItReports() {
    TraceError error =
        Messages.traceError(Messages.traceError(ORDERS, "Bad key", "401 from API", "config_error"))
            .orElseThrow();
    assertEquals(new TraceError("Bad key", "401 from API", "config_error", null), error);
    assertEquals(
        Optional.empty(),
        Messages.traceError(Messages.streamStatus(USERS, "COMPLETE")),
        "a stream status is no error");
  }

  @Test
  void aTraceErrorWithoutDetailsStillReportsAFailure() {
    AirbyteMessage bare =
        MessageReader.parseLine("{\"type\": \"TRACE\", \"trace\": {\"type\": \"ERROR\"}}");
    assertEquals(
        "The connector reported an error it did not describe.",
        Messages.traceError(bare).orElseThrow().message());
    AirbyteMessage odd =
        MessageReader.parseLine(
            "{\"type\": \"TRACE\", \"trace\": {\"type\": \"ERROR\", \"error\": {\"message\": {}}}}");
    assertEquals(
        "The connector reported an error without a message.",
        Messages.traceError(odd).orElseThrow().message());
  }
}
