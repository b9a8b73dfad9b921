package airbytemcp.protocol;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads a connector's stdout: one JSON message per line, handed to the sink as soon as the line is complete, so a
 * stream of any size passes through without being held. Lines that are not a protocol message (plain text,
 * JSON without a known type) are the connector talking, and become LOG messages.
 */
public final class MessageReader {
  private MessageReader() {}

  public static void read(InputStream stdout, MessageSink sink) {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8), 1 << 16)) {
      String line;
      while ((line = reader.readLine()) != null) {
        AirbyteMessage message = parseLine(line);
        if (message != null) {
          sink.accept(message);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The message a line holds; null for a blank line. */
  public static AirbyteMessage parseLine(String line) {
    String text = line.strip();
    if (text.isEmpty()) {
      return null;
    }
    if (text.startsWith("{")) {
      try {
        JsonNode node = Json.MAPPER.readTree(text);
        if (node instanceof ObjectNode object) {
          AirbyteMessage message = AirbyteMessage.of(object);
          if (message.type() != MessageType.UNKNOWN && message.payload().isObject()) {
            return message;
          }
        }
      } catch (IOException e) {
        // not JSON after all: a log line that starts with a brace
      }
    }
    return Messages.log("INFO", text);
  }
}
