package airbytemcp.declarative;

import airbytemcp.common.Json;
import airbytemcp.common.Redactor;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * JsonItemsDecoder: the elements of the array at {@code items_path} (ijson's dotted syntax, where
 * {@code item} stands for "each array element"), read with Jackson's streaming parser so that only
 * one element at a time becomes a tree, not the whole document.
 */
final class JsonItems {
  private JsonItems() {}

  static List<JsonNode> decode(JsonNode decoder, byte[] body, Redactor masker) {
    String itemsPath = decoder.path("items_path").asText("");
    if (itemsPath.isEmpty()) {
      throw new DeclarativeError(
          "The JsonItemsDecoder has no items_path.",
          "Set items_path to the dotted path of the array whose elements are the records.");
    }
    Charset charset = Charset.forName(decoder.path("encoding").asText("utf-8"));
    byte[] utf8 =
        charset.equals(StandardCharsets.UTF_8)
            ? body
            : new String(body, charset).getBytes(StandardCharsets.UTF_8);
    String target = itemsPath + ".item";
    List<JsonNode> out = new ArrayList<>();
    try (JsonParser parser = Json.MAPPER.getFactory().createParser(utf8)) {
      if (parser.nextToken() != null) {
        walk(parser, "", target, out);
      }
    } catch (IOException e) {
      throw Decoders.undecodable("JsonItemsDecoder", e, body, masker);
    }
    return out;
  }

  /** At the start of a value whose ijson prefix is {@code prefix}: collects or skips it. */
  private static void walk(JsonParser parser, String prefix, String target, List<JsonNode> out)
      throws IOException {
    if (prefix.equals(target)) {
      out.add(parser.readValueAsTree());
      return;
    }
    if (!target.startsWith(prefix)) {
      parser.skipChildren();
      return;
    }
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT) {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        parser.nextToken();
        walk(parser, prefix.isEmpty() ? key : prefix + "." + key, target, out);
      }
    } else if (token == JsonToken.START_ARRAY) {
      String item = prefix.isEmpty() ? "item" : prefix + ".item";
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        walk(parser, item, target, out);
      }
    }
  }
}
