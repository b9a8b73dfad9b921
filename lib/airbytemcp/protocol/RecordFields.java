package airbytemcp.protocol;

import airbytemcp.common.Json;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The parts of a RECORD a sink stores, read in one pass over the message text without building a
 * JSON tree: stream, namespace, {@code emitted_at}, {@code meta} and each data field as text
 * (strings as they are, numbers and booleans as spelled, objects and arrays as JSON; null fields
 * are left out). One instance is reused record after record by a single reader.
 */
public final class RecordFields {
  private static final JsonFactory FACTORY = Json.STREAMING;

  private String stream;
  private String namespace;
  private Long emittedAt;
  private String metaJson;
  private int size;
  private String[] names = new String[16];
  private String[] values = new String[16];
  private boolean[] strings = new boolean[16];

  /** Reads the RECORD message of a connector's line. */
  public RecordFields readMessageLine(String line) {
    clear();
    try (JsonParser parser = FACTORY.createParser(line)) {
      expect(parser.nextToken() == JsonToken.START_OBJECT, "a message is a JSON object");
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals("record") && value == JsonToken.START_OBJECT) {
          readRecord(parser);
        } else {
          parser.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new ProtocolError(
          "The connector sent a RECORD line that is not valid JSON: " + e.getMessage(),
          "This is a bug in the connector; try another version (the version argument).");
    }
    return this;
  }

  /** Reads a RECORD payload that is already a tree (messages built in the server). */
  public RecordFields readPayload(JsonNode record) {
    clear();
    stream = textOrNull(record.get("stream"));
    namespace = textOrNull(record.get("namespace"));
    JsonNode emitted = record.get("emitted_at");
    emittedAt = emitted != null && emitted.canConvertToLong() ? emitted.asLong() : null;
    JsonNode meta = record.get("meta");
    metaJson = meta != null && meta.isObject() ? meta.toString() : null;
    Iterator<Map.Entry<String, JsonNode>> fields = record.path("data").fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode value = field.getValue();
      if (!value.isNull()) {
        add(
            field.getKey(),
            value.isValueNode() ? value.asText() : value.toString(),
            value.isTextual());
      }
    }
    return this;
  }

  public String stream() {
    return stream;
  }

  public String namespace() {
    return namespace;
  }

  /** When the connector says it read the record; null when it did not say. */
  public Long emittedAt() {
    return emittedAt;
  }

  /** The record's {@code meta} object as JSON; null when absent. */
  public String metaJson() {
    return metaJson;
  }

  public int size() {
    return size;
  }

  public String name(int i) {
    return names[i];
  }

  public String value(int i) {
    return values[i];
  }

  /** Whether the value was a JSON string (as opposed to a number, boolean, object or array). */
  public boolean isString(int i) {
    return strings[i];
  }

  /**
   * Replaces each data value and the meta JSON by {@code f} of it (e.g. masked), before a sink
   * stores them. The values are the parsed ones, so no JSON escape can hide what they hold.
   */
  public void replaceValues(UnaryOperator<String> f) {
    for (int i = 0; i < size; i++) {
      values[i] = f.apply(values[i]);
    }
    if (metaJson != null) {
      metaJson = f.apply(metaJson);
    }
  }

  /** A string value spelled as JSON (quoted and escaped), for JSON columns. */
  public static String quoted(String text) {
    return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
  }

  private void readRecord(JsonParser parser) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "stream" -> stream = value == JsonToken.VALUE_STRING ? parser.getText() : null;
        case "namespace" -> namespace = value == JsonToken.VALUE_STRING ? parser.getText() : null;
        case "emitted_at" ->
            emittedAt =
                value == JsonToken.VALUE_NUMBER_INT
                    ? Long.valueOf(parser.getLongValue())
                    : value == JsonToken.VALUE_NUMBER_FLOAT
                        ? Long.valueOf((long) parser.getDoubleValue())
                        : null;
        case "meta" ->
            metaJson = value == JsonToken.START_OBJECT ? copyStructure(parser) : skip(parser);
        case "data" -> {
          if (value == JsonToken.START_OBJECT) {
            readData(parser);
          } else {
            parser.skipChildren();
          }
        }
        default -> parser.skipChildren();
      }
    }
  }

  private void readData(JsonParser parser) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (value) {
        case VALUE_NULL -> {}
        case VALUE_STRING -> add(name, parser.getText(), true);
        case START_OBJECT, START_ARRAY -> add(name, copyStructure(parser), false);
        default -> add(name, parser.getText(), false);
      }
    }
  }

  private static String copyStructure(JsonParser parser) throws IOException {
    StringWriter out = new StringWriter(64);
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      generator.copyCurrentStructure(parser);
    }
    return out.toString();
  }

  private static String skip(JsonParser parser) throws IOException {
    parser.skipChildren();
    return null;
  }

  private void add(String name, String value, boolean isString) {
    if (size == names.length) {
      names = Arrays.copyOf(names, size * 2);
      values = Arrays.copyOf(values, size * 2);
      strings = Arrays.copyOf(strings, size * 2);
    }
    names[size] = name;
    values[size] = value;
    strings[size] = isString;
    size++;
  }

  private void clear() {
    stream = null;
    namespace = null;
    emittedAt = null;
    metaJson = null;
    size = 0;
  }

  private static void expect(boolean condition, String what) throws IOException {
    if (!condition) {
      throw new IOException("expected " + what);
    }
  }

  private static String textOrNull(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }
}
