package airbytemcp.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The corpus fake's XML answer: the JSON body it would send, written as the XML that xmltodict (and
 * so the runtime's XmlDecoder) reads back into it. The body's single top-level key is the root
 * element, a list is a run of elements of the same name, {@code @name} keys are attributes and
 * {@code #text} is the element's text. What XML cannot say is lost as it would be from a real API:
 * every value comes back as text, a list of one is one object, an empty list is no element.
 */
final class CorpusXml {
  /** Names an element may have without namespaces; fields named otherwise are left out. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");

  private CorpusXml() {}

  /**
   * The document for a body with one top-level key, or null when the body has none or several (XML
   * has a single root, so such a body cannot be written).
   */
  static String of(ObjectNode body) {
    if (body.size() != 1) {
      return null;
    }
    Map.Entry<String, JsonNode> root = body.fields().next();
    if (!NAME.matcher(root.getKey()).matches() || root.getValue().isArray()) {
      return null;
    }
    StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    element(out, root.getKey(), root.getValue());
    return out.toString();
  }

  private static void element(StringBuilder out, String name, JsonNode value) {
    if (value.isArray()) {
      // a list is the same element repeated; nested lists have no XML form and are skipped
      for (JsonNode item : value) {
        if (!item.isArray()) {
          element(out, name, item);
        }
      }
      return;
    }
    out.append('<').append(name);
    if (!value.isObject()) {
      if (value.isNull()) {
        out.append("/>");
      } else {
        out.append('>').append(escape(value.asText())).append("</").append(name).append('>');
      }
      return;
    }
    StringBuilder children = new StringBuilder();
    String text = "";
    Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      String key = f.getKey();
      JsonNode v = f.getValue();
      if (key.equals("#text")) {
        text = v.isValueNode() && !v.isNull() ? v.asText() : "";
      } else if (key.startsWith("@") && NAME.matcher(key.substring(1)).matches()) {
        if (v.isValueNode() && !v.isNull()) {
          out.append(' ')
              .append(key.substring(1))
              .append("=\"")
              .append(escape(v.asText()))
              .append('"');
        }
      } else if (NAME.matcher(key).matches()) {
        element(children, key, v);
      }
    }
    if (children.isEmpty() && text.isEmpty()) {
      out.append("/>");
      return;
    }
    out.append('>').append(escape(text)).append(children).append("</").append(name).append('>');
  }

  private static String escape(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        default -> {
          // characters XML 1.0 cannot carry at all are dropped
          if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
