package airbytemcp.common;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The one JSON (and YAML) mapper setup of the server. */
public final class Json {
  public static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  public static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /**
   * For streaming parsers made per line on hot paths: without the source in error locations, making
   * a parser does not build a description of its input each time.
   */
  public static final JsonFactory STREAMING =
      JsonFactory.builder().disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /**
   * Merges {@code source} into {@code target}: an object in both is merged field by field, any
   * other value of {@code source} replaces (a copy of it).
   */
  public static void deepMerge(ObjectNode target, ObjectNode source) {
    Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode existing = target.get(field.getKey());
      if (existing != null && existing.isObject() && field.getValue().isObject()) {
        deepMerge((ObjectNode) existing, (ObjectNode) field.getValue());
      } else {
        target.set(field.getKey(), field.getValue().deepCopy());
      }
    }
  }

  public static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not serialise a value to JSON", e);
    }
  }

  public static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Not valid JSON " + where(e) + ".", e);
    }
  }

  /** Parses JSON or YAML text (YAML is a superset of JSON). */
  public static JsonNode parseJsonOrYaml(String text) {
    try {
      return YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Not valid JSON or YAML " + where(e) + ".", e);
    }
  }

  /**
   * Where a parse failed, as line and column only: parsers quote the offending text, which may be a
   * secret or a line of a file the caller must not see.
   */
  public static String where(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    if (at == null || at.getLineNr() < 1) {
      return "(position unknown)";
    }
    return "at line " + at.getLineNr() + ", column " + Math.max(1, at.getColumnNr());
  }

  /**
   * The YAML parser's own words for what is wrong ({@code while parsing a block mapping: expected
   * <block end>, but found '-'}), without the lines of the text it quotes beneath them (those are
   * indented), and none of its quoted words but token kinds and single characters; empty when it
   * gives none. Cut to 200 characters.
   */
  public static String yamlReason(JsonProcessingException e) {
    String original = e.getOriginalMessage();
    if (original == null) {
      return "";
    }
    List<String> words = new ArrayList<>();
    for (String line : original.split("\n")) {
      // the parser's sentences start at the margin; "in 'reader', line 3" and quoted text do not
      if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
        words.add(line.strip());
      }
    }
    // a quoted word can be the file's own text (an alias name, a key): only token kinds and single
    // characters (escaped or not) stay, e.g. '<block mapping start>', ':' or '\t(TAB)'
    String reason = String.join(": ", words).replaceAll("'(?![<\\\\])[^'\\s]{2,}'", "'...'");
    return reason.length() > 200 ? reason.substring(0, 200) + "..." : reason;
  }

  public static JsonNode toTree(Object value) {
    return MAPPER.valueToTree(value);
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> toMap(JsonNode node) {
    return MAPPER.convertValue(node, Map.class);
  }
}
