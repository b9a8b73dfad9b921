package airbytemcp.secrets;

import airbytemcp.common.CacheNames;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Masks the text values of consecutive records together, key by key: a source of log lines, one
 * line per record, can hold a key cut over two of them (red team s), and each record masked alone
 * keeps both halves. A text's key is the nearest key above it (a field's own, or a list's for its
 * items), as the cache's check of records on their way in groups them; keys that would name the
 * same column ({@code Log Line}, {@code log_line}) count as one.
 */
final class ValuesAcrossRecords {
  private ValuesAcrossRecords() {}

  /** Where a text sits: its parent, and its field name or list index there. */
  private record Place(JsonNode parent, String field, int index, String text) {}

  /**
   * Copies of the records with every text a secret crosses into masked where its part was; the
   * records themselves when none does. {@code maskLines} masks texts as one and keeps them apart.
   */
  static List<JsonNode> mask(List<JsonNode> records, UnaryOperator<List<String>> maskLines) {
    List<JsonNode> copies = new ArrayList<>(records.size());
    Map<String, List<Place>> byKey = new LinkedHashMap<>();
    for (int i = 0; i < records.size(); i++) {
      JsonNode copy = records.get(i) == null ? null : records.get(i).deepCopy();
      copies.add(copy);
      collect(copy, null, byKey);
    }
    boolean changed = false;
    for (List<Place> places : byKey.values()) {
      if (places.size() < 2) {
        continue;
      }
      List<String> masked = maskLines.apply(places.stream().map(Place::text).toList());
      for (int k = 0; k < places.size(); k++) {
        Place place = places.get(k);
        if (!masked.get(k).equals(place.text())) {
          changed = true;
          TextNode text = TextNode.valueOf(masked.get(k));
          if (place.field() != null) {
            ((ObjectNode) place.parent()).set(place.field(), text);
          } else {
            ((ArrayNode) place.parent()).set(place.index(), text);
          }
        }
      }
    }
    return changed ? copies : records;
  }

  private static void collect(JsonNode node, String key, Map<String, List<Place>> byKey) {
    if (node == null) {
      return;
    }
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              field -> {
                JsonNode value = field.getValue();
                if (value.isTextual()) {
                  byKey
                      .computeIfAbsent(CacheNames.of(field.getKey()), k -> new ArrayList<>())
                      .add(new Place(node, field.getKey(), -1, value.asText()));
                } else {
                  collect(value, field.getKey(), byKey);
                }
              });
    } else if (node.isArray() && key != null) {
      for (int i = 0; i < node.size(); i++) {
        JsonNode item = node.get(i);
        if (item.isTextual()) {
          byKey
              .computeIfAbsent(CacheNames.of(key), k -> new ArrayList<>())
              .add(new Place(node, null, i, item.asText()));
        } else {
          collect(item, key, byKey);
        }
      }
    }
  }
}
