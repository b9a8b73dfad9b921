package airbytemcp.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A stream's record transformations: AddFields, RemoveFields, KeysToLower, KeysToSnakeCase,
 * KeysReplace, DpathFlattenFields, FlattenFields.
 */
final class Transformations {
  private final JsonNode defs;

  Transformations(JsonNode defs) {
    this.defs = defs;
  }

  /** Whether the stream has no transformation at all. */
  boolean isEmpty() {
    return defs.isEmpty();
  }

  ObjectNode apply(ObjectNode record, Scope scope) {
    if (defs.isEmpty()) {
      return record; // most streams transform nothing: no iterator per record
    }
    ObjectNode r = record;
    for (JsonNode def : defs) {
      r = applyOne(def, r, scope);
    }
    return r;
  }

  private static ObjectNode applyOne(JsonNode def, ObjectNode record, Scope scope) {
    Tpl t = new Tpl(def);
    switch (def.path("type").asText()) {
      case "AddFields":
        {
          Scope s = scope.with("record", record);
          if (!t.condition("condition", s, true)) {
            return record;
          }
          for (JsonNode field : def.path("fields")) {
            Tpl ft = new Tpl(field);
            Object value = ft.value("value", s);
            List<String> path = new ArrayList<>();
            field.path("path").forEach(p -> path.add(ft.text(p, s)));
            put(record, path, typed(value, field.path("value_type").asText("")));
          }
          return record;
        }
      case "RemoveFields":
        for (JsonNode pointer : def.path("field_pointers")) {
          List<String> path = new ArrayList<>();
          pointer.forEach(p -> path.add(p.asText()));
          remove(record, path, 0, t, scope);
        }
        return record;
      case "KeysToLower":
        return renameKeys(record, k -> k.toLowerCase(Locale.ROOT));
      case "KeysToSnakeCase":
        return renameKeys(record, Transformations::snake);
      case "KeysReplace":
        {
          String old = t.text("old", scope.with("record", record));
          String replacement = t.text("new", scope.with("record", record));
          return renameKeys(record, k -> k.replace(old, replacement));
        }
      case "DpathFlattenFields":
        {
          // the CDK's rules: a wildcard path takes the first match; the keys (renamed by the
          // key transformation) join the record only if none of them is already there
          List<String> path = new ArrayList<>();
          def.path("field_path").forEach(p -> path.add(t.text(p, scope)));
          JsonNode found =
              path.contains("*")
                  ? Dpath.values(record, path).stream().findFirst().orElse(null)
                  : Dpath.get(record, path);
          if (!(found instanceof ObjectNode nested)) {
            return record;
          }
          ObjectNode copy =
              KeyTransformation.apply(def.get("key_transformation"), nested.deepCopy(), scope);
          if (def.path("replace_record").asBoolean(false) && !copy.isEmpty()) {
            return copy;
          }
          Iterator<String> keys = copy.fieldNames();
          while (keys.hasNext()) {
            if (record.has(keys.next())) {
              return record;
            }
          }
          if (def.path("delete_origin_value").asBoolean(false)) {
            removeExact(record, path);
          }
          record.setAll(copy);
          return record;
        }
      case "FlattenFields":
        {
          ObjectNode flat = record.objectNode();
          flatten(record, "", flat, def.path("flatten_lists").asBoolean(true));
          return flat;
        }
      default:
        throw new DeclarativeError(
            "The transformation " + def.path("type").asText() + " is not supported.",
            "Run the connector with Docker or Python.");
    }
  }

  static Object typed(Object value, String type) {
    if (value == null || type.isEmpty()) {
      return value;
    }
    String s = PyValues.str(value);
    // as the CDK: a value that does not read as the declared type stays what the template gave
    return switch (type) {
      case "string" -> s;
      case "integer" -> value instanceof Number n ? n.longValue() : parsed(s, Long::valueOf, value);
      case "number" ->
          value instanceof Number n ? n.doubleValue() : parsed(s, Double::valueOf, value);
      case "boolean" ->
          value instanceof Boolean b
              ? b
              : switch (s.strip()) {
                case "True", "true" -> true;
                case "False", "false" -> false;
                default -> value;
              };
      default -> value;
    };
  }

  private static Object parsed(String text, Function<String, Object> parse, Object asGiven) {
    try {
      return parse.apply(text.strip());
    } catch (NumberFormatException notOfThatType) {
      return asGiven;
    }
  }

  /**
   * Sets {@code value} at {@code path} like {@code mkdir -p}: missing (or non-object) parents
   * become objects. Records and configs ({@code ConfigAddFields}) alike.
   */
  static void put(ObjectNode record, List<String> path, Object value) {
    ObjectNode at = record;
    for (int i = 0; i < path.size() - 1; i++) {
      JsonNode next = at.get(path.get(i));
      at = next instanceof ObjectNode o ? o : at.putObject(path.get(i));
    }
    at.set(path.get(path.size() - 1), PyValues.toJson(value));
  }

  private static void remove(JsonNode node, List<String> path, int at, Tpl t, Scope scope) {
    if (!(node instanceof ObjectNode) && !node.isArray()) {
      return;
    }
    for (String k : Dpath.keysAt(node, path.get(at))) {
      JsonNode child = Dpath.child(node, k);
      if (child == null || child.isMissingNode()) {
        continue;
      }
      if (at == path.size() - 1) {
        if (node instanceof ObjectNode o
            && t.condition("condition", scope.with("property", child), true)) {
          o.remove(k);
        }
      } else {
        remove(child, path, at + 1, t, scope);
      }
    }
  }

  private static void removeExact(ObjectNode record, List<String> path) {
    JsonNode parent = Dpath.get(record, path.subList(0, path.size() - 1));
    if (parent instanceof ObjectNode o) {
      o.remove(path.get(path.size() - 1));
    }
  }

  private static ObjectNode renameKeys(ObjectNode record, UnaryOperator<String> rename) {
    ObjectNode out = record.objectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = record.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      out.set(rename.apply(f.getKey()), f.getValue());
    }
    return out;
  }

  /**
   * The CDK's snake case: words split at case changes and non-alphanumerics, joined by underscores,
   * lower case.
   */
  static String snake(String key) {
    String spaced =
        key.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1 $2");
    String joined = String.join("_", spaced.split("[^A-Za-z0-9]+")).toLowerCase(Locale.ROOT);
    joined = joined.replaceAll("^_+|_+$", "");
    return !joined.isEmpty() && Character.isDigit(joined.charAt(0)) ? "_" + joined : joined;
  }

  private static void flatten(JsonNode node, String prefix, ObjectNode out, boolean lists) {
    if (node.isObject()) {
      Map<String, JsonNode> fields = new LinkedHashMap<>();
      node.fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue()));
      fields.forEach((k, v) -> flatten(v, prefix.isEmpty() ? k : prefix + "." + k, out, lists));
    } else if (node.isArray() && lists) {
      for (int i = 0; i < node.size(); i++) {
        flatten(node.get(i), prefix + "." + i, out, lists);
      }
    } else {
      out.set(prefix, node);
    }
  }
}
