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
  private final JsonNode extractor;
  // What every page reads the same way, settled once per stream: the extractor's kind, its decoder
  // and expander, its field path when no part of it is a template, the filter's template.
  private final String extractorType;
  private final Tpl extractorTpl;
  private final List<String> constantPath;
  private final JsonNode pageDecoder;
  private final RecordExpander expander;
  private final boolean transformFirst;
  private final Tpl filter;

  RecordSelector(JsonNode def, JsonNode decoder) {
    this(def, decoder, null);
  }

  /**
   * @param extractor replaces the selector's own extractor when not null (an AsyncRetriever's
   *     {@code download_extractor})
   */
  RecordSelector(JsonNode def, JsonNode decoder, JsonNode extractor) {
    this.extractor = extractor == null || extractor.isNull() ? def.path("extractor") : extractor;
    this.extractorType = this.extractor.path("type").asText("DpathExtractor");
    this.extractorTpl = new Tpl(this.extractor);
    this.constantPath = constantPath(this.extractor.path("field_path"));
    this.pageDecoder =
        this.extractor.hasNonNull("decoder")
                && !this.extractor.path("decoder").path("type").asText().equals("JsonDecoder")
            ? this.extractor.get("decoder")
            : decoder;
    this.expander = RecordExpander.of(this.extractor);
    this.transformFirst = def.path("transform_before_filtering").asBoolean(false);
    JsonNode f = def.get("record_filter");
    this.filter = f == null || f.isNull() || !f.hasNonNull("condition") ? null : new Tpl(f);
  }

  /** The field path when none of its parts is a template (the usual case), else null. */
  private static List<String> constantPath(JsonNode fieldPath) {
    List<String> path = new ArrayList<>();
    for (JsonNode p : fieldPath) {
      if (!p.isTextual() || Interpolator.isTemplate(p.asText())) {
        return null;
      }
      path.add(p.asText());
    }
    return List.copyOf(path);
  }

  /**
   * The response's records, transformed by {@code transform} before or after the filter as {@code
   * transform_before_filtering} says (after, by default).
   */
  List<ObjectNode> select(HttpOutcome response, Scope scope, UnaryOperator<ObjectNode> transform) {
    List<ObjectNode> records = extract(response, scope);
    boolean transforms = transform != AS_IS;
    if (transformFirst && transforms) {
      records.replaceAll(transform);
    }
    List<ObjectNode> kept = filter(records, scope);
    if (!transformFirst && transforms) {
      kept.replaceAll(transform);
    }
    return kept;
  }

  /** The transformation of a stream that has none: {@link #select} skips it. */
  static final UnaryOperator<ObjectNode> AS_IS = r -> r;

  private List<ObjectNode> extract(HttpOutcome response, Scope scope) {
    List<ObjectNode> records = new ArrayList<>();
    if (response.ignored()) {
      return records;
    }
    if (extractorType.equals("ResponseToFileExtractor")) {
      records.addAll(ResponseToFile.records(extractor, response));
      return records;
    }
    if (!extractorType.equals("DpathExtractor")) {
      throw new DeclarativeError(
          "The extractor " + extractor.path("type").asText() + " is not supported.",
          "Run the connector with Docker or Python.");
    }
    List<String> path = constantPath;
    if (path == null) {
      List<String> rendered = new ArrayList<>();
      extractor.path("field_path").forEach(p -> rendered.add(extractorTpl.text(p, scope)));
      path = rendered;
    }
    for (JsonNode body : Decoders.decode(pageDecoder, response.body(), response.masker())) {
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
    if (filter == null) {
      return records;
    }
    List<ObjectNode> kept = new ArrayList<>();
    for (ObjectNode r : records) {
      if (filter.condition("condition", scope.with("record", r), true)) {
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
    if (extracted.isArray()) {
      if (out instanceof ArrayList<ObjectNode> list) {
        list.ensureCapacity(list.size() + extracted.size());
      }
      for (JsonNode r : extracted) {
        add(r, out, expander, scope);
      }
    } else if (extracted instanceof ObjectNode o && !o.isEmpty()) {
      add(o, out, expander, scope);
    }
  }

  private static void add(JsonNode r, List<ObjectNode> out, RecordExpander expander, Scope scope) {
    if (expander == null) {
      if (r instanceof ObjectNode o) {
        out.add(o);
      }
      return;
    }
    for (JsonNode record : expander.expand(r, scope)) {
      if (record instanceof ObjectNode o) {
        out.add(o);
      }
    }
  }
}
