package airbytemcp.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A RecordSelector: decodes the response, extracts records with the DpathExtractor (expanded by its
 * RecordExpander, if any), keeps those the filter passes.
 */
final class RecordSelector {
  private final JsonNode def;
  private final JsonNode decoder;
  private final JsonNode extractor;

  RecordSelector(JsonNode def, JsonNode decoder) {
    this(def, decoder, null);
  }

  /**
   * @param extractor replaces the selector's own extractor when not null (an AsyncRetriever's
   *     {@code download_extractor})
   */
  RecordSelector(JsonNode def, JsonNode decoder, JsonNode extractor) {
    this.def = def;
    this.decoder = decoder;
    this.extractor = extractor == null || extractor.isNull() ? def.path("extractor") : extractor;
  }

  /**
   * The response's records, transformed by {@code transform} before or after the filter as {@code
   * transform_before_filtering} says (after, by default).
   */
  List<ObjectNode> select(HttpOutcome response, Scope scope, UnaryOperator<ObjectNode> transform) {
    boolean transformFirst = def.path("transform_before_filtering").asBoolean(false);
    List<ObjectNode> records = extract(response, scope);
    if (transformFirst) {
      records.replaceAll(transform);
    }
    List<ObjectNode> kept = filter(records, scope);
    if (!transformFirst) {
      kept.replaceAll(transform);
    }
    return kept;
  }

  private List<ObjectNode> extract(HttpOutcome response, Scope scope) {
    List<ObjectNode> records = new ArrayList<>();
    if (response.ignored()) {
      return records;
    }
    if (extractor.path("type").asText().equals("ResponseToFileExtractor")) {
      records.addAll(ResponseToFile.records(extractor, response));
      return records;
    }
    if (!extractor.path("type").asText("DpathExtractor").equals("DpathExtractor")) {
      throw new DeclarativeError(
          "The extractor " + extractor.path("type").asText() + " is not supported.",
          "Run the connector with Docker or Python.");
    }
    Tpl t = new Tpl(extractor);
    List<String> path = new ArrayList<>();
    extractor.path("field_path").forEach(p -> path.add(t.text(p, scope)));
    JsonNode dec =
        extractor.hasNonNull("decoder")
                && !extractor.path("decoder").path("type").asText().equals("JsonDecoder")
            ? extractor.get("decoder")
            : decoder;
    RecordExpander expander = RecordExpander.of(extractor);
    for (JsonNode body : Decoders.decode(dec, response.body())) {
      if (path.contains("*")) {
        for (JsonNode v : Dpath.values(body, path)) {
          addAll(v, records, expander, scope);
        }
      } else {
        addAll(Dpath.get(body, path), records, expander, scope);
      }
    }
    return records;
  }

  private List<ObjectNode> filter(List<ObjectNode> records, Scope scope) {
    JsonNode filter = def.get("record_filter");
    if (filter == null || filter.isNull() || !filter.hasNonNull("condition")) {
      return records;
    }
    Tpl f = new Tpl(filter);
    List<ObjectNode> kept = new ArrayList<>();
    for (ObjectNode r : records) {
      if (f.condition("condition", scope.with("record", r), true)) {
        kept.add(r);
      }
    }
    return kept;
  }

  private static void addAll(
      JsonNode extracted, List<ObjectNode> out, RecordExpander expander, Scope scope) {
    if (extracted == null) {
      return;
    }
    List<JsonNode> found = new ArrayList<>();
    if (extracted.isArray()) {
      extracted.forEach(found::add);
    } else if (extracted instanceof ObjectNode o && !o.isEmpty()) {
      found.add(o);
    }
    for (JsonNode r : found) {
      for (JsonNode record : expander == null ? List.of(r) : expander.expand(r, scope)) {
        if (record instanceof ObjectNode o) {
          out.add(o);
        }
      }
    }
  }
}
