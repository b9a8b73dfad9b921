package airbytemcp.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of one HTTP request as components contribute them: query, headers, body, a path
 * override.
 */
final class RequestParts {
  final Map<String, List<String>> query = new LinkedHashMap<>();
  final Map<String, String> headers = new LinkedHashMap<>();
  final Map<String, String> form = new LinkedHashMap<>();
  ObjectNode json;
  String text;

  /** Replaces the requester's path (RequestPath pagination); may be a full URL. */
  String path;

  /** The URL (before query and test rewrites) and method, for authenticators that match on them. */
  String url;

  String method;

  void query(String name, Object value) {
    if (value == null) {
      return;
    }
    List<String> values = new ArrayList<>();
    if (value instanceof Iterable<?> items) {
      items.forEach(v -> values.add(PyValues.str(v)));
    } else {
      values.add(PyValues.str(value));
    }
    query.put(name, values);
  }

  void header(String name, Object value) {
    if (value != null) {
      headers.put(name, PyValues.str(value));
    }
  }

  void jsonField(List<String> path, Object value) {
    if (json == null) {
      json = JsonNodeFactory.instance.objectNode();
    }
    ObjectNode at = json;
    for (int i = 0; i < path.size() - 1; i++) {
      JsonNode next = at.get(path.get(i));
      at = next instanceof ObjectNode o ? o : at.putObject(path.get(i));
    }
    at.set(path.get(path.size() - 1), PyValues.toJson(value));
  }

  /** Puts a value where a RequestOption says: query, header, form body or JSON body. */
  void inject(JsonNode option, Object value, Scope scope) {
    if (option == null || option.isNull() || value == null) {
      return;
    }
    Tpl t = new Tpl(option);
    String where = option.path("inject_into").asText("request_parameter");
    List<String> fieldPath = new ArrayList<>();
    if (option.has("field_path")) {
      option.get("field_path").forEach(p -> fieldPath.add(t.text(p, scope)));
    } else {
      fieldPath.add(t.text("field_name", scope));
    }
    String name = fieldPath.get(0);
    switch (where) {
      case "header" -> header(name, value);
      case "body_data" -> form.put(name, PyValues.str(value));
      case "body_json" -> jsonField(fieldPath, value);
      default -> query(name, value);
    }
  }
}
