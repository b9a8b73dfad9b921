package airbytemcp.cache;

import airbytemcp.protocol.AirbyteMessage;
import airbytemcp.protocol.MessageSink;
import airbytemcp.protocol.MessageType;
import airbytemcp.testing.InProcessConnector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * An in-process source: each read emits the messages its script returns for the state it was given,
 * one by one, and can fail like a crashing connector after a number of records.
 */
final class FakeSource extends InProcessConnector {
  private final ObjectNode catalog;
  private final Function<Optional<JsonNode>, List<AirbyteMessage>> script;
  private final List<Optional<JsonNode>> statesReceived = new ArrayList<>();
  private final List<JsonNode> catalogsReceived = new ArrayList<>();
  private int failAfterRecords = -1;

  FakeSource(
      String name, ObjectNode catalog, Function<Optional<JsonNode>, List<AirbyteMessage>> script) {
    super(name);
    this.catalog = catalog;
    this.script = script;
  }

  static FakeSource emitting(String name, ObjectNode catalog, List<AirbyteMessage> messages) {
    return new FakeSource(name, catalog, state -> messages);
  }

  /** The next reads throw after emitting this many records, as a connector that dies mid-stream. */
  FakeSource failingAfter(int records) {
    this.failAfterRecords = records;
    return this;
  }

  List<Optional<JsonNode>> statesReceived() {
    return statesReceived;
  }

  List<JsonNode> catalogsReceived() {
    return catalogsReceived;
  }

  @Override
  public ObjectNode discover(JsonNode config) {
    return catalog.deepCopy();
  }

  @Override
  public void read(
      JsonNode config, JsonNode configuredCatalog, Optional<JsonNode> state, MessageSink sink) {
    statesReceived.add(state);
    catalogsReceived.add(configuredCatalog);
    int records = 0;
    for (AirbyteMessage message : script.apply(state)) {
      if (message.type() == MessageType.RECORD && records++ == failAfterRecords) {
        throw new IllegalStateException("source process exited with code 137 (killed)");
      }
      sink.accept(message);
    }
  }
}
