package airbytemcp.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * The CDK's HttpRequestRegexMatcher over a request as sent: every given criterion must hold. The
 * method compares case-insensitively; {@code url_base} (trailing slash dropped) must equal the
 * request's {@code scheme://host[:port]}, and is compared as written, as the CDK does, so a
 * template or a path in it never matches; {@code url_path_pattern} is searched in the path
 * (trailing slash dropped); {@code params} must be among the query parameters and {@code headers}
 * among the headers (names case-insensitive), values as text.
 *
 * @param weight calls a matching request costs; null means one
 */
record RequestMatcher(
    String method,
    String urlBase,
    Pattern pathPattern,
    Map<String, String> params,
    Map<String, String> headers,
    Integer weight) {

  static RequestMatcher of(JsonNode def, Scope scope) {
    Tpl t = new Tpl(def);
    String base = def.hasNonNull("url_base") ? def.get("url_base").asText() : null;
    Pattern path = null;
    if (def.hasNonNull("url_path_pattern")) {
      String regex = def.get("url_path_pattern").asText();
      try {
        path = Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw new DeclarativeError(
            "The api_budget matcher's url_path_pattern '" + regex + "' is not a valid regex.",
            "Fix the pattern in the manifest's api_budget.");
      }
    }
    Integer weight = null;
    if (def.hasNonNull("weight")) {
      weight = ApiBudget.count(t.text("weight", scope), "matcher weight", 1);
    }
    return new RequestMatcher(
        def.hasNonNull("method") ? def.get("method").asText().toUpperCase(Locale.ROOT) : null,
        base == null ? null : base.replaceAll("/+$", ""),
        path,
        texts(def.path("params"), false),
        texts(def.path("headers"), true),
        weight);
  }

  private static Map<String, String> texts(JsonNode object, boolean lowerKeys) {
    Map<String, String> out = new LinkedHashMap<>();
    object
        .fields()
        .forEachRemaining(
            f ->
                out.put(
                    lowerKeys ? f.getKey().toLowerCase(Locale.ROOT) : f.getKey(),
                    pyText(f.getValue())));
    return out;
  }

  /** Python's {@code str()} of a YAML scalar: booleans print as True/False. */
  private static String pyText(JsonNode v) {
    if (v.isBoolean()) {
      return v.asBoolean() ? "True" : "False";
    }
    return v.isNull() ? "None" : v.asText();
  }

  boolean matches(Request request) {
    HttpUrl url = request.url();
    if (method != null && !method.equals(request.method().toUpperCase(Locale.ROOT))) {
      return false;
    }
    if (urlBase != null && !urlBase.equals(base(url))) {
      return false;
    }
    if (pathPattern != null
        && !pathPattern.matcher(url.encodedPath().replaceAll("/+$", "")).find()) {
      return false;
    }
    for (Map.Entry<String, String> p : params.entrySet()) {
      // the CDK reads the query into a dict: the last value of a repeated name counts
      List<String> values = url.queryParameterValues(p.getKey());
      if (values.isEmpty() || !p.getValue().equals(values.get(values.size() - 1))) {
        return false;
      }
    }
    for (Map.Entry<String, String> h : headers.entrySet()) {
      if (!h.getValue().equals(request.header(h.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** {@code scheme://host[:port]} as Python's urlsplit shows the netloc (port only if written). */
  private static String base(HttpUrl url) {
    boolean defaultPort = url.port() == HttpUrl.defaultPort(url.scheme());
    String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
    return url.scheme() + "://" + host + (defaultPort ? "" : ":" + url.port());
  }
}
