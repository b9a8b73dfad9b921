package airbytemcp.declarative;

import airbytemcp.common.Json;
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
 * sign it like any other; such a request goes out only if it carries nothing of the user's. A site
 * the manifest writes admits its whole registrable domain ({@code api.vendor.com} and {@code
 * eu.vendor.com}); a host the config chose admits only itself, since the call may have chosen it
 * and the egress rules vet that host, not its neighbours.
 */
final class CredentialSites {
  /** No site known: a requester built outside a stream run sends its credentials nowhere. */
  static final CredentialSites NONE = new CredentialSites(List.of());

  /** A site: its URL, and whether only that host (not its registrable domain) is admitted. */
  private record Home(HttpUrl url, boolean exact) {
    boolean admits(HttpUrl target) {
      return exact
          ? url.host().equals(target.host()) && !(url.isHttps() && !target.isHttps())
          : CrossSiteRedirects.sameSite(url, target);
    }
  }

  private final List<Home> homes;

  private CredentialSites(List<Home> homes) {
    this.homes = homes;
  }

  // the manifest is walked once per run, not once per stream (a walk renders every requester's URL)
  private static final PerRun<CredentialSites> RUNS = new PerRun<>();

  static CredentialSites of(Manifest manifest, JsonNode config, RuntimeOptions options) {
    return RUNS.get(manifest, config, () -> collected(manifest, config, options));
  }

  private static CredentialSites collected(
      Manifest manifest, JsonNode config, RuntimeOptions options) {
    Map<String, Home> found = new LinkedHashMap<>();
    collect(manifest.definition(), Scope.of(config), Scope.of(Json.object()), options, found);
    return new CredentialSites(List.copyOf(found.values()));
  }

  private static void collect(
      JsonNode node, Scope scope, Scope bare, RuntimeOptions options, Map<String, Home> found) {
    if (node.isObject() && isRequester(node)) {
      Tpl t = new Tpl(node);
      String own = own(t, scope);
      String ownWithoutConfig = own(t, bare);
      add(own, ownWithoutConfig, options, found);
      add(
          HttpRequester.join(own, render(t, "path", scope)),
          HttpRequester.join(ownWithoutConfig, render(t, "path", bare)),
          options,
          found);
    }
    node.forEach(child -> collect(child, scope, bare, options, found));
  }

  private static String own(Tpl t, Scope scope) {
    String base = render(t, "url_base", scope);
    return base.isEmpty() ? render(t, "url", scope) : base;
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

  /**
   * Adds the site {@code url} names; {@code withoutConfig} is the same URL rendered from an empty
   * config, which names the same host only when the manifest, not the config, wrote it.
   */
  private static void add(
      String url, String withoutConfig, RuntimeOptions options, Map<String, Home> found) {
    HttpUrl parsed = parse(url, options);
    if (parsed == null) {
      return;
    }
    HttpUrl written = parse(withoutConfig, options);
    boolean exact = written == null || !written.host().equals(parsed.host());
    String key = parsed.scheme() + "://" + parsed.host();
    Home known = found.get(key);
    if (known == null || (known.exact() && !exact)) {
      found.put(key, new Home(parsed, exact));
    }
  }

  private static HttpUrl parse(String url, RuntimeOptions options) {
    try {
      return HttpUrl.parse(options.urlRewrite().apply(url));
    } catch (RuntimeException e) {
      return null; // not a URL once rendered without the run's variables
    }
  }

  /** Whether {@code url} is on one of the sites, without a step down from https to http. */
  boolean admits(HttpUrl url) {
    return homes.stream().anyMatch(home -> home.admits(url));
  }

  /** The hosts, for a message. */
  String hosts() {
    return homes.isEmpty()
        ? "none"
        : homes.stream().map(h -> h.url().host()).distinct().collect(Collectors.joining(", "));
  }
}
