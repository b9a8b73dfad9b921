package airbytemcp.cloud;

import airbytemcp.common.HttpClients;
import airbytemcp.common.Json;
import airbytemcp.config.CloudSettings;
import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Airbyte's public API and Config API over HTTP: authentication, paging, retries and errors that
 * say what to do. Every answer is JSON; every failure is a {@link CloudError} with secrets masked.
 */
public final class AirbyteApi {
  private static final Logger LOG = LoggerFactory.getLogger(AirbyteApi.class);
  private static final String JSON_TYPE = "application/json";

  /** Page size for lists; the public API's maximum. */
  static final int PAGE_SIZE = 100;

  /**
   * Web servers refuse longer request lines (and the HTTP client fails on some refusals in odd
   * ways).
   */
  static final int MAX_URL_LENGTH = 8 * 1024;

  /**
   * Every segment of every path this client calls: API words and ids, never dots, slashes or
   * escapes.
   */
  private static final Pattern PATH_SEGMENT = Pattern.compile("[A-Za-z0-9_-]+");

  /** Waits between retries; tests replace it to observe the waits instead of sleeping. */
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final String publicRoot;
  private final String configRoot;
  private final Supplier<OkHttpClient> http;

  /** {@link #http} without following redirects, built from it on the first request. */
  private final Supplier<OkHttpClient> unredirected;

  private final RetryPolicy retry;
  private final Masker masker;
  private final AccessTokens tokens;
  private final Sleeper sleeper;
  private final Clock clock;

  public AirbyteApi(CloudSettings settings, Masker masker) {
    this(
        settings,
        masker,
        HttpClients::shared,
        RetryPolicy.DEFAULT,
        Clock.systemUTC(),
        d -> Thread.sleep(d.toMillis()));
  }

  /**
   * With explicit timing and transport (tests use short waits and observe them through the
   * sleeper).
   */
  public AirbyteApi(
      CloudSettings settings,
      Masker masker,
      OkHttpClient http,
      RetryPolicy retry,
      Clock clock,
      Sleeper sleeper) {
    this(settings, masker, () -> http, retry, clock, sleeper);
  }

  /** The client is asked for on the first request, so a start that sends none never builds it. */
  private AirbyteApi(
      CloudSettings settings,
      Masker masker,
      Supplier<OkHttpClient> http,
      RetryPolicy retry,
      Clock clock,
      Sleeper sleeper) {
    this.publicRoot = stripSlash(settings.apiUrl());
    this.configRoot = stripSlash(settings.configApiUrl());
    this.http = http;
    this.unredirected = memoized(() -> withoutRedirects(http.get()));
    this.retry = retry;
    this.masker = masker;
    this.tokens = new AccessTokens(settings, masker, clock);
    this.sleeper = sleeper;
    this.clock = clock;
  }

  /** The masker this API's answers are masked with (also for texts other classes cap). */
  Masker masker() {
    return masker;
  }

  /**
   * The same client (transport, retries, timing) acting with other credentials and workspace, same
   * API roots.
   */
  AirbyteApi withSettings(CloudSettings settings) {
    return new AirbyteApi(settings, masker, http, retry, clock, sleeper);
  }

  public String publicRoot() {
    return publicRoot;
  }

  /**
   * Fails with a clear message when the credentials are missing or contradictory; makes no request.
   */
  public void requireCredentials() {
    tokens.requireConfigured();
  }

  /**
   * The auth provider's id of the user the current access token belongs to (from its claims), or
   * empty when the token names no user (e.g. not a JWT). May fetch a token; the token stays here.
   */
  Optional<String> authUserId() {
    return TokenClaims.authUserId(tokens.current(this::exchange));
  }

  public JsonNode get(String path, ApiQuery query) {
    return send("GET", publicRoot, path, query, null);
  }

  public JsonNode post(String path, JsonNode body) {
    return send("POST", publicRoot, path, ApiQuery.of(), body);
  }

  public JsonNode patch(String path, JsonNode body) {
    return send("PATCH", publicRoot, path, ApiQuery.of(), body);
  }

  public JsonNode put(String path, JsonNode body) {
    return send("PUT", publicRoot, path, ApiQuery.of(), body);
  }

  public JsonNode delete(String path) {
    return send("DELETE", publicRoot, path, ApiQuery.of(), null);
  }

  /** A Config API call (all of them are POST with a JSON body). */
  public JsonNode config(String path, JsonNode body) {
    return send("POST", configRoot, path, ApiQuery.of(), body);
  }

  /**
   * Every item of a paged public API list, page by page ({@code limit}/{@code offset}) while the
   * answer names a {@code next} page, up to {@code max} items when given.
   */
  public List<JsonNode> list(String path, ApiQuery query, Optional<Integer> max) {
    List<JsonNode> items = new ArrayList<>();
    int offset = 0;
    while (max.isEmpty() || items.size() < max.get()) {
      int limit = max.map(m -> Math.min(PAGE_SIZE, m - items.size())).orElse(PAGE_SIZE);
      JsonNode page =
          get(
              path,
              query
                  .copy()
                  .without("limit")
                  .without("offset")
                  .add("limit", limit)
                  .add("offset", offset));
      JsonNode data = page.path("data");
      data.forEach(items::add);
      String next = page.path("next").asText("");
      if (data.isEmpty() || next.isBlank()) {
        break;
      }
      offset = nextOffset(next).orElse(offset + data.size());
    }
    return max.isPresent() && items.size() > max.get() ? items.subList(0, max.get()) : items;
  }

  private static Optional<Integer> nextOffset(String next) {
    HttpUrl url = HttpUrl.parse(next);
    String offset = url == null ? null : url.queryParameter("offset");
    try {
      return offset == null ? Optional.empty() : Optional.of(Integer.parseInt(offset));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private JsonNode send(String method, String root, String path, ApiQuery query, JsonNode body) {
    String token = tokens.current(this::exchange);
    try {
      return attempt(method, root, path, query, body, token);
    } catch (Unauthorized first) {
      if (!tokens.renewable()) {
        throw badCredentials(
            "The bearer token (AIRBYTE_CLOUD_BEARER_TOKEN) was refused by Airbyte (HTTP 401).",
            "Set a fresh AIRBYTE_CLOUD_BEARER_TOKEN, or use AIRBYTE_CLOUD_CLIENT_ID and AIRBYTE_CLOUD_CLIENT_SECRET "
                + "instead, and restart the server.");
      }
      tokens.invalidate(token);
      LOG.info("Airbyte refused the access token for {} {}; fetching a new one", method, path);
      try {
        return attempt(method, root, path, query, body, tokens.current(this::exchange));
      } catch (Unauthorized second) {
        throw badCredentials(
            "Airbyte refused a freshly issued access token (HTTP 401) for "
                + method
                + " "
                + path
                + ".",
            "Check that the application behind AIRBYTE_CLOUD_CLIENT_ID still exists and has access, and that "
                + "AIRBYTE_CLOUD_API_URL points at the right Airbyte.");
      }
    }
  }

  /**
   * One logical request with retries; a 401 escapes as {@link Unauthorized} so the caller can renew
   * once.
   */
  private JsonNode attempt(
      String method, String root, String path, ApiQuery query, JsonNode body, String token) {
    HttpUrl.Builder url = parseRoot(root).newBuilder();
    for (String segment : path.replaceFirst("^/", "").split("/", -1)) {
      // Ids are checked where they enter; this is the last line: no '..', '%2F' or empty segment
      // reaches the URL.
      if (!PATH_SEGMENT.matcher(segment).matches()) {
        throw new CloudError(
            "Refusing to call Airbyte at a path with the segment '"
                + CloudIds.shown(segment)
                + "'. Nothing was sent.",
            "Ids passed to Cloud tools must be Airbyte ids (UUIDs), never paths.");
      }
      url.addPathSegment(segment);
    }
    query.params().forEach(p -> url.addQueryParameter(p.getKey(), p.getValue()));
    HttpUrl built = url.build();
    if (built.toString().length() > MAX_URL_LENGTH) {
      throw new CloudError(
          "The request to Airbyte would be "
              + built.toString().length()
              + " characters long, far beyond any Airbyte id or filter.",
          "Check the ids and names passed to the tool; Airbyte ids are UUIDs.");
    }
    Request.Builder request = new Request.Builder().url(built).header("Accept", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    RequestBody requestBody =
        body == null ? null : RequestBody.create(Json.write(body), MediaType.get(JSON_TYPE));
    if (requestBody == null && !method.equals("GET") && !method.equals("DELETE")) {
      requestBody = RequestBody.create(new byte[0], MediaType.get(JSON_TYPE));
    }
    request.method(method, requestBody);
    // A public API create is not repeated after a server error: the object may exist already.
    boolean repeatable = !(method.equals("POST") && root.equals(publicRoot));
    return execute(request.build(), method + " " + path, repeatable, true);
  }

  private JsonNode execute(
      Request request, String what, boolean repeatableOn5xx, boolean authenticated) {
    for (int attempt = 1; ; attempt++) {
      boolean last = attempt >= retry.attempts();
      try (Response response = unredirected.get().newCall(request).execute()) {
        String text = response.body() == null ? "" : response.body().string();
        int code = response.code();
        if (code >= 200 && code < 300) {
          return text.isBlank() ? Json.object() : parseAnswer(text, what);
        }
        if (code == 401 && authenticated) {
          throw new Unauthorized();
        }
        if (code >= 300 && code < 400) {
          throw redirected(code, what, request.url(), response.header("Location"));
        }
        boolean retryable = code == 429 || (code >= 500 && repeatableOn5xx);
        if (retryable && !last) {
          Duration wait = retryAfter(response).orElse(retry.backoff(attempt - 1));
          LOG.warn(
              "Airbyte answered HTTP {} to {}; retrying in {} ms (attempt {} of {})",
              code,
              what,
              wait.toMillis(),
              attempt + 1,
              retry.attempts());
          pause(wait);
          continue;
        }
        throw httpError(code, what, text);
      } catch (IOException e) {
        if (isConnectFailure(e) && !last) {
          Duration wait = retry.backoff(attempt - 1);
          LOG.warn(
              "Could not reach Airbyte for {} ({}); retrying in {} ms",
              what,
              e.getMessage(),
              wait.toMillis());
          pause(wait);
          continue;
        }
        throw new CloudError(
            "Could not reach Airbyte at "
                + request.url().host()
                + " for "
                + what
                + ": "
                + masker.mask(String.valueOf(e.getMessage())),
            "Check the network and AIRBYTE_CLOUD_API_URL / AIRBYTE_CLOUD_CONFIG_API_URL (self-managed: "
                + "https://HOST/api/public/v1 and https://HOST/api/v1).");
      }
    }
  }

  private AccessTokens.Token exchange(String clientId, String clientSecret) {
    ObjectNode body =
        Json.object()
            .put("client_id", clientId)
            .put("client_secret", clientSecret)
            .put("grant_type", "client_credentials");
    HttpUrl url = parseRoot(publicRoot).newBuilder().addPathSegments("applications/token").build();
    Request request =
        new Request.Builder()
            .url(url)
            .header("Accept", "application/json")
            .post(RequestBody.create(Json.write(body), MediaType.get(JSON_TYPE)))
            .build();
    JsonNode answer;
    try {
      answer = execute(request, "POST /applications/token", true, false);
    } catch (CloudError e) {
      if (e.status() == 400 || e.status() == 401 || e.status() == 403) {
        throw badCredentials(
            "Airbyte refused the client credentials (HTTP " + e.status() + ").",
            "Check AIRBYTE_CLOUD_CLIENT_ID and AIRBYTE_CLOUD_CLIENT_SECRET (an application's id and secret from "
                + "Airbyte's Settings > Applications) and restart the server.");
      }
      throw e;
    }
    String token = answer.path("access_token").asText("");
    if (token.isBlank()) {
      throw new CloudError(
          "Airbyte's token endpoint answered without an access token.",
          "Check that AIRBYTE_CLOUD_API_URL points at Airbyte's public API (Cloud: https://api.airbyte.com/v1).");
    }
    return new AccessTokens.Token(token, answer.path("expires_in").asLong(180));
  }

  private JsonNode parseAnswer(String text, String what) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new CloudError(
          "Airbyte answered " + what + " with something that is not JSON.",
          "Check that AIRBYTE_CLOUD_API_URL and AIRBYTE_CLOUD_CONFIG_API_URL point at Airbyte's APIs, not its web UI.");
    }
  }

  /**
   * A client that does not follow redirects. Requests carry the client secret, tokens and resolved
   * secrets (OkHttp would re-send a 307 or 308's body, and custom headers, to any host the answer
   * names, https or not), so an API that answers with a redirect is an error to fix in the
   * settings, not a place to follow.
   */
  static OkHttpClient withoutRedirects(OkHttpClient client) {
    return client.newBuilder().followRedirects(false).followSslRedirects(false).build();
  }

  private static <T> Supplier<T> memoized(Supplier<T> supplier) {
    return new Supplier<>() {
      private volatile T value;

      @Override
      public T get() {
        T result = value;
        if (result == null) {
          synchronized (this) {
            if (value == null) {
              value = supplier.get();
            }
            result = value;
          }
        }
        return result;
      }
    };
  }

  private CloudError redirected(int code, String what, HttpUrl from, String location) {
    HttpUrl target = location == null ? null : from.resolve(location);
    String where =
        target == null
            ? "without saying where"
            : "to " + target.scheme() + "://" + target.host() + ":" + target.port();
    return new CloudError(
        "Airbyte answered "
            + what
            + " with a redirect (HTTP "
            + code
            + ") "
            + masker.mask(where)
            + ". The server does not follow redirects, since its requests carry credentials and "
            + "secrets; nothing was re-sent.",
        "Set AIRBYTE_CLOUD_API_URL / AIRBYTE_CLOUD_CONFIG_API_URL to the address the redirect names, if "
            + "it is your Airbyte (for example https instead of http, or the path with /api/public/v1).",
        code);
  }

  private CloudError httpError(int code, String what, String body) {
    String detail = detailOf(body, masker);
    String suffix = detail.isBlank() ? "" : ": " + detail;
    return switch (code) {
      case 403 ->
          new CloudError(
              "Airbyte denied access for " + what + " (HTTP 403)" + suffix,
              "These credentials lack permission for this object or workspace. Check the workspace id "
                  + "(list_cloud_workspaces shows the ones you can reach) or use credentials with access.",
              code);
      case 404 ->
          new CloudError(
              "Airbyte found nothing for " + what + " (HTTP 404)" + suffix,
              "Check the id; the list_* and describe_* Cloud tools show the ids that exist in the workspace.",
              code);
      case 429 ->
          new CloudError(
              "Airbyte kept rate-limiting " + what + " (HTTP 429)" + suffix,
              "Wait a minute and try again; avoid calling Cloud tools in tight loops.",
              code);
      default ->
          code >= 500
              ? new CloudError(
                  "Airbyte failed on " + what + " (HTTP " + code + ")" + suffix,
                  "This is on Airbyte's side; try again in a few minutes (status: https://status.airbyte.com).",
                  code)
              : new CloudError(
                  "Airbyte rejected " + what + " (HTTP " + code + ")" + suffix,
                  "Fix the request as the message says; the tool's description lists the accepted values.",
                  code);
    };
  }

  /** The answer's detail, masked and then capped (masked first: see {@link CappedText#cap}). */
  private static String detailOf(String body, Masker masker) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String detail = body.strip();
    try {
      JsonNode json = Json.MAPPER.readTree(body);
      for (String field : List.of("detail", "message", "title", "error")) {
        if (json.path(field).isTextual() && !json.path(field).asText().isBlank()) {
          detail = json.path(field).asText();
          break;
        }
      }
    } catch (IOException e) {
      // not JSON: the raw text is the detail
    }
    return CappedText.cap(detail, masker);
  }

  private static Optional<Duration> retryAfter(Response response) {
    String value = response.header("Retry-After");
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip()))));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (RuntimeException notADate) {
        return Optional.empty();
      }
    }
  }

  private void pause(Duration wait) {
    Duration capped = wait.compareTo(retry.maxDelay()) > 0 ? retry.maxDelay() : wait;
    try {
      sleeper.sleep(capped);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CloudError("Interrupted while waiting to retry a request to Airbyte.", null);
    }
  }

  /** Failures before the request reached Airbyte: safe to repeat for any method. */
  private static boolean isConnectFailure(IOException e) {
    return e instanceof ConnectException
        || e instanceof UnknownHostException
        || (e instanceof SocketTimeoutException
            && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("connect"));
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static HttpUrl parseRoot(String root) {
    HttpUrl url = HttpUrl.parse(root);
    if (url == null) {
      throw new CloudError(
          "'" + root + "' is not a valid Airbyte API URL.",
          "Set AIRBYTE_CLOUD_API_URL to https://api.airbyte.com/v1 (Cloud) or https://HOST/api/public/v1 (self-managed).");
    }
    return url;
  }

  private CloudError badCredentials(String message, String hint) {
    return new CloudError(masker.mask(message), hint, 401);
  }

  /** A 401 inside one attempt, to be answered by renewing the token once. */
  private static final class Unauthorized extends RuntimeException {
    Unauthorized() {
      super(null, null, false, false);
    }
  }
}
