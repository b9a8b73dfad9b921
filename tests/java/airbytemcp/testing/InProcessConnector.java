package airbytemcp.testing;

import airbytemcp.common.Json;
import airbytemcp.connectors.Connector;
import airbytemcp.protocol.MessageSink;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * A connector that runs inside the test JVM: subclasses give the catalog and the read (or write)
 * they need; the rest answers as a connector with an empty spec and a successful check would.
 */
public abstract class InProcessConnector implements Connector {
  private final String name;

  protected InProcessConnector(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ObjectNode spec() {
    return Json.object();
  }

  @Override
  public ObjectNode check(JsonNode config) {
    return Json.object().put("status", "SUCCEEDED");
  }

  @Override
  public ObjectNode discover(JsonNode config) {
    return Json.object();
  }

  @Override
  public void read(
      JsonNode config, JsonNode configuredCatalog, Optional<JsonNode> state, MessageSink sink) {
    throw new UnsupportedOperationException(name + " does not read");
  }
}
