package airbytemcp.connectors;

import airbytemcp.protocol.MessageSink;
import airbytemcp.protocol.MessageSource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * An Airbyte connector, whatever runs it (Docker, Python, a local executable or the JVM declarative
 * runtime). Configs passed in are hydrated (secrets resolved); implementations must never echo them
 * outside the server. Every message is streamed to the sink as the connector produces it.
 */
public interface Connector extends MessageSource {
  /** The connector's name, e.g. {@code source-pokeapi}. */
  @Override
  String name();

  /** The SPEC message payload ({@code connectionSpecification} and friends). */
  ObjectNode spec();

  /**
   * The config as this connector's own migrations leave it (a declarative manifest's {@code
   * config_migrations}), for the server to validate and store; the config itself when the connector
   * migrates nothing here (a Docker or Python connector migrates inside its own run).
   */
  default JsonNode migratedConfig(JsonNode config) {
    return config;
  }

  /** The CONNECTION_STATUS payload of a check. */
  ObjectNode check(JsonNode config);

  /** The CATALOG payload of a discover. */
  ObjectNode discover(JsonNode config);

  /** Reads the streams of a configured catalog, resuming from {@code state} when present. */
  @Override
  void read(
      JsonNode config, JsonNode configuredCatalog, Optional<JsonNode> state, MessageSink sink);

  /**
   * Writes messages to a destination. {@code input} supplies the messages (records and states) to
   * send; the destination's own output (states it committed, logs) goes to the sink.
   */
  default void write(
      JsonNode config, JsonNode configuredCatalog, Iterable<String> input, MessageSink sink) {
    throw new UnsupportedOperationException(name() + " is not a destination.");
  }
}
