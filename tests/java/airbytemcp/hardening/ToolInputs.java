package airbytemcp.hardening;

import airbytemcp.cloud.FakeAirbyte;
import airbytemcp.common.Json;
import airbytemcp.testing.FakeConnector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Arguments for any tool, built from its input schema: plausible ones, and hostile variations of
 * them.
 */
final class ToolInputs {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  static final String UNICODE =
      "名前\u202e\u0000😀'\";DROP TABLE users;--<script>alert(1)</script>\r\n\t%s%n${jndi:x}";

  private ToolInputs() {}

  /** One hostile value for one argument; {@code mustFail} when it breaks the declared type. */
  record Variant(String argument, String label, JsonNode value, boolean mustFail) {}

  static Iterable<Map.Entry<String, JsonNode>> properties(JsonNode tool) {
    List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
    tool.path("inputSchema").path("properties").fields().forEachRemaining(out::add);
    return out;
  }

  static boolean required(JsonNode tool, String name) {
    for (JsonNode r : tool.path("inputSchema").path("required")) {
      if (r.asText().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Required arguments with values that make sense for the test world (plus a config where one is
   * taken).
   */
  static ObjectNode plausible(JsonNode tool) {
    ObjectNode args = Json.object();
    for (Map.Entry<String, JsonNode> p : properties(tool)) {
      if (required(tool, p.getKey()) || p.getKey().equals("config")) {
        args.set(p.getKey(), valueFor(p.getKey(), p.getValue()));
      }
    }
    return args;
  }

  static JsonNode valueFor(String name, JsonNode schema) {
    switch (name) {
      case "config":
        return Json.object().put("api_key", "secret_reference::FAKE_API_KEY");
      case "config_secret_name":
        return NODES.textNode("SOURCE_FAKE_CONFIG");
      case "workspace_id":
        return NODES.textNode(FakeAirbyte.WORKSPACE);
      case "source_id":
        return NODES.textNode(FakeAirbyte.SOURCE);
      case "destination_id":
        return NODES.textNode(FakeAirbyte.DESTINATION);
      case "connection_id":
        return NODES.textNode(FakeAirbyte.CONNECTION);
      case "connector_id":
        return NODES.textNode(FakeAirbyte.SOURCE);
      case "user_email":
        return NODES.textNode("ops@acme.example");
      case "organization_id":
        return NODES.textNode(FakeAirbyte.ORGANIZATION);
      case "definition_id":
        return NODES.textNode(FakeAirbyte.DEFINITION);
      case "job_id":
        return NODES.numberNode(FakeAirbyte.JOB);
      case "stream_name":
        return NODES.textNode("users");
      case "streams":
      case "selected_streams":
        return NODES.arrayNode().add("users");
      case "manifest_yaml":
      case "manifest":
        return NODES.textNode(FakeAirbyte.MANIFEST);
      default:
        break;
    }
    if (name.endsWith("connector_name") || name.equals("source_name")) {
      return NODES.textNode(FakeConnector.NAME);
    }
    if (name.endsWith("name")) {
      return NODES.textNode("delete-me-hardening");
    }
    JsonNode enumValues = schema.path("enum");
    if (enumValues.isArray() && enumValues.size() > 0) {
      return enumValues.get(0);
    }
    return switch (type(schema)) {
      case "integer", "number" -> NODES.numberNode(1);
      case "boolean" -> NODES.booleanNode(false);
      case "array" -> NODES.arrayNode().add("users");
      case "object" -> Json.object();
      default -> NODES.textNode("x");
    };
  }

  /** The declared JSON type of a property ("string" for string-or-list and unknown shapes). */
  static String type(JsonNode schema) {
    JsonNode type = schema.path("type");
    if (type.isTextual()) {
      return type.asText();
    }
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (!t.asText().equals("null")) {
          return t.asText();
        }
      }
    }
    return "string";
  }

  static boolean acceptsNull(JsonNode schema) {
    JsonNode type = schema.path("type");
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (t.asText().equals("null")) {
          return true;
        }
      }
    }
    return !schema.has("type");
  }

  /** Hostile values for every argument of a tool, and one argument it does not have. */
  static List<Variant> hostile(JsonNode tool) {
    List<Variant> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> p : properties(tool)) {
      String name = p.getKey();
      JsonNode schema = p.getValue();
      String type = type(schema);
      boolean typed = schema.has("type");
      for (JsonNode wrong : wrongTypes(type)) {
        out.add(new Variant(name, "wrong type " + wrong.getNodeType(), wrong, typed));
      }
      out.add(
          new Variant(
              name,
              "null",
              NODES.nullNode(),
              typed && required(tool, name) && !acceptsNull(schema)));
      if (type.equals("string")) {
        out.add(new Variant(name, "1 MB string", NODES.textNode("A".repeat(1 << 20)), false));
        out.add(
            new Variant(name, "unicode and control characters", NODES.textNode(UNICODE), false));
        out.add(new Variant(name, "empty string", NODES.textNode(""), false));
      }
      if (type.equals("integer") || type.equals("number")) {
        out.add(new Variant(name, "negative", NODES.numberNode(-1), false));
        out.add(
            new Variant(
                name,
                "beyond long",
                NODES.numberNode(new BigInteger("99999999999999999999999")),
                false));
      }
      out.add(
          new Variant(
              name,
              "deep nesting",
              deep(400),
              typed && !type.equals("object") && !type.equals("array")));
    }
    out.add(
        new Variant(
            "unexpected_argument",
            "an argument the tool does not have",
            NODES.textNode("x"),
            false));
    return out;
  }

  private static List<JsonNode> wrongTypes(String type) {
    List<JsonNode> all =
        List.of(
            NODES.numberNode(12345),
            NODES.booleanNode(true),
            NODES.arrayNode().add("x"),
            Json.object().put("a", 1),
            NODES.textNode("not-a-number"));
    List<JsonNode> wrong = new ArrayList<>();
    for (JsonNode candidate : all) {
      boolean fits =
          switch (type) {
            case "string" -> candidate.isTextual();
            case "integer", "number" -> candidate.isNumber();
            case "boolean" -> candidate.isBoolean();
            case "array" -> candidate.isArray();
            case "object" -> candidate.isObject();
            default -> true;
          };
      if (!fits) {
        wrong.add(candidate);
      }
    }
    return wrong;
  }

  /** {"a":{"a":...}} nested this deep. */
  static JsonNode deep(int depth) {
    ObjectNode root = Json.object();
    ObjectNode current = root;
    for (int i = 0; i < depth; i++) {
      current = current.putObject("a");
    }
    return root;
  }

  /** The arguments with one of them replaced (or added). */
  static ObjectNode with(ObjectNode base, String name, JsonNode value) {
    ObjectNode copy = base.deepCopy();
    copy.set(name, value);
    return copy;
  }

  /**
   * The arguments with every string value replaced by the given text (to see it is masked or
   * refused).
   */
  static ObjectNode everyStringIs(ObjectNode base, String text) {
    ObjectNode copy = base.deepCopy();
    Iterator<Map.Entry<String, JsonNode>> fields = copy.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (f.getValue().isTextual()) {
        f.setValue(NODES.textNode(text));
      } else if (f.getValue().isObject()) {
        ObjectNode o = (ObjectNode) f.getValue();
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        names.forEach(n -> o.put(n, text));
      } else if (f.getValue().isArray()) {
        ((ArrayNode) f.getValue()).removeAll().add(text);
      }
    }
    return copy;
  }
}
