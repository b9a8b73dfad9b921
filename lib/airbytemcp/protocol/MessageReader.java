package airbytemcp.protocol;

import airbytemcp.common.Json;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads a connector's stdout: one JSON message per line, handed to the sink as soon as the line is
 * complete, so a stream of any size passes through without being held. Lines that are not a
 * protocol message (plain text, JSON without a known type) are the connector talking, and become
 * LOG messages.
 */
public final class MessageReader {
  private static final JsonFactory FACTORY = Json.STREAMING;
  private static final String RECORD_PREFIX = "{\"type\":\"RECORD\",";

  private MessageReader() {}

  public static void read(InputStream stdout, MessageSink sink) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8), 1 << 16)) {
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
      if (typeOf(text) == MessageType.RECORD) {
        return AirbyteMessage.unparsed(MessageType.RECORD, text);
      }
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

  /**
   * The top-level {@code type} of a JSON line, read without parsing the rest; UNKNOWN when the line
   * has none or is not JSON up to it.
   */
  static MessageType typeOf(String line) {
    if (line.startsWith(RECORD_PREFIX)) {
      return MessageType.RECORD; // how connectors almost always write records: no parser needed
    }
    try (JsonParser parser = FACTORY.createParser(line)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return MessageType.UNKNOWN;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        boolean isType = "type".equals(parser.currentName());
        JsonToken value = parser.nextToken();
        if (isType) {
          return value == JsonToken.VALUE_STRING
              ? MessageType.fromWire(parser.getText())
              : MessageType.UNKNOWN;
        }
        parser.skipChildren();
      }
    } catch (IOException e) {
      // not JSON: the full parse below turns it into a log line
    }
    return MessageType.UNKNOWN;
  }
}
