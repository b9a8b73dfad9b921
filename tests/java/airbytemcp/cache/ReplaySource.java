package airbytemcp.cache;

import airbytemcp.common.Json;
import airbytemcp.protocol.AirbyteMessage;
import airbytemcp.protocol.MessageSink;
import airbytemcp.protocol.MessageType;
import airbytemcp.testing.InProcessConnector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A source that replays a connector's recorded stdout: one protocol message per line, non-JSON
 * lines skipped as logs, and the discovered catalog taken from the CATALOG message in the file.
 */
final class ReplaySource extends InProcessConnector {
  private final Path recording;
  private final int exitCode;
  private Optional<JsonNode> lastState = Optional.empty();

  ReplaySource(String name, Path recording) {
    this(name, recording, 0);
  }

  /**
   * A recording of a connector that ended with {@code exitCode}; non-zero fails the read after the
   * replay.
   */
  ReplaySource(String name, Path recording, int exitCode) {
    super(name);
    this.recording = recording;
    this.exitCode = exitCode;
  }

  Optional<JsonNode> lastState() {
    return lastState;
  }

  @Override
  public ObjectNode discover(JsonNode config) {
    ObjectNode[] catalog = new ObjectNode[1];
    replay(
        m -> {
          if (m.type() == MessageType.CATALOG) {
            catalog[0] = (ObjectNode) m.payload();
          }
        });
    return catalog[0];
  }

  @Override
  public void read(
      JsonNode config, JsonNode configuredCatalog, Optional<JsonNode> state, MessageSink sink) {
    lastState = state;
    replay(
        m -> {
          if (m.type() != MessageType.CATALOG) {
            sink.accept(m);
          }
        });
    if (exitCode != 0) {
      throw new IllegalStateException(name() + " exited with code " + exitCode);
    }
  }

  private void replay(MessageSink sink) {
    try (BufferedReader lines = Files.newBufferedReader(recording, StandardCharsets.UTF_8)) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.startsWith("{")) {
          sink.accept(AirbyteMessage.of((ObjectNode) Json.parse(line)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
