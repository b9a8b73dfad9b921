package airbytemcp.declarative;

import airbytemcp.network.CrossSiteRedirects;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;

/**
 * The sites a connector's credentials may go to: the ones its manifest's requesters name in {@code
 * url_base}, {@code url} and {@code path}, rendered from the config alone. A URL put together from
 * an API's answer, a parent record or a state (an export's download link, a whole-URL path, a
 * partition value spliced in right after the host) can name any host, and the authenticator would
 * sign it like any other; such a request goes out only if it carries nothing of the user's. Hosts
 * written in the config are vetted by the egress rules ({@code network.CallNamedHosts}) before this
 * list is consulted.
 */
final class CredentialSites {
  /** No site known: a requester built outside a stream run sends its credentials nowhere. */
  static final CredentialSites NONE = new CredentialSites(List.of());

  private final List<HttpUrl> homes;

  private CredentialSites(List<HttpUrl> homes) {
    this.homes = homes;
  }

  static CredentialSites of(Manifest manifest, JsonNode config, RuntimeOptions options) {
    Scope scope = Scope.of(config);
    Map<String, HttpUrl> found = new LinkedHashMap<>();
    collect(manifest.definition(), scope, options, found);
    return new CredentialSites(List.copyOf(found.values()));
  }

  private static void collect(
      JsonNode node, Scope scope, RuntimeOptions options, Map<String, HttpUrl> found) {
    if (node.isObject() && isRequester(node)) {
      Tpl t = new Tpl(node);
      String base = render(t, "url_base", scope);
      String own = base.isEmpty() ? render(t, "url", scope) : base;
      add(own, options, found);
      add(HttpRequester.join(own, render(t, "path", scope)), options, found);
    }
    node.forEach(child -> collect(child, scope, options, found));
  }

  private static boolean isRequester(JsonNode node) {
    String type = node.path("type").asText("HttpRequester");
    return type.equals("HttpRequester")
        && (node.path("url_base").isTextual() || node.path("url").isTextual());
  }

  /** A field rendered without the run's variables; empty where it cannot be. */
  private static String render(Tpl t, String field, Scope scope) {
    try {
      return t.text(field, scope);
    } catch (RuntimeException e) {
      return ""; // it needs a slice, a response or a page token: no site of the manifest's own
    }
  }

  private static void add(String url, RuntimeOptions options, Map<String, HttpUrl> found) {
    try {
      HttpUrl parsed = HttpUrl.parse(options.urlRewrite().apply(url));
      if (parsed != null) {
        found.putIfAbsent(parsed.scheme() + "://" + parsed.host(), parsed);
      }
    } catch (RuntimeException e) {
      // not a URL once rendered without the run's variables
    }
  }

  /** Whether {@code url} is on one of the sites, without a step down from https to http. */
  boolean admits(HttpUrl url) {
    return homes.stream().anyMatch(home -> CrossSiteRedirects.sameSite(home, url));
  }

  /** The hosts, for a message. */
  String hosts() {
    return homes.isEmpty()
        ? "none"
        : homes.stream().map(HttpUrl::host).distinct().collect(Collectors.joining(", "));
  }
}
