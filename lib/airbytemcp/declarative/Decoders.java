package airbytemcp.declarative;

import airbytemcp.common.Json;
import airbytemcp.common.Redactor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Turns response bodies into JSON documents: JsonDecoder (also the default), JsonlDecoder,
 * CsvDecoder, XmlDecoder, GzipDecoder, JsonItemsDecoder and CompositeRawDecoder with JsonParser,
 * JsonLineParser, CsvParser and GzipParser. Gzip-compressed bodies are recognised by their magic
 * bytes whatever the decoder.
 */
final class Decoders {
  private Decoders() {}

  /**
   * The body's documents; {@code masker} hides secrets in the excerpt of a body that cannot be
   * decoded.
   */
  static List<JsonNode> decode(JsonNode decoder, byte[] body, Redactor masker) {
    if (decoder == null || decoder.isNull()) {
      return List.of(json(gunzip(body), masker));
    }
    return switch (decoder.path("type").asText("JsonDecoder")) {
      case "JsonlDecoder" -> jsonl(gunzip(body), masker);
      case "CsvDecoder" -> csv(gunzip(body), decoder);
      case "XmlDecoder" -> List.of(xml(gunzip(body), masker));
      case "GzipDecoder", "GzipJsonDecoder" ->
          decoder.has("decoder")
              ? decode(decoder.get("decoder"), gunzip(body), masker)
              : List.of(json(gunzip(body), masker));
      case "CompositeRawDecoder" -> parse(decoder.path("parser"), body, masker);
      case "JsonDecoder" -> List.of(json(gunzip(body), masker));
      case "IterableDecoder" -> lines(gunzip(body));
      case "ZipfileDecoder" -> unzip(decoder.path("decoder"), body, masker);
      case "JsonItemsDecoder" -> JsonItems.decode(decoder, gunzip(body), masker);
      default ->
          throw new DeclarativeError(
              "The decoder " + decoder.path("type").asText() + " is not supported.",
              "Run the connector with Docker or Python.");
    };
  }

  private static List<JsonNode> parse(JsonNode parser, byte[] body, Redactor masker) {
    return switch (parser.path("type").asText()) {
      case "GzipParser" -> parse(parser.path("inner_parser"), gunzip(body), masker);
      case "JsonLineParser" -> jsonl(body, masker);
      case "CsvParser" -> csv(body, parser);
      default -> List.of(json(body, masker));
    };
  }

  private static byte[] gunzip(byte[] body) {
    if (body.length < 2 || (body[0] & 0xff) != 0x1f || (body[1] & 0xff) != 0x8b) {
      return body;
    }
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new DeclarativeError(
          "A gzip response could not be decompressed: " + e.getMessage(), null);
    }
  }

  /**
   * An empty body is an empty object; anything else must be JSON, or the stream fails saying why.
   */
  private static JsonNode json(byte[] body, Redactor masker) {
    try {
      JsonNode n = body.length == 0 ? null : Json.MAPPER.readTree(body);
      return n == null ? Json.object() : n;
    } catch (IOException e) {
      throw undecodable("JsonDecoder", e, body, masker);
    }
  }

  private static List<JsonNode> jsonl(byte[] body, Redactor masker) {
    List<JsonNode> out = new ArrayList<>();
    for (String line : new String(body, StandardCharsets.UTF_8).split("\r?\n")) {
      if (!line.isBlank()) {
        try {
          out.add(Json.MAPPER.readTree(line));
        } catch (IOException e) {
          throw undecodable("JsonlDecoder", e, line.getBytes(StandardCharsets.UTF_8), masker);
        }
      }
    }
    return out;
  }

  /** IterableDecoder: each non-empty line is a record {@code {"record": line}}. */
  private static List<JsonNode> lines(byte[] body) {
    List<JsonNode> out = new ArrayList<>();
    for (String line : new String(body, StandardCharsets.UTF_8).split("\r?\n")) {
      if (!line.isEmpty()) {
        out.add(Json.object().put("record", line));
      }
    }
    return out;
  }

  /**
   * ZipfileDecoder: every file of the archive, decoded with the inner decoder, in archive order.
   */
  private static List<JsonNode> unzip(JsonNode inner, byte[] body, Redactor masker) {
    List<JsonNode> out = new ArrayList<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(body))) {
      ZipEntry entry;
      boolean any = false;
      while ((entry = zip.getNextEntry()) != null) {
        any = true;
        if (!entry.isDirectory()) {
          out.addAll(decode(inner.isMissingNode() ? null : inner, zip.readAllBytes(), masker));
        }
      }
      if (!any) {
        throw undecodable("ZipfileDecoder", new IOException("not a zip archive"), body, masker);
      }
    } catch (IOException e) {
      throw undecodable("ZipfileDecoder", e, body, masker);
    }
    return out;
  }

  private static final int EXCERPT = 200;

  /**
   * The response could not be read as the manifest says: the decoder's reason and the start of the
   * body, its secrets masked. The whole body is masked before the excerpt is cut (a secret across
   * the cut would leave a prefix no form matches), and masked again after its whitespace is
   * collapsed: collapsing can turn an echo whose spaces the API doubled back into a registered
   * value with single ones. The excerpt is cut only then.
   */
  static DeclarativeError undecodable(String decoder, Exception e, byte[] body, Redactor masker) {
    String text = new String(body, StandardCharsets.UTF_8);
    String masked = masker.mask(text);
    String collapsed = masked.replaceAll("\\s+", " ");
    String shown = masker.mask(collapsed);
    boolean holdsSecret = masker.revealsSecret(text) || masker.revealsSecret(collapsed);
    return new UndecodableResponse(
        "The "
            + decoder
            + " could not decode the response: "
            + (holdsSecret ? WITHHELD : reason(e))
            + ". The response began: "
            + (shown.length() > EXCERPT ? shown.substring(0, EXCERPT) + "..." : shown),
        "The API answered in a format the manifest does not expect (an error page, a proxy, or a changed API);"
            + " check the URL and credentials, or the manifest's decoder.",
        decoder.equals("JsonDecoder"));
  }

  /**
   * A parser's reason quotes the body where it stopped, cut where the parser chose (Jackson: a
   * token up to its first non-identifier char or 256 chars; XML: a name up to its first char no
   * name holds), so a secret there would leave a prefix no form matches. Said instead of the reason
   * when the body holds a secret.
   */
  private static final String WITHHELD =
      "the reader's own message is left out, as the response holds a secret it may quote in part";

  private static String reason(Exception e) {
    return e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
  }

  private static List<JsonNode> csv(byte[] body, JsonNode def) {
    Charset charset = Charset.forName(def.path("encoding").asText("utf-8"));
    String delimiter = def.path("delimiter").asText(",").replace("\\t", "\t");
    return new ArrayList<>(
        Csv.records(
            new String(body, charset),
            delimiter.isEmpty() ? ',' : delimiter.charAt(0),
            UnaryOperator.identity()));
  }

  /**
   * XML as xmltodict shapes it: attributes as {@code @name}, mixed text as {@code #text}, repeats
   * as lists.
   */
  private static JsonNode xml(byte[] body, Redactor masker) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setExpandEntityReferences(false);
      Element root =
          f.newDocumentBuilder().parse(new ByteArrayInputStream(body)).getDocumentElement();
      ObjectNode doc = Json.object();
      doc.set(root.getTagName(), element(root));
      return doc;
    } catch (SAXException | IOException | ParserConfigurationException e) {
      throw undecodable("XmlDecoder", e, body, masker);
    }
  }

  private static JsonNode element(Element e) {
    ObjectNode o = Json.object();
    NamedNodeMap attrs = e.getAttributes();
    for (int i = 0; i < attrs.getLength(); i++) {
      o.put("@" + attrs.item(i).getNodeName(), attrs.item(i).getNodeValue());
    }
    StringBuilder text = new StringBuilder();
    NodeList children = e.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      Node c = children.item(i);
      if (c instanceof Element child) {
        JsonNode value = element(child);
        JsonNode existing = o.get(child.getTagName());
        if (existing == null) {
          o.set(child.getTagName(), value);
        } else if (existing instanceof ArrayNode list) {
          list.add(value);
        } else {
          ArrayNode list = Json.array();
          list.add(existing);
          list.add(value);
          o.set(child.getTagName(), list);
        }
      } else if (c.getNodeType() == Node.TEXT_NODE || c.getNodeType() == Node.CDATA_SECTION_NODE) {
        text.append(c.getNodeValue());
      }
    }
    String t = text.toString().strip();
    if (o.isEmpty()) {
      return t.isEmpty() ? Json.MAPPER.nullNode() : Json.MAPPER.getNodeFactory().textNode(t);
    }
    if (!t.isEmpty()) {
      o.put("#text", t);
    }
    return o;
  }
}
