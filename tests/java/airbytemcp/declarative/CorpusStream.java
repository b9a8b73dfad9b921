package airbytemcp.declarative;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the corpus fake needs to know about one stream of a resolved manifest: where its requests
 * go, where its extractor looks, how it pages, which fields its cursor and children read.
 */
final class CorpusStream {
  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);
  private static final Pattern DYNAMIC =
      Pattern.compile(
          "stream_slice|stream_partition|stream_interval|next_page_token|record|response|now_utc|today_utc");

  private static final String ANY = "CORPUSANYTHING";

  final JsonNode def;
  final ObjectNode config;
  final String name;
  final JsonNode retriever;
  final JsonNode requester;
  final JsonNode paginator;
  final JsonNode strategy;
  final String decoder;
  final List<String> fieldPath = new ArrayList<>();
  final Pattern url;

  /** The URL pattern with a sample partition rendered in, when the URL reads the partition. */
  final Pattern urlWithPartition;

  final int score;
  final JsonNode schema;
  final Set<String> parentKeys = new LinkedHashSet<>();
  final List<CorpusStream> parents = new ArrayList<>();
  final boolean filtered;

  CorpusStream(JsonNode def, ObjectNode config) {
    this.def = def;
    this.config = config;
    Scope scope = Scope.of(config);
    this.name = new Tpl(def).text("name", scope);
    this.retriever = def.path("retriever");
    this.requester = retriever.path("requester");
    JsonNode p = retriever.path("paginator");
    this.paginator = "DefaultPaginator".equals(p.path("type").asText()) ? p : null;
    this.strategy = paginator == null ? null : paginator.path("pagination_strategy");
    JsonNode d = retriever.has("decoder") ? retriever.get("decoder") : requester.path("decoder");
    this.decoder = d.path("type").asText("JsonDecoder");
    JsonNode selector = retriever.path("record_selector");
    JsonNode extractor = selector.path("extractor");
    for (JsonNode f : extractor.path("field_path")) {
      fieldPath.add(new Tpl(extractor).text(f, scope));
    }
    this.filtered = selector.has("record_filter") && !selector.get("record_filter").isNull();
    String[] where = urlTemplate(requester);
    this.url = regex(where[0], requester);
    this.urlWithPartition =
        CorpusSlices.route(withoutQuery(where[0]), requester, retriever, config);
    this.score = Integer.parseInt(where[1]);
    this.schema = schemaOf(def);
    for (JsonNode router : routers(retriever.path("partition_router"))) {
      for (JsonNode parent : router.path("parent_stream_configs")) {
        CorpusStream ps = new CorpusStream(parent.path("stream"), config);
        String key = new Tpl(parent).text("parent_key", scope);
        if (!key.isEmpty()) {
          ps.parentKeys.add(key);
        }
        parents.add(ps);
      }
    }
  }

  boolean paginates() {
    return strategy != null && !strategy.isMissingNode();
  }

  String strategyType() {
    return strategy == null ? "" : strategy.path("type").asText();
  }

  /** The page size the strategy states, when it can be evaluated from the config alone. */
  Long pageSize() {
    if (strategy == null || !strategy.has("page_size")) {
      return null;
    }
    try {
      Object v = new Tpl(strategy).value("page_size", Scope.of(config));
      return v instanceof Number n ? n.longValue() : Long.parseLong(PyValues.str(v).trim());
    } catch (RuntimeException e) {
      return null;
    }
  }

  long startPage() {
    try {
      Object v = new Tpl(strategy).value("start_from_page", Scope.of(config));
      return v == null ? 1 : Long.parseLong(PyValues.str(v).trim());
    } catch (RuntimeException e) {
      return 1;
    }
  }

  /** The datetime cursor: field name and the format records carry it in; null without one. */
  String[] cursor() {
    JsonNode inc = def.path("incremental_sync");
    if (!"DatetimeBasedCursor".equals(inc.path("type").asText())) {
      return null;
    }
    Scope scope = Scope.of(config);
    String field = new Tpl(inc).text("cursor_field", scope);
    JsonNode formats = inc.path("cursor_datetime_formats");
    String format =
        formats.isArray() && !formats.isEmpty()
            ? new Tpl(inc).text(formats.get(0), scope)
            : new Tpl(inc).text("datetime_format", scope);
    return new String[] {field, format};
  }

  List<String> primaryKey() {
    List<String> out = new ArrayList<>();
    JsonNode pk = def.path("primary_key");
    if (pk.isTextual()) {
      out.add(new Tpl(def).text(pk, Scope.of(config)));
    } else if (pk.isArray()) {
      for (JsonNode k : pk) {
        out.add(k.isArray() ? k.path(0).asText() : k.asText());
      }
    }
    return out;
  }

  /** Every stream this one reads, itself first, then its parents (and theirs). */
  List<CorpusStream> family() {
    List<CorpusStream> out = new ArrayList<>();
    out.add(this);
    for (CorpusStream p : parents) {
      out.addAll(p.family());
    }
    return out;
  }

  private static List<JsonNode> routers(JsonNode router) {
    List<JsonNode> out = new ArrayList<>();
    if (router.isArray()) {
      router.forEach(r -> out.addAll(routers(r)));
    } else if (router.isObject()) {
      out.add(router);
      if (router.has("underlying_partition_router")) {
        out.addAll(routers(router.get("underlying_partition_router")));
      }
      if (router.has("stream_slicers")) {
        out.addAll(routers(router.get("stream_slicers")));
      }
    }
    return out;
  }

  private static JsonNode schemaOf(JsonNode def) {
    JsonNode loader = def.path("schema_loader");
    if (loader.isArray()) {
      loader = loader.path(0);
    }
    JsonNode schema = loader.path("schema");
    return schema.isObject() ? schema : Json.object();
  }

  /** The request's URL template (url, or url_base joined with path) and its literal length. */
  private String[] urlTemplate(JsonNode requester) {
    String whole;
    if (requester.hasNonNull("url")) {
      whole = requester.get("url").asText();
    } else {
      String base = requester.path("url_base").asText("");
      String path = requester.path("path").asText("");
      // a path that is a whole URL replaces the base, as urljoin does in the CDK
      whole =
          path.isEmpty()
              ? base
              : path.matches("(?s)^\\s*https?://.*")
                  ? path.strip()
                  : base.replaceAll("/+$", "") + "/" + path.replaceAll("^/+", "");
    }
    return new String[] {whole, "0"};
  }

  /**
   * A pattern matching the URLs the template yields: config and parameter parts rendered, the parts
   * that vary per slice or page matched by anything.
   */
  Pattern regex(String template, JsonNode component) {
    return regexOf(template, component, config);
  }

  static Pattern regexOf(String whole, JsonNode component, ObjectNode config) {
    // requests are routed by URL without the query, so a query written into the path goes too
    String template = withoutQuery(whole);
    if (template.contains("{%")) {
      Pattern rendered = renderedWhole(template, component, config);
      if (rendered != null) {
        return rendered;
      }
    }
    StringBuilder out = new StringBuilder();
    Matcher m = TEMPLATE.matcher(template);
    int last = 0;
    while (m.find()) {
      out.append(literal(template.substring(last, m.start())));
      String expr = m.group(1);
      String rendered = null;
      if (!DYNAMIC.matcher(expr).find()) {
        try {
          rendered =
              new Tpl(component)
                  .text(Json.MAPPER.getNodeFactory().textNode(m.group()), Scope.of(config));
        } catch (RuntimeException e) {
          rendered = null;
        }
      }
      out.append(rendered == null || rendered.isEmpty() ? ".*" : literal(rendered));
      last = m.end();
    }
    out.append(literal(template.substring(last)));
    return compiled(out.toString());
  }

  private static Pattern compiled(String body) {
    String tidy = body.replaceAll("(/\\+)+", "/+").replaceAll("(/\\+)+$", "");
    return Pattern.compile(tidy + "/*$");
  }

  /**
   * A template with {@code {% %}} statements rendered whole, the expressions that vary per slice or
   * page first swapped for a marker that then matches anything; null when it does not render.
   */
  private static Pattern renderedWhole(String template, JsonNode component, ObjectNode config) {
    StringBuilder marked = new StringBuilder();
    Matcher m = TEMPLATE.matcher(template);
    int last = 0;
    while (m.find()) {
      marked.append(template, last, m.start());
      marked.append(DYNAMIC.matcher(m.group(1)).find() ? ANY : m.group());
      last = m.end();
    }
    marked.append(template.substring(last));
    String text;
    try {
      text =
          new Tpl(component)
              .text(Json.MAPPER.getNodeFactory().textNode(marked.toString()), Scope.of(config))
              .strip();
    } catch (RuntimeException e) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    String[] parts = text.split(Pattern.quote(ANY), -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        out.append(".*");
      }
      out.append(literal(parts[i]));
    }
    return compiled(out.toString());
  }

  /** The template up to its first {@code ?} outside a {@code {{ }}} expression. */
  static String withoutQuery(String template) {
    int depth = 0;
    for (int i = 0; i < template.length(); i++) {
      if (template.startsWith("{{", i)) {
        depth++;
        i++;
      } else if (template.startsWith("}}", i) && depth > 0) {
        depth--;
        i++;
      } else if (template.charAt(i) == '?' && depth == 0) {
        return template.substring(0, i);
      }
    }
    return template;
  }

  /** A URL's literal text as a regex in which each slash matches one or more. */
  static String literal(String text) {
    StringBuilder out = new StringBuilder();
    String[] parts = text.split("/", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        out.append("/+");
      }
      if (!parts[i].isEmpty()) {
        out.append(Pattern.quote(parts[i]));
      }
    }
    return out.toString();
  }

  /** How much of a matched URL the pattern fixed: longer literal parts win. */
  static int literalLength(Pattern p) {
    return p.pattern().replace(".*", "").length();
  }
}
