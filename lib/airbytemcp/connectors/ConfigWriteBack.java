package airbytemcp.connectors;

import airbytemcp.protocol.AirbyteMessage;
import airbytemcp.protocol.MessageSink;
import airbytemcp.protocol.MessageType;
import airbytemcp.protocol.RawLineSink;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A connector whose config updates are stored: a CONTROL message of type CONNECTOR_CONFIG (a
 * rotated OAuth refresh token) goes to the store instead of the reader's sink, which never sees its
 * secrets. Everything else is the wrapped connector's.
 */
final class ConfigWriteBack implements Connector {
  private final Connector connector;
  private final Consumer<JsonNode> store;

  ConfigWriteBack(Connector connector, Consumer<JsonNode> store) {
    this.connector = connector;
    this.store = store;
  }

  @Override
  public String name() {
    return connector.name();
  }

  @Override
  public ObjectNode spec() {
    return connector.spec();
  }

  @Override
  public ObjectNode check(JsonNode config) {
    return connector.check(config);
  }

  @Override
  public ObjectNode discover(JsonNode config) {
    return connector.discover(config);
  }

  @Override
  public void read(
      JsonNode config, JsonNode configuredCatalog, Optional<JsonNode> state, MessageSink sink) {
    // records never hold a config update: they may pass as raw lines
    connector.read(
        config,
        configuredCatalog,
        state,
        RawLineSink.around(sink, message -> route(message, sink)));
  }

  @Override
  public void write(
      JsonNode config, JsonNode configuredCatalog, Iterable<String> input, MessageSink sink) {
    connector.write(config, configuredCatalog, input, message -> route(message, sink));
  }

  private void route(AirbyteMessage message, MessageSink sink) {
    if (message.type() == MessageType.CONTROL
        && "CONNECTOR_CONFIG".equals(message.payload().path("type").asText())) {
      JsonNode updated = message.payload().path("connectorConfig").path("config");
      if (updated.isObject()) {
        store.accept(updated.deepCopy());
      }
      return;
    }
    sink.accept(message);
  }
}
