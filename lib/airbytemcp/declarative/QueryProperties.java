package airbytemcp.declarative;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A requester's QueryProperties: the properties the API must be asked for by name, from a static
 * list or from a PropertiesFromEndpoint retriever, cut into chunks by PropertyChunking (each chunk
 * is one request for the same page) and merged back into one record per GroupByKeyMergeStrategy
 * key. Declared either as the requester's {@code query_properties} (the chunk reaches templates as
 * {@code stream_partition.extra_fields['query_properties']}) or as one value of its {@code
 * request_parameters} (that parameter is sent as the chunk joined by commas).
 */
final class QueryProperties {
  private static final String TYPE = "QueryProperties";

  /** The request parameter carrying the chunk, or null when templates place it themselves. */
  private final String parameter;

  private final Tpl t;
  private final JsonNode chunking;

  /** The JsonSchemaPropertySelector's transformations; null when the manifest has no selector. */
  private final Transformations selector;

  private List<String> fetched;

  private QueryProperties(String parameter, JsonNode def) {
    this.parameter = parameter;
    this.t = new Tpl(def);
    JsonNode c = def.get("property_chunking");
    this.chunking = c == null || c.isNull() ? null : c;
    JsonNode s = def.get("property_selector");
    this.selector =
        s == null || !s.isObject() ? null : new Transformations(s.path("transformations"));
  }

  /** The requester's query properties, or null when it declares none. */
  static QueryProperties of(JsonNode requester) {
    JsonNode own = requester.get("query_properties");
    if (own != null && own.isObject()) {
      return new QueryProperties(null, own);
    }
    JsonNode fromEndpoint = requester.get("fetch_properties_from_endpoint");
    if (fromEndpoint != null && fromEndpoint.isObject()) {
      return new QueryProperties(
          null, Json.object().put("type", TYPE).set("property_list", fromEndpoint));
    }
    Iterator<Map.Entry<String, JsonNode>> params = requester.path("request_parameters").fields();
    while (params.hasNext()) {
      Map.Entry<String, JsonNode> p = params.next();
      if (isQueryProperties(p.getValue())) {
        return new QueryProperties(p.getKey(), p.getValue());
      }
    }
    return null;
  }

  /** A request parameter value that is a QueryProperties component, not a value to send. */
  static boolean isQueryProperties(JsonNode value) {
    return value != null && value.isObject() && TYPE.equals(value.path("type").asText());
  }

  String parameter() {
    return parameter;
  }

  boolean merges() {
    return chunking != null;
  }

  /**
   * The chunks of properties, one request each (the CDK's order and limits).
   *
   * @param catalogSchema the configured stream's JSON schema, or null when nothing was configured
   *     (check, discover): with a property selector only the properties it holds are asked for
   */
  List<List<String>> chunks(
      Scope scope, Manifest manifest, RuntimeOptions options, JsonNode catalogSchema) {
    List<String> fields = properties(scope, manifest, options);
    Set<String> selected = selected(catalogSchema, scope);
    if (selected != null) {
      fields = fields.stream().filter(selected::contains).toList();
    }
    List<String> always = new ArrayList<>();
    t.node().path("always_include_properties").forEach(p -> always.add(p.asText()));
    List<List<String>> out = new ArrayList<>();
    int limit = chunking == null ? 0 : chunking.path("property_limit").asInt(0);
    if (chunking == null || limit <= 0) {
      List<String> one = new ArrayList<>();
      if (chunking == null) {
        one.addAll(always);
        one.addAll(fields);
      } else {
        one.addAll(fields);
        one.addAll(always);
      }
      out.add(one);
      return out;
    }
    boolean characters = "characters".equals(chunking.path("property_limit_type").asText());
    List<String> current = new ArrayList<>(always);
    int size = 0;
    for (String field : fields) {
      // by characters, each property also costs its encoded comma delimiter ("%2C"), as in the CDK
      int cost = characters ? field.length() + 3 : 1;
      if (size + cost > limit) {
        out.add(current);
        current = new ArrayList<>(always);
        size = 0;
      }
      current.add(field);
      size += cost;
    }
    out.add(current);
    return out;
  }

  /**
   * The record's merge key (the values at the GroupByKeyMergeStrategy keys joined by commas; {@code
   * id} by default), or null when a key is missing or empty: such records are emitted unmerged.
   */
  String mergeKey(ObjectNode record) {
    JsonNode key = chunking.path("record_merge_strategy").path("key");
    List<String> keys = new ArrayList<>();
    if (key.isArray()) {
      key.forEach(k -> keys.add(k.asText()));
    } else {
      keys.add(key.isMissingNode() || key.isNull() ? "id" : key.asText());
    }
    List<String> values = new ArrayList<>();
    for (String k : keys) {
      JsonNode v = record.get(k);
      if (v == null || v.isNull() || v.asText().isEmpty() || (v.isBoolean() && !v.asBoolean())) {
        return null;
      }
      values.add(v.asText());
    }
    return String.join(",", values);
  }

  /** Merges {@code from} into {@code into}, objects key by key, other values replaced. */
  static void deepMerge(ObjectNode into, JsonNode from) {
    from.fields()
        .forEachRemaining(
            f -> {
              JsonNode mine = into.get(f.getKey());
              if (mine instanceof ObjectNode o && f.getValue().isObject()) {
                deepMerge(o, f.getValue());
              } else {
                into.set(f.getKey(), f.getValue().deepCopy());
              }
            });
  }

  /**
   * What a JsonSchemaPropertySelector selects, as the CDK does: the names of the configured
   * schema's properties after the selector's transformations (none when it has no properties); null
   * without a selector or a configured schema, when every property is asked for.
   */
  private Set<String> selected(JsonNode catalogSchema, Scope scope) {
    if (selector == null || catalogSchema == null || !catalogSchema.isObject()) {
      return null;
    }
    JsonNode properties = catalogSchema.path("properties");
    ObjectNode names = properties.isObject() ? properties.deepCopy() : Json.object();
    Set<String> out = new LinkedHashSet<>();
    selector.apply(names, scope).fieldNames().forEachRemaining(out::add);
    return out;
  }

  private List<String> properties(Scope scope, Manifest manifest, RuntimeOptions options) {
    JsonNode list = t.node().path("property_list");
    List<String> out = new ArrayList<>();
    if (list.isArray()) {
      list.forEach(p -> out.add(p.asText()));
      return out;
    }
    if (fetched == null) {
      fetched = fromEndpoint(list, scope, manifest, options);
    }
    return fetched;
  }

  /** Reads the endpoint's records once and takes each one's property name. */
  private static List<String> fromEndpoint(
      JsonNode def, Scope scope, Manifest manifest, RuntimeOptions options) {
    Tpl endpoint = new Tpl(def);
    List<String> path = new ArrayList<>();
    def.path("property_field_path").forEach(p -> path.add(endpoint.text(p, scope)));
    ObjectNode source =
        Json.object().put("type", "DeclarativeStream").put("name", "query_properties");
    source.set("retriever", def.get("retriever"));
    List<String> out = new ArrayList<>();
    StreamRuntime.of(source, manifest, scope.configNode(), options, false)
        .read(
            null,
            0,
            new StreamRuntime.Sink() {
              @Override
              public void record(ObjectNode data, Map<String, Object> slice) {
                JsonNode value = Dpath.get(data, path);
                out.add(value == null ? "[]" : value.asText());
              }

              @Override
              public void state(JsonNode streamState) {}
            });
    return out;
  }
}
