package airbytemcp.declarative;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * DefaultPaginator (CursorPagination, PageIncrement, OffsetIncrement, with their stop rules) or
 * NoPagination. A token of null means "no further page".
 */
final class Paginator {
  private final JsonNode def;
  private final JsonNode strategy;
  private final Tpl t;
  private final Tpl st;

  /** The page size when the manifest gives it as a number (no template to evaluate per page). */
  private final Long constantPageSize;

  Paginator(JsonNode def) {
    this.def =
        def == null || def.isNull() || "NoPagination".equals(def.path("type").asText())
            ? null
            : def;
    this.strategy = this.def == null ? null : this.def.path("pagination_strategy");
    this.t = new Tpl(this.def);
    this.st = new Tpl(strategy);
    JsonNode size = strategy == null ? null : strategy.get("page_size");
    this.constantPageSize = size != null && size.isIntegralNumber() ? size.longValue() : null;
  }

  boolean paginates() {
    return def != null;
  }

  /**
   * The token of the first request: a start page or offset when the strategy injects one, else
   * null.
   */
  Object initialToken(Scope scope) {
    if (strategy == null || !strategy.path("inject_on_first_request").asBoolean(false)) {
      return null;
    }
    return switch (strategy.path("type").asText()) {
      case "PageIncrement" -> startPage(scope);
      case "OffsetIncrement" -> 0L;
      default -> null;
    };
  }

  private long startPage(Scope scope) {
    Object v = st.value("start_from_page", scope);
    return v == null ? 0 : ((Number) v).longValue();
  }

  private Long pageSize(Scope scope) {
    if (constantPageSize != null) {
      return constantPageSize;
    }
    Object v = st.value("page_size", scope);
    if (v == null) {
      return null;
    }
    if (v instanceof Number n) {
      return n.longValue();
    }
    String text = PyValues.str(v);
    scope.secretDecoys().refuseReadAsValue(text, "page_size");
    return Long.parseLong(text);
  }

  /**
   * The token for the page after {@code response}, or null when the strategy says this was the last
   * page.
   */
  Object next(HttpOutcome response, List<ObjectNode> records, Object lastToken, Scope scope) {
    if (strategy == null) {
      return null;
    }
    int count = records.size();
    Long size = pageSize(scope);
    switch (strategy.path("type").asText()) {
      case "PageIncrement":
        {
          if ((size != null && count < size) || count == 0) {
            return null;
          }
          return lastToken == null ? startPage(scope) + 1 : ((Number) lastToken).longValue() + 1;
        }
      case "OffsetIncrement":
        {
          if ((size != null && count < size) || count == 0) {
            return null;
          }
          return (lastToken == null ? 0 : ((Number) lastToken).longValue()) + count;
        }
      case "CursorPagination":
        {
          Scope s =
              scope
                  .with("response", response.jsonOrEmpty())
                  .with("headers", PaginationHeaders.of(response.headers()))
                  .with("last_record", records.isEmpty() ? null : records.get(records.size() - 1))
                  .with("last_records", Json.MAPPER.valueToTree(records))
                  .with("last_page_size", (long) count)
                  .with("last_page_token_value", lastToken);
          if (st.condition("stop_condition", s, false)) {
            return null;
          }
          Object token = st.value("cursor_value", s);
          return token == null || (token instanceof String str && str.isEmpty()) ? null : token;
        }
      default:
        throw new DeclarativeError(
            "The pagination strategy " + strategy.path("type").asText() + " is not supported.",
            "Run the connector with Docker or Python.");
    }
  }

  /**
   * Puts the page token and page size where the manifest says (query, header, body or the path).
   */
  void inject(RequestParts parts, Object token, Scope scope) {
    if (def == null) {
      return;
    }
    Long size = pageSize(scope);
    if (size != null && def.hasNonNull("page_size_option")) {
      parts.inject(def.get("page_size_option"), size, scope);
    }
    if (token == null) {
      return;
    }
    JsonNode option = def.get("page_token_option");
    if (option != null && "RequestPath".equals(option.path("type").asText())) {
      String path = PyValues.str(token);
      String base = t.text("url_base", scope);
      parts.path = base.isEmpty() ? path : path.replace(base, "");
    } else if (option != null) {
      parts.inject(option, token, scope);
    }
  }

  /** The {@code next_page_token} template variable for a token. */
  static Object variable(Object token) {
    Map<String, Object> m = new HashMap<>();
    if (token != null) {
      m.put("next_page_token", token);
    }
    return new PyDict(m);
  }
}
