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
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A config made from a manifest's spec as a user filling the form would: every required field (and
 * every field with a default) gets a value of its type that honours its const, enum, format and
 * pattern; secrets are dummies; dates are two days back so that incremental streams cut few slices.
 */
final class CorpusConfig {
  /**
   * Every secret field's dummy; the harness's masker knows it, as a real run's knows the user's
   * secrets, so the checks on what a run does with secrets apply to the corpus too.
   */
  static final String SECRET = "corpus-secret";

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
  private final CorpusConfigHints hints;

  /** The config path of the value being made. */
  private final List<String> at = new ArrayList<>();

  private CorpusConfig(CorpusConfigHints hints) {
    this.hints = hints;
  }

  /** The config for a manifest's {@code connection_specification}. */
  static ObjectNode of(JsonNode connectionSpecification) {
    return of(connectionSpecification, null);
  }

  /**
   * The config for a manifest's {@code connection_specification}, shaped further by what the
   * manifest's own templates expect of it (URLs, hosts, authenticator selections, date formats).
   */
  static ObjectNode of(JsonNode connectionSpecification, JsonNode definition) {
    CorpusConfigHints hints = CorpusConfigHints.of(definition);
    JsonNode value = new CorpusConfig(hints).value("", connectionSpecification);
    ObjectNode config = value instanceof ObjectNode o ? o : Json.object();
    hints.urls.forEach(p -> fix(config, p, v -> v == null ? null : asUrl(v)));
    hints.hosts.forEach(p -> fix(config, p, v -> v == null ? null : asHost(v)));
    hints.selections.forEach(
        (p, known) ->
            fix(config, p, v -> v != null && known.contains(v) ? v : known.iterator().next()));
    return config;
  }

  /** Rewrites the text at a config path (null when absent), creating it if needed. */
  private static void fix(ObjectNode config, List<String> path, UnaryOperator<String> how) {
    ObjectNode parent = config;
    for (String key : path.subList(0, path.size() - 1)) {
      if (!(parent.get(key) instanceof ObjectNode o)) {
        return;
      }
      parent = o;
    }
    String field = path.get(path.size() - 1);
    JsonNode now = parent.get(field);
    if (now != null && !now.isTextual() && !now.isNull()) {
      return;
    }
    String fixed = how.apply(now == null || now.isNull() ? null : now.asText());
    if (fixed != null) {
      parent.put(field, fixed);
    }
  }

  private static String asUrl(String text) {
    if (text != null && (text.startsWith("http://") || text.startsWith("https://"))) {
      return text;
    }
    return text != null && text.contains(".") && !text.contains(" ")
        ? "https://" + text
        : "https://example.com";
  }

  private static String asHost(String text) {
    if (text == null) {
      return "example.com";
    }
    String host = text.replaceFirst("^https?://", "");
    return host.endsWith("/") ? host.substring(0, host.length() - 1) : host;
  }

  private JsonNode value(String name, JsonNode schema) {
    if (schema.has("const")) {
      return schema.get("const");
    }
    JsonNode alternatives = schema.has("oneOf") ? schema.get("oneOf") : schema.get("anyOf");
    if (alternatives != null && alternatives.isArray() && !alternatives.isEmpty()) {
      JsonNode chosen = choose(name, alternatives);
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
    String cursorFormat = hints.dateFormats.get(at);
    if (cursorFormat != null && !schema.has("enum")) {
      ZonedDateTime when = name.toLowerCase(Locale.ROOT).contains("end") ? END : START;
      if (type.equals("integer") || type.equals("number")) {
        return Json.MAPPER.getNodeFactory().numberNode(when.toEpochSecond());
      }
      String shaped = PyDateFormat.format(when, cursorFormat);
      if (matches(schema.path("pattern").asText(null), shaped)) {
        // the runtime checks the config against the spec first: the pattern has the last word
        return Json.MAPPER.getNodeFactory().textNode(shaped);
      }
    }
    if (dateLike(name, schema)) {
      String date = date(name, schema);
      if (date != null) {
        return Json.MAPPER.getNodeFactory().textNode(date);
      }
    }
    if (schema.has("default") && !schema.get("default").isNull()) {
      return asType(schema.get("default"), type);
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

  /**
   * A default as the form would submit it: of the field's type even where the spec writes it as
   * another ({@code type: number, default: "1000"}), which the runtime's spec check refuses.
   */
  private static JsonNode asType(JsonNode value, String type) {
    try {
      if (value.isTextual() && type.equals("integer")) {
        return Json.MAPPER.getNodeFactory().numberNode(Long.parseLong(value.asText().trim()));
      }
      if (value.isTextual() && type.equals("number")) {
        return Json.MAPPER.getNodeFactory().numberNode(Double.parseDouble(value.asText().trim()));
      }
    } catch (NumberFormatException e) {
      return value;
    }
    if (value.isNumber() && type.equals("string")) {
      return Json.MAPPER.getNodeFactory().textNode(value.asText());
    }
    return value;
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
              if (!wanted.contains(f)
                  && (properties.get(f).has("default")
                      || properties.get(f).has("const")
                      || needed(f))) {
                wanted.add(f);
              }
            });
    for (String field : wanted) {
      JsonNode fieldSchema = properties.path(field);
      at.add(field);
      out.set(field, value(field, fieldSchema.isMissingNode() ? Json.object() : fieldSchema));
      at.remove(at.size() - 1);
    }
    return out;
  }

  /** Whether the manifest reads this field (or one inside it) with no fallback. */
  private boolean needed(String field) {
    List<String> here = new ArrayList<>(at);
    here.add(field);
    for (List<String> p : hints.needed) {
      if (p.size() >= here.size() && p.subList(0, here.size()).equals(here)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The alternative a user would pick: one whose field a selective authenticator selects on holds a
   * value the authenticator knows, and whose value no other alternative also accepts (a value two
   * alternatives accept reads as the wrong one); else the first.
   */
  private JsonNode choose(String name, JsonNode alternatives) {
    JsonNode best = alternatives.get(0);
    int bestScore = -1;
    for (JsonNode alternative : alternatives) {
      JsonNode made = new CorpusConfig(hints).withPath(at).value(name, alternative);
      int score = 0;
      if (selects(made)) {
        score += 2;
      }
      boolean exclusive = true;
      for (JsonNode other : alternatives) {
        if (other != alternative && accepts(other, made)) {
          exclusive = false;
        }
      }
      if (exclusive) {
        score += 1;
      }
      if (score > bestScore) {
        best = alternative;
        bestScore = score;
      }
    }
    return best;
  }

  private CorpusConfig withPath(List<String> path) {
    at.addAll(path);
    return this;
  }

  /** Whether a made value names a known authenticator at a selection field inside it. */
  private boolean selects(JsonNode made) {
    for (var e : hints.selections.entrySet()) {
      List<String> p = e.getKey();
      if (p.size() > at.size() && p.subList(0, at.size()).equals(at)) {
        JsonNode v = made;
        for (String key : p.subList(at.size(), p.size())) {
          v = v == null ? null : v.get(key);
        }
        if (v != null && e.getValue().contains(v.asText())) {
          return true;
        }
      }
    }
    return false;
  }

  /** A spec alternative's discriminators: its required fields, consts and enums. */
  private static boolean accepts(JsonNode alternative, JsonNode value) {
    if (!value.isObject()) {
      return false;
    }
    for (JsonNode r : alternative.path("required")) {
      if (!value.has(r.asText())) {
        return false;
      }
    }
    var fields = alternative.path("properties").fields();
    while (fields.hasNext()) {
      var f = fields.next();
      JsonNode v = value.get(f.getKey());
      if (v == null) {
        continue;
      }
      if (f.getValue().has("const") && !f.getValue().get("const").equals(v)) {
        return false;
      }
      if (f.getValue().has("enum")) {
        boolean listed = false;
        for (JsonNode e : f.getValue().get("enum")) {
          listed |= e.equals(v);
        }
        if (!listed) {
          return false;
        }
      }
    }
    return true;
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
    return schema.path("airbyte_secret").asBoolean() ? SECRET : "corpus";
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
