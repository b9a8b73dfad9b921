package airbytemcp.declarative;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Records a stream's JSON schema allows, with dates in the format its cursor reads. */
final class CorpusRecords {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private CorpusRecords() {}

  static JsonNode of(JsonNode schema) {
    return value(schema, 0);
  }

  private static JsonNode value(JsonNode schema, int depth) {
    String type = type(schema);
    String format = schema.path("format").asText("");
    if (schema.has("enum") && !schema.get("enum").isEmpty()) {
      return schema.get("enum").get(0);
    }
    switch (type) {
      case "object":
        {
          ObjectNode o = Json.object();
          if (depth < 3) {
            Iterator<String> names = schema.path("properties").fieldNames();
            while (names.hasNext()) {
              String n = names.next();
              o.set(n, value(schema.path("properties").path(n), depth + 1));
            }
          }
          return o;
        }
      case "array":
        return Json.array();
      case "integer":
        return F.numberNode(1);
      case "number":
        return F.numberNode(1.5);
      case "boolean":
        return F.booleanNode(true);
      case "null":
        return F.nullNode();
      default:
        return switch (format) {
          case "date-time" -> F.textNode("2024-01-02T03:04:05Z");
          case "date" -> F.textNode("2024-01-02");
          default -> F.textNode("value");
        };
    }
  }

  /** {@code when} in a Python datetime format; epoch formats as numbers, as APIs send them. */
  static JsonNode date(String format, ZonedDateTime when) {
    if (format == null || format.isEmpty()) {
      return F.textNode(when.toInstant().toString());
    }
    if (format.equals("%s")) {
      return F.numberNode(when.toEpochSecond());
    }
    if (format.equals("%ms")) {
      return F.numberNode(when.toInstant().toEpochMilli());
    }
    return F.textNode(PyDateFormat.format(when, format));
  }

  /** The records as CSV: a header row of their top-level fields, then one row each. */
  static String csv(List<ObjectNode> records) {
    List<String> fields = new ArrayList<>();
    for (ObjectNode r : records) {
      r.fieldNames()
          .forEachRemaining(
              f -> {
                if (!fields.contains(f)) {
                  fields.add(f);
                }
              });
    }
    StringBuilder out = new StringBuilder(String.join(",", fields)).append('\n');
    for (ObjectNode r : records) {
      List<String> cells = new ArrayList<>();
      for (String f : fields) {
        JsonNode v = r.path(f);
        String text = v.isValueNode() ? v.asText() : "";
        cells.add(
            text.contains(",") || text.contains("\"")
                ? "\"" + text.replace("\"", "\"\"") + "\""
                : text);
      }
      out.append(String.join(",", cells)).append('\n');
    }
    return out.toString();
  }

  private static String type(JsonNode schema) {
    return CorpusConfig.type(schema, "null");
  }
}
