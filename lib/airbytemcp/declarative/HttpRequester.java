package airbytemcp.declarative;

import airbytemcp.common.CallScope;
import airbytemcp.common.Json;
import airbytemcp.common.Plural;
import airbytemcp.network.CrossSiteRedirects;
import airbytemcp.network.EgressRefused;
import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import okhttp3.Call;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the requests of an HttpRequester: URL from {@code url_base} (or {@code url}) and {@code
 * path}, templated parameters, headers and bodies, the authenticator, and the error handler's
 * retries and backoff.
 */
final class HttpRequester {
  private static final Logger LOG = LoggerFactory.getLogger(HttpRequester.class);
  private static final MediaType JSON = MediaType.get("application/json");
  private final Tpl t;
  private final RuntimeOptions options;
  private final Authenticator auth;
  private final ErrorHandler errors;
  private final ApiBudget budget;
  private final CredentialSites sites;

  /** The last request sent, as the CDK's {@code response.request} shows it to later templates. */
  private volatile Request lastSent;

  HttpRequester(JsonNode def, Scope scope, RuntimeOptions options) {
    this.t = new Tpl(def);
    this.options = options.withHttp(GetWithBody.install(options.http()));
    this.errors = new ErrorHandler(def.get("error_handler"));
    this.budget = scope.budget();
    this.sites = scope.credentialSites();
    this.auth =
        Authenticators.create(
            def.get("authenticator"),
            scope.withoutSecretDecoys(),
            options,
            login ->
                new HttpRequester(login, scope, options).send(scope, new RequestParts()).json());
  }

  /**
   * Sends one request: the requester's own parts, then {@code extra} (pagination, slices) laid over
   * them.
   */
  HttpOutcome send(Scope scope, RequestParts extra) {
    RequestParts parts = new RequestParts();
    ownParts(scope, parts);
    parts.query.putAll(extra.query);
    parts.headers.putAll(extra.headers);
    parts.form.putAll(extra.form);
    if (extra.json != null) {
      if (parts.json == null) {
        parts.json = extra.json;
      } else {
        parts.json.setAll(extra.json);
      }
    }
    String path = extra.path != null ? extra.path : t.text("path", scope);
    String method = t.node().path("http_method").asText("GET").toUpperCase(Locale.ROOT);
    String base = t.text("url_base", scope);
    // the CDK's newer `url` holds the whole URL; url_base wins when both are given
    String own = base.isEmpty() ? t.text("url", scope) : base;
    parts.url = join(own, path);
    if (extra.path != null) {
      requireSameSite(join(own, t.text("path", scope)), parts.url);
    }
    parts.method = method;
    auth.apply(parts, scope.withoutSecretDecoys());
    String url = options.urlRewrite().apply(parts.url);
    HttpUrl parsed = HttpUrl.get(url);
    requireSecretKeptByUrlParsing(url, parsed);
    HttpUrl.Builder u = parsed.newBuilder();
    parts.query.forEach((k, vs) -> vs.forEach(v -> u.addQueryParameter(k, v)));
    HttpUrl target = u.build();
    requireCredentialSite(target, parts);
    Request.Builder request = new Request.Builder().url(target);
    parts.headers.forEach(request::header);
    if (!method.equals("GET") && !method.equals("HEAD")) {
      request.method(method, body(parts));
    } else if (parts.json != null || !parts.form.isEmpty() || parts.text != null) {
      // the CDK sends a body with any method; OkHttp cannot, so GetWithBody carries it
      request.method(method, null).tag(GetWithBody.Body.class, new GetWithBody.Body(body(parts)));
    } else {
      request.method(method, null);
    }
    Request built = request.build();
    lastSent = built;
    return execute(built, parts, scope);
  }

  /**
   * The last request's method, URL and headers (names as sent), for an AsyncRetriever's {@code
   * creation_response.request}; empty before the first request.
   */
  Map<String, Object> lastRequest() {
    Request r = lastSent;
    Map<String, Object> out = new LinkedHashMap<>();
    if (r != null) {
      Map<String, Object> headers = new LinkedHashMap<>();
      r.headers().names().forEach(n -> headers.put(n, r.header(n)));
      out.put("method", r.method());
      out.put("url", r.url().toString());
      out.put("headers", new PyDict(headers));
    }
    return out;
  }

  private void ownParts(Scope scope, RequestParts parts) {
    for (Map.Entry<String, Object> e : mapping("request_parameters", scope).entrySet()) {
      parts.query(e.getKey(), e.getValue());
    }
    for (Map.Entry<String, Object> e : mapping("request_headers", scope).entrySet()) {
      parts.header(e.getKey(), e.getValue());
    }
    JsonNode body = t.node().get("request_body");
    if (body != null && body.isObject()) {
      String type = body.path("type").asText();
      JsonNode value = body.get("value");
      if (type.equals("RequestBodyPlainText")) {
        parts.text = t.text(value, scope);
      } else if (type.equals("RequestBodyUrlEncodedForm")) {
        value
            .fields()
            .forEachRemaining(
                f -> parts.form.put(f.getKey(), PyValues.str(t.value(f.getValue(), scope))));
      } else {
        // RequestBodyJsonObject, and RequestBodyGraphQL, whose query object ({query, variables,
        // ...}) the CDK sends as a JSON body interpolated the same way, nulls left out
        parts.json = (ObjectNode) nested(value, scope);
      }
    }
    JsonNode json = t.node().get("request_body_json");
    if (json != null && !json.isNull()) {
      JsonNode evaluated =
          json.isTextual() ? PyValues.toJson(t.value(json, scope)) : nested(json, scope);
      if (evaluated instanceof ObjectNode o) {
        parts.json = o;
      }
    }
    JsonNode data = t.node().get("request_body_data");
    if (data != null && !data.isNull()) {
      if (data.isTextual()) {
        parts.text = t.text(data, scope);
      } else {
        data.fields()
            .forEachRemaining(
                f -> {
                  Object v = t.value(f.getValue(), scope);
                  if (v != null) {
                    parts.form.put(f.getKey(), PyValues.str(v));
                  }
                });
      }
    }
  }

  /**
   * A map-valued field: a template that renders a dict, or a dict whose values are templates (empty
   * ones drop).
   */
  private Map<String, Object> mapping(String field, Scope scope) {
    JsonNode node = t.node().get(field);
    Map<String, Object> out = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (node.isTextual()) {
      Object v = t.value(node, scope);
      if (v instanceof Map<?, ?> m) {
        m.forEach(
            (k, val) -> {
              if (val != null) {
                out.put(String.valueOf(k), val);
              }
            });
      }
      return out;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (QueryProperties.isQueryProperties(f.getValue())) {
        continue; // the retriever sends each chunk of properties itself
      }
      Object v = t.requestValue(f.getValue(), scope);
      if (v != null && !(v instanceof String s && s.isEmpty())) {
        out.put(t.text(Json.MAPPER.getNodeFactory().textNode(f.getKey()), scope), v);
      }
    }
    return out;
  }

  private JsonNode nested(JsonNode node, Scope scope) {
    if (node.isTextual()) {
      return PyValues.toJson(t.value(node, scope));
    }
    if (node.isObject()) {
      ObjectNode out = Json.MAPPER.createObjectNode();
      node.fields()
          .forEachRemaining(
              f -> {
                JsonNode v = nested(f.getValue(), scope);
                if (!v.isNull()) {
                  out.set(f.getKey(), v);
                }
              });
      return out;
    }
    if (node.isArray()) {
      var out = Json.MAPPER.createArrayNode();
      node.forEach(n -> out.add(nested(n, scope)));
      return out;
    }
    return node;
  }

  private static RequestBody body(RequestParts parts) {
    if (parts.json != null) {
      return RequestBody.create(Json.write(parts.json), JSON);
    }
    if (!parts.form.isEmpty()) {
      FormBody.Builder form = new FormBody.Builder();
      parts.form.forEach(form::add);
      return form.build();
    }
    return RequestBody.create(parts.text == null ? "" : parts.text, null);
  }

  /**
   * A next page the API names by its whole URL is requested only on the requester's own site: the
   * authenticator's key goes with every request, and a redirect to another site would not carry it
   * there either ({@link CrossSiteRedirects}).
   */
  private void requireSameSite(String own, String page) {
    HttpUrl first = HttpUrl.parse(options.urlRewrite().apply(own));
    HttpUrl next = HttpUrl.parse(options.urlRewrite().apply(page));
    if (first != null && next != null && !CrossSiteRedirects.sameSite(first, next)) {
      throw new DeclarativeError(
          "The API named its next page on another site ("
              + options.masker().mask(next.host())
              + ", not "
              + options.masker().mask(first.host())
              + "); it was not requested, since the connector's credentials would go with it.",
          "If the API really pages onto that site, run the connector with Docker or Python "
              + "(override_execution_mode).");
    }
  }

  /**
   * A request goes to a site its manifest does not name (a URL an API's answer, a record or a state
   * made) only when it carries neither the authenticator's work nor any secret the run knows.
   */
  private void requireCredentialSite(HttpUrl target, RequestParts parts) {
    if (sites.admits(target) || !carriesCredentials(target, parts)) {
      return;
    }
    throw new DeclarativeError(
        "The connector was about to send its credentials to "
            + options.masker().mask(target.host())
            + ", a host it took from the API's answers or the stream's state, not from its manifest "
            + "(which names "
            + options.masker().mask(sites.hosts())
            + "); the request was not sent.",
        "If that host really belongs to the API, run the connector with Docker or Python "
            + "(override_execution_mode).");
  }

  /**
   * URL parsing rewrites a path (a backslash becomes {@code /}, tabs and line breaks go, {@code
   * /../} steps back, {@code #} or {@code ?} ends it): a secret the rendered URL holds would go
   * out, and be shown in errors, in a form masking cannot recognize. Such a request is not sent.
   * Each secret must survive, not merely some secret: one in the query says nothing of one in the
   * path.
   */
  private void requireSecretKeptByUrlParsing(String rendered, HttpUrl parsed) {
    Masker masker = options.masker();
    int before = ShownUrl.secretsIn(hostInLowerCase(rendered), masker);
    if (before == 0 || ShownUrl.secretsPartByPart(parsed, masker) >= before) {
      return;
    }
    throw new DeclarativeError(
        "The request's URL holds a config value that is a secret, which URL parsing would change"
            + " (a backslash, a tab or line break, a dot segment, a '#' or '?' inside it); the"
            + " request to "
            + parsed.scheme()
            + "://"
            + masker.mask(parsed.host())
            + " was not sent.",
        "Give the config field that goes into the URL its own value, not a secret_reference.");
  }

  /** The URL with its authority in lower case, as parsing writes it: the one harmless change. */
  private static String hostInLowerCase(String url) {
    int start = url.indexOf("://");
    if (start < 0) {
      return url;
    }
    start += 3;
    int end = start;
    while (end < url.length() && "/?#\\".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    return url.substring(0, start)
        + url.substring(start, end).toLowerCase(Locale.ROOT)
        + url.substring(end);
  }

  private boolean carriesCredentials(HttpUrl target, RequestParts parts) {
    if (auth != Authenticator.NONE) {
      return true;
    }
    StringBuilder sent = new StringBuilder(target.toString());
    parts.headers.forEach((k, v) -> sent.append('\n').append(k).append(": ").append(v));
    parts.form.forEach((k, v) -> sent.append('\n').append(k).append('=').append(v));
    if (parts.json != null) {
      sent.append('\n').append(Json.write(parts.json));
    }
    if (parts.text != null) {
      sent.append('\n').append(parts.text);
    }
    return options.masker().revealsSecret(sent.toString());
  }

  static String join(String base, String path) {
    if (path == null || path.isEmpty()) {
      return base;
    }
    if (path.startsWith("http://") || path.startsWith("https://")) {
      return path;
    }
    if (base.isEmpty()) {
      return path;
    }
    int end = base.length();
    while (end > 0 && base.charAt(end - 1) == '/') {
      end--;
    }
    int start = 0;
    while (start < path.length() && path.charAt(start) == '/') {
      start++;
    }
    return base.substring(0, end) + "/" + path.substring(start);
  }

  private HttpOutcome execute(Request first, RequestParts parts, Scope scope) {
    Request request = first;
    String shown = ShownUrl.of(request.url(), options.masker());
    for (int attempt = 0; ; attempt++) {
      HttpOutcome outcome;
      budget.acquire(request); // every attempt draws on the manifest's api_budget, as in the CDK
      Call call = options.http().newCall(request);
      // a cancelled tool call stops the request at once instead of waiting for the API
      try (CallScope.Registration stop = CallScope.current().onCancel(call::cancel);
          Response response = call.execute()) {
        Map<String, String> headers = new HashMap<>();
        response
            .headers()
            .names()
            .forEach(n -> headers.put(n.toLowerCase(Locale.ROOT), response.header(n)));
        outcome =
            new HttpOutcome(
                response.code(),
                headers,
                ResponseBodies.read(response.body(), shown),
                false,
                options.masker());
        auth.observe(parts, outcome);
        budget.observe(request, outcome);
      } catch (IOException e) {
        if (CallScope.current().isCancelled()) {
          throw new DeclarativeError(
              "The read was cancelled while " + request.method() + " " + shown + " ran.", null);
        }
        EgressRefused refused = EgressRefused.in(e);
        if (refused != null) { // a rule, not a network glitch: retrying cannot help
          throw new DeclarativeError(
              "Request "
                  + request.method()
                  + " "
                  + shown
                  + " was not sent. "
                  + options.masker().mask(refused.getMessage()),
              EgressGuard.HINT);
        }
        if (attempt >= 5) {
          throw new DeclarativeError(
              "Request "
                  + request.method()
                  + " "
                  + shown
                  + " failed: "
                  + options.masker().mask(String.valueOf(e.getMessage())),
              "Check the network and the API's address.");
        }
        pause(Duration.ofMillis((long) (5000 * Math.pow(2, attempt))), shown, "network error");
        continue;
      }
      ErrorHandler.Resolution r = errors.interpret(outcome, scope, attempt);
      switch (r.action()) {
        case SUCCESS:
          LOG.debug("{} {} -> {}", request.method(), shown, outcome.status());
          return outcome;
        case IGNORE:
          LOG.info(
              "{} {} -> {} (ignored as the manifest says)",
              request.method(),
              shown,
              outcome.status());
          return new HttpOutcome(
              outcome.status(), outcome.headers(), outcome.body(), true, outcome.masker());
        case RESET_PAGINATION:
          throw new PaginationResetRequested(
              request.method()
                  + " "
                  + shown
                  + " answered that paging cannot go on: "
                  + options.masker().mask(r.message()));
        case RETRY:
        case RATE_LIMITED:
          if (attempt >= r.maxRetries()) {
            throw new DeclarativeError(
                request.method()
                    + " "
                    + shown
                    + " still failed after "
                    + Plural.of(r.maxRetries(), "retry", "retries")
                    + ": "
                    + options.masker().mask(r.message()),
                "The API is unavailable or rate-limiting; try later.");
          }
          pause(r.backoff().orElse(Duration.ofSeconds(5)), shown, "HTTP " + outcome.status());
          if (auth.signsRetries()) {
            auth.apply(parts, scope.withoutSecretDecoys());
            Request.Builder again = request.newBuilder();
            parts.headers.forEach(again::header);
            request = again.build();
            lastSent = request;
          }
          break;
        default:
          throw new DeclarativeError(
              request.method()
                  + " "
                  + shown
                  + " failed: "
                  + options.masker().mask(r.message())
                  + bodyExcerpt(outcome),
              outcome.status() == 401 || outcome.status() == 403
                  ? "Check the credentials in the config."
                  : "Check the config values the request uses.");
      }
    }
  }

  private String bodyExcerpt(HttpOutcome outcome) {
    String text = outcome.text().strip();
    if (text.isEmpty()) {
      return "";
    }
    return " (" + options.masker().maskedHead(text, 300, "...") + ")";
  }

  private void pause(Duration wait, String url, String why) {
    LOG.info("Retrying {} in {} ms after {}.", url, wait.toMillis(), why);
    try {
      options.sleeper().sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeclarativeError("Interrupted while waiting to retry " + url + ".", null);
    }
  }
}
