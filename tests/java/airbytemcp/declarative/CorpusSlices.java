package airbytemcp.declarative;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stream's URL routed with its partition in view: a path written as one expression over the
 * partition ({@code 'me/organizations' if stream_partition['id'] == 'me' else 'organizations/' ~
 * ...}) is rendered with a sample partition, the list routers' first value where the config gives
 * one and a marker for anything else, so the route keeps the literal parts that tell a parent and
 * its child apart instead of matching anything.
 */
final class CorpusSlices {
  private static final String ANY = "CORPUSSLICEVALUE";

  /** Expressions that vary per page or record: matched by anything, not rendered. */
  private static final Pattern PER_PAGE =
      Pattern.compile("next_page_token|response|\\brecord\\b|now_utc|today_utc|stream_interval");

  private static final Pattern SLICE_KEY =
      Pattern.compile(
          "\\bstream_(?:partition|slice)\\s*(?:\\[\\s*['\"]([^'\"]+)['\"]\\s*]|\\.\\s*get\\(\\s*['\"]([^'\"]+)['\"]|\\.\\s*(\\w+))");

  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);

  private CorpusSlices() {}

  /**
   * The URL pattern for a template that reads the partition, or null when it reads none or does not
   * render.
   */
  static Pattern route(String template, JsonNode component, JsonNode retriever, ObjectNode config) {
    if (!template.contains("stream_partition") && !template.contains("stream_slice")) {
      return null;
    }
    ObjectNode slice = sample(template, retriever, config);
    StringBuilder marked = new StringBuilder();
    Matcher m = TEMPLATE.matcher(template);
    int last = 0;
    while (m.find()) {
      marked.append(template, last, m.start());
      marked.append(PER_PAGE.matcher(m.group(1)).find() ? ANY : m.group());
      last = m.end();
    }
    marked.append(template.substring(last));
    String text;
    try {
      Scope scope = Scope.of(config).with("stream_partition", slice).with("stream_slice", slice);
      text =
          new Tpl(component)
              .text(Json.MAPPER.getNodeFactory().textNode(marked.toString()), scope)
              .strip();
    } catch (RuntimeException e) {
      return null;
    }
    if (text.isEmpty()) {
      return null;
    }
    StringBuilder body = new StringBuilder();
    String[] parts = text.split(Pattern.quote(ANY), -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        body.append(".*");
      }
      body.append(CorpusStream.literal(parts[i]));
    }
    String tidy = body.toString().replaceAll("(/\\+)+", "/+").replaceAll("(/\\+)+$", "");
    return Pattern.compile(tidy + "/*$");
  }

  /** A partition as the routers would make one: list values from the config, else a marker. */
  private static ObjectNode sample(String template, JsonNode retriever, ObjectNode config) {
    ObjectNode slice = Json.object();
    Matcher key = SLICE_KEY.matcher(template);
    while (key.find()) {
      String k =
          key.group(1) != null ? key.group(1) : key.group(2) != null ? key.group(2) : key.group(3);
      if (!k.equals("get")) {
        slice.put(k, ANY);
      }
    }
    for (JsonNode router : routers(retriever.path("partition_router"))) {
      if (!"ListPartitionRouter".equals(router.path("type").asText())) {
        continue;
      }
      String field = router.path("cursor_field").asText("");
      try {
        Object values = new Tpl(router).value("values", Scope.of(config));
        if (values instanceof List<?> list && !list.isEmpty() && !field.isEmpty()) {
          slice.put(field, PyValues.str(list.get(0)));
        }
      } catch (RuntimeException e) {
        // values the fake cannot evaluate: the marker stays
      }
    }
    return slice;
  }

  private static List<JsonNode> routers(JsonNode router) {
    if (router.isArray()) {
      List<JsonNode> out = new ArrayList<>();
      router.forEach(out::add);
      return out;
    }
    return router.isObject() ? List.of(router) : List.of();
  }
}
