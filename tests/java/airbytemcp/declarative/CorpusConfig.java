package airbytemcp.declarative;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.curiousoddman.rgxgen.RgxGen;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A config made from a manifest's spec as a user filling the form would: every required field (and
 * every field with a default) gets a value of its type that honours its const, enum, format and
 * pattern; secrets are dummies; dates are two days back so that incremental streams cut few slices.
 */
final class CorpusConfig {
  /** The instant the corpus read treats as "start": every generated date is this one. */
  static final ZonedDateTime START =
      ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).minusDays(2);

  private static final ZonedDateTime END =
      ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);

  private static final List<String> DATE_SHAPES =
      List.of(
          "yyyy-MM-dd'T'HH:mm:ss'Z'",
          "yyyy-MM-dd",
          "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'",
          "yyyy-MM-dd'T'HH:mm:ss",
          "yyyy-MM-dd HH:mm:ss",
          "yyyy-MM-dd'T'HH:mm:ssxxx",
          "yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'",
          "yyyy-MM",
          "yyyyMMdd",
          "dd-MM-yyyy",
          "MM/dd/yyyy",
          "dd/MM/yyyy",
          "yyyy");

  private final Random random = new Random(17);

  private CorpusConfig() {}

  /** The config for a manifest's {@code connection_specification}. */
  static ObjectNode of(JsonNode connectionSpecification) {
    JsonNode value = new CorpusConfig().value("", connectionSpecification);
    return value instanceof ObjectNode o ? o : Json.object();
  }

  private JsonNode value(String name, JsonNode schema) {
    if (schema.has("const")) {
      return schema.get("const");
    }
    JsonNode alternatives = schema.has("oneOf") ? schema.get("oneOf") : schema.get("anyOf");
    if (alternatives != null && alternatives.isArray() && !alternatives.isEmpty()) {
      JsonNode chosen = alternatives.get(0);
      if (schema.has("properties")) {
        // a common shape: shared properties next to the alternatives
        ObjectNode merged = schema.deepCopy();
        merged.remove("oneOf");
        merged.remove("anyOf");
        JsonNode base = value(name, merged);
        JsonNode extra = value(name, chosen);
        if (base instanceof ObjectNode b && extra instanceof ObjectNode e) {
          b.setAll(e);
        }
        return base;
      }
      return value(name, chosen);
    }
    String type = type(schema);
    if (dateLike(name, schema)) {
      String date = date(name, schema);
      if (date != null) {
        return Json.MAPPER.getNodeFactory().textNode(date);
      }
    }
    if (schema.has("default") && !schema.get("default").isNull()) {
      return schema.get("default");
    }
    if (schema.has("enum") && !schema.get("enum").isEmpty()) {
      return schema.get("enum").get(0);
    }
    return switch (type) {
      case "object" -> object(schema);
      case "array" -> array(name, schema);
      case "integer" -> Json.MAPPER.getNodeFactory().numberNode(number(schema));
      case "number" -> Json.MAPPER.getNodeFactory().numberNode((double) number(schema));
      case "boolean" -> Json.MAPPER.getNodeFactory().booleanNode(false);
      default -> Json.MAPPER.getNodeFactory().textNode(text(name, schema));
    };
  }

  private ObjectNode object(JsonNode schema) {
    ObjectNode out = Json.object();
    JsonNode properties = schema.path("properties");
    List<String> wanted = new ArrayList<>();
    schema.path("required").forEach(r -> wanted.add(r.asText()));
    properties
        .fieldNames()
        .forEachRemaining(
            f -> {
              if (!wanted.contains(f) && properties.get(f).has("default")) {
                wanted.add(f);
              }
            });
    for (String field : wanted) {
      JsonNode fieldSchema = properties.path(field);
      out.set(field, value(field, fieldSchema.isMissingNode() ? Json.object() : fieldSchema));
    }
    return out;
  }

  private ArrayNode array(String name, JsonNode schema) {
    ArrayNode out = Json.array();
    if (schema.has("examples") && schema.get("examples").isArray()) {
      JsonNode first = schema.get("examples").get(0);
      if (first != null && first.isArray()) {
        return (ArrayNode) first;
      }
    }
    JsonNode items = schema.path("items");
    out.add(value(name, items.isObject() ? items : Json.object()));
    return out;
  }

  private static long number(JsonNode schema) {
    if (schema.has("minimum")) {
      return Math.max(schema.get("minimum").asLong(), 1);
    }
    long max = schema.has("maximum") ? schema.get("maximum").asLong() : 10;
    return Math.min(10, max);
  }

  private String text(String name, JsonNode schema) {
    String pattern = schema.path("pattern").asText(null);
    for (JsonNode example : schema.path("examples")) {
      if (example.isTextual() && matches(pattern, example.asText())) {
        return example.asText();
      }
    }
    String format = schema.path("format").asText("");
    String plain =
        switch (format) {
          case "email" -> "corpus@example.com";
          case "uri", "url" -> "https://example.com";
          default -> name.toLowerCase(Locale.ROOT).contains("url") ? "https://example.com" : null;
        };
    if (plain != null && matches(pattern, plain)) {
      return plain;
    }
    if (pattern != null) {
      try {
        for (int i = 0; i < 20; i++) {
          String candidate = RgxGen.parse(pattern).generate(random);
          if (matches(pattern, candidate)) {
            return candidate;
          }
        }
      } catch (RuntimeException e) {
        // a pattern RgxGen cannot parse: fall through to a plain word
      }
    }
    return schema.path("airbyte_secret").asBoolean() ? "corpus-secret" : "corpus";
  }

  private static boolean dateLike(String name, JsonNode schema) {
    String format = schema.path("format").asText("");
    if (format.equals("date") || format.equals("date-time")) {
      return true;
    }
    String n = name.toLowerCase(Locale.ROOT);
    return "string".equals(type(schema))
        && !schema.has("enum")
        && (n.contains("date")
            || n.endsWith("_time")
            || n.contains("start")
            || n.contains("since"));
  }

  /** A date two days back (today for an end), in the first shape the schema accepts. */
  private static String date(String name, JsonNode schema) {
    String n = name.toLowerCase(Locale.ROOT);
    ZonedDateTime when = n.contains("end") ? END : START;
    String pattern = schema.path("pattern").asText(null);
    String format = schema.path("format").asText("");
    List<String> shapes = new ArrayList<>(DATE_SHAPES);
    if (format.equals("date")) {
      shapes.add(0, "yyyy-MM-dd");
    }
    for (String shape : shapes) {
      String candidate = DateTimeFormatter.ofPattern(shape, Locale.ROOT).format(when);
      if (matches(pattern, candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static boolean matches(String pattern, String text) {
    if (pattern == null) {
      return true;
    }
    try {
      return Pattern.compile(pattern).matcher(text).find();
    } catch (PatternSyntaxException e) {
      return true;
    }
  }

  private static String type(JsonNode schema) {
    return type(schema, "string");
  }

  /**
   * A schema's one non-null type: guessed from its shape when it names none, {@code onlyNull} when
   * it allows nothing but null.
   */
  static String type(JsonNode schema, String onlyNull) {
    JsonNode t = schema.get("type");
    if (t == null) {
      return schema.has("properties") ? "object" : "string";
    }
    if (t.isArray()) {
      for (JsonNode each : t) {
        if (!"null".equals(each.asText())) {
          return each.asText();
        }
      }
      return onlyNull;
    }
    return t.asText();
  }
}
