package airbytemcp.declarative;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Builds the manifest's authenticator: NoAuth, ApiKeyAuthenticator, BearerAuthenticator,
 * BasicHttpAuthenticator, OAuthAuthenticator (refresh token or client credentials),
 * SessionTokenAuthenticator, SelectiveAuthenticator, JwtAuthenticator,
 * RateLimitedMultipleTokenAuthenticator. Every credential it handles, including tokens it obtains,
 * is registered with the masker.
 */
final class Authenticators {
  private Authenticators() {}

  /**
   * @param login sends a login requester's request (SessionTokenAuthenticator) and returns the
   *     response body
   */
  static Authenticator create(
      JsonNode def, Scope scope, RuntimeOptions options, Function<JsonNode, JsonNode> login) {
    if (def == null || def.isNull()) {
      return Authenticator.NONE;
    }
    Tpl t = new Tpl(def);
    switch (def.path("type").asText()) {
      case "NoAuth":
        return Authenticator.NONE;
      case "ApiKeyAuthenticator":
        {
          JsonNode option =
              def.has("inject_into")
                  ? def.get("inject_into")
                  : Json.MAPPER
                      .createObjectNode()
                      .put("inject_into", "header")
                      .put("field_name", def.path("header").asText());
          return (parts, s) -> {
            String token = secret(t.text("api_token", s), options);
            parts.inject(option, token, s);
          };
        }
      case "BearerAuthenticator":
        return (parts, s) ->
            parts.header("Authorization", "Bearer " + secret(t.text("api_token", s), options));
      case "BasicHttpAuthenticator":
        return (parts, s) -> {
          String user = t.text("username", s);
          String password = secret(t.text("password", s), options);
          String encoded =
              Base64.getEncoder()
                  .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
          options.masker().register(encoded);
          parts.header("Authorization", "Basic " + encoded);
        };
      case "OAuthAuthenticator":
        return new OAuth(t, options);
      case "SessionTokenAuthenticator":
        return new Session(t, options, login);
      case "LegacySessionTokenAuthenticator":
        return new LegacySession(t, options);
      case "JwtAuthenticator":
        return new JwtAuthenticator(def, options);
      case "RateLimitedMultipleTokenAuthenticator":
        return new RateLimitedTokens(def, options);
      case "SelectiveAuthenticator":
        {
          JsonNode selected =
              scope.get("config") instanceof Map<?, ?>
                  ? PyValues.toJson(scope.get("config"))
                  : null;
          for (JsonNode key : def.path("authenticator_selection_path")) {
            selected = selected == null ? null : selected.get(key.asText());
          }
          JsonNode chosen =
              selected == null ? null : def.path("authenticators").get(selected.asText());
          if (chosen == null) {
            throw new DeclarativeError(
                "The config selects no known authenticator at "
                    + def.path("authenticator_selection_path")
                    + ".",
                "Set that config field to one of "
                    + iterable(def.path("authenticators").fieldNames())
                    + ".");
          }
          return create(chosen, scope, options, login);
        }
      default:
        throw new DeclarativeError(
            "The authenticator type " + def.path("type").asText() + " is not supported.",
            "Run the connector with Docker or Python.");
    }
  }

  private static String iterable(Iterator<String> names) {
    StringBuilder b = new StringBuilder();
    names.forEachRemaining(n -> b.append(b.length() > 0 ? ", " : "").append(n));
    return b.toString();
  }

  private static String secret(String value, RuntimeOptions options) {
    options.masker().register(value);
    return value;
  }

  /**
   * OAuth 2 access tokens from a refresh token (or client credentials), renewed shortly before they
   * expire. With a {@code refresh_token_updater} the API hands out a new refresh token with each
   * access token and voids the old one: the new tokens and their expiry are written into the config
   * at the updater's paths (so later streams and later runs use them) and announced through {@link
   * RuntimeOptions#configUpdates()}, as the CDK's single-use refresh token authenticator does.
   */
  private static final class OAuth implements Authenticator {
    private final Tpl t;
    private final RuntimeOptions options;
    private final JsonNode updater;
    private String token;
    private String rotatedRefreshToken;
    private Instant expires = Instant.MIN;

    OAuth(Tpl t, RuntimeOptions options) {
      this.t = t;
      this.options = options;
      JsonNode u = t.node().get("refresh_token_updater");
      this.updater = u == null || u.isNull() ? null : u;
    }

    @Override
    public synchronized void apply(RequestParts parts, Scope scope) {
      if (token == null && updater != null) {
        fromConfig(scope);
      }
      if (token == null || Instant.now().isAfter(expires.minusSeconds(60))) {
        refresh(scope);
      }
      parts.header("Authorization", "Bearer " + token);
    }

    /** A response key the manifest names (interpolated, as the CDK does), else the default. */
    private String name(String field, String fallback, Scope scope) {
      String named = t.text(field, scope);
      return named.isEmpty() ? fallback : named;
    }

    private List<String> path(String field, String... fallback) {
      List<String> out = new ArrayList<>();
      JsonNode given = updater.get(field);
      if (given != null && given.isArray()) {
        given.forEach(k -> out.add(k.asText()));
      } else {
        out.addAll(List.of(fallback));
      }
      return out;
    }

    private static JsonNode at(JsonNode config, List<String> path) {
      JsonNode at = config == null ? null : config;
      for (String key : path) {
        at = at == null ? null : at.get(key);
      }
      return at == null || at.isNull() ? null : at;
    }

    /** A rotating token's last access token, if the config holds one that has not expired. */
    private void fromConfig(Scope scope) {
      JsonNode config = scope.configNode();
      JsonNode access = at(config, path("access_token_config_path", "credentials", "access_token"));
      JsonNode expiry =
          at(config, path("token_expiry_date_config_path", "credentials", "token_expiry_date"));
      if (access == null || access.asText().isEmpty() || expiry == null) {
        return;
      }
      try {
        Instant until = LenientDates.parse(expiry.asText()).toInstant();
        if (Instant.now().isBefore(until.minusSeconds(60))) {
          token = secret(access.asText(), options);
          expires = until;
        }
      } catch (RuntimeException unparsable) {
        // CDK: an expiry it cannot read counts as expired, so the token is refreshed
      }
    }

    private String refreshToken(Scope scope) {
      if (rotatedRefreshToken != null) {
        return rotatedRefreshToken;
      }
      if (updater != null) {
        JsonNode inConfig =
            at(
                scope.configNode(),
                path("refresh_token_config_path", "credentials", "refresh_token"));
        if (inConfig != null && !inConfig.asText().isEmpty()) {
          return inConfig.asText();
        }
      }
      return t.text("refresh_token", scope);
    }

    private void refresh(Scope scope) {
      String given = t.text("access_token_value", scope);
      if (token == null && !given.isEmpty() && !t.node().hasNonNull("token_refresh_endpoint")) {
        token = secret(given, options);
        expires = Instant.MAX;
        return;
      }
      String grant = t.node().has("grant_type") ? t.text("grant_type", scope) : "refresh_token";
      FormBody.Builder form = new FormBody.Builder();
      if (t.condition("use_profile_assertion", scope, false)) {
        // the CDK's profile assertion flow: a signed JWT stands in for the client credentials
        JsonNode assertion = t.node().get("profile_assertion");
        if (assertion == null || !"JwtAuthenticator".equals(assertion.path("type").asText())) {
          throw new DeclarativeError(
              "use_profile_assertion needs a JwtAuthenticator as profile_assertion.",
              "Add the profile_assertion to the manifest's OAuthAuthenticator.");
        }
        form.add("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer")
            .add("assertion", new JwtAuthenticator(assertion, options).token(scope));
      } else {
        form.add("grant_type", grant)
            .add("client_id", secret(t.text("client_id", scope), options))
            .add("client_secret", secret(t.text("client_secret", scope), options));
        if (grant.equals("refresh_token")) {
          form.add("refresh_token", secret(refreshToken(scope), options));
        }
        for (JsonNode s : t.node().path("scopes")) {
          form.add("scopes", s.asText());
        }
        t.node()
            .path("refresh_request_body")
            .fields()
            .forEachRemaining(f -> form.add(f.getKey(), t.text(f.getValue(), scope)));
      }
      Request.Builder request =
          new Request.Builder()
              .url(options.urlRewrite().apply(t.text("token_refresh_endpoint", scope)))
              .post(form.build());
      t.node()
          .path("refresh_request_headers")
          .fields()
          .forEachRemaining(f -> request.header(f.getKey(), t.text(f.getValue(), scope)));
      try (Response response = options.http().newCall(request.build()).execute()) {
        String body = response.body() == null ? "" : response.body().string();
        if (!response.isSuccessful()) {
          throw new DeclarativeError(
              "Refreshing the OAuth access token failed with HTTP "
                  + response.code()
                  + (revoked(response.code(), body) ? " (the refresh token was refused)." : "."),
              "Check client_id, client_secret and refresh_token in the config; a rotating refresh"
                  + " token that was refused needs a new OAuth login.");
        }
        JsonNode json = Json.parse(body);
        JsonNode tokenNode =
            ResponseKeys.find(json, name("access_token_name", "access_token", scope));
        if (tokenNode == null || tokenNode.asText().isEmpty()) {
          throw new DeclarativeError(
              "The OAuth token response has no access token.",
              "Check the manifest's access_token_name.");
        }
        token = secret(tokenNode.asText(), options);
        JsonNode expiresIn = ResponseKeys.find(json, name("expires_in_name", "expires_in", scope));
        expires =
            expiresIn == null
                ? Instant.now().plus(Duration.ofHours(1))
                : expiresIn.isNumber() || expiresIn.asText().matches("\\d+")
                    ? Instant.now().plusSeconds(expiresIn.asLong())
                    : LenientDates.parse(expiresIn.asText()).toInstant();
        if (updater != null) {
          rotate(json, scope);
        }
      } catch (IOException e) {
        throw new DeclarativeError(
            "Could not reach the OAuth token endpoint: " + e.getMessage(),
            "Check the network and try again.");
      }
    }

    /** The updater's error rule: one of its status codes with one of its values at its key. */
    private boolean revoked(int status, String body) {
      if (updater == null) {
        return false;
      }
      boolean code = false;
      for (JsonNode c : updater.path("refresh_token_error_status_codes")) {
        code |= c.asInt() == status;
      }
      String key = updater.path("refresh_token_error_key").asText("");
      if (!code || key.isEmpty()) {
        return false;
      }
      JsonNode value;
      try {
        value = Json.parse(body).get(key);
      } catch (RuntimeException notJson) {
        return false;
      }
      for (JsonNode v : updater.path("refresh_token_error_values")) {
        if (value != null && v.asText().equals(value.asText())) {
          return true;
        }
      }
      return false;
    }

    /** Keeps the new refresh token, writes the tokens into the config and announces it. */
    private void rotate(JsonNode response, Scope scope) {
      JsonNode next =
          ResponseKeys.find(response, updater.path("refresh_token_name").asText("refresh_token"));
      if (next != null && !next.asText().isEmpty()) {
        rotatedRefreshToken = secret(next.asText(), options);
      }
      if (!(scope.configNode() instanceof ObjectNode config)) {
        return;
      }
      set(config, path("access_token_config_path", "credentials", "access_token"), token);
      if (rotatedRefreshToken != null) {
        set(
            config,
            path("refresh_token_config_path", "credentials", "refresh_token"),
            rotatedRefreshToken);
      }
      set(
          config,
          path("token_expiry_date_config_path", "credentials", "token_expiry_date"),
          expires.atOffset(ZoneOffset.UTC).toString());
      options.configUpdates().accept(config.deepCopy());
    }

    private static void set(ObjectNode config, List<String> path, String value) {
      if (path.isEmpty()) {
        return;
      }
      ObjectNode at = config;
      for (String key : path.subList(0, path.size() - 1)) {
        at = at.get(key) instanceof ObjectNode o ? o : at.putObject(key);
      }
      at.put(path.get(path.size() - 1), value);
    }
  }

  /**
   * The CDK's older session authenticator: a session token from the config is sent as is in {@code
   * header} if {@code validate_session_url} accepts it (401 means it is stale); otherwise username
   * and password are posted as JSON to {@code login_url} and the token at {@code
   * session_token_response_key} is used for the rest of the run.
   */
  private static final class LegacySession implements Authenticator {
    private final Tpl t;
    private final RuntimeOptions options;
    private String token;

    LegacySession(Tpl t, RuntimeOptions options) {
      this.t = t;
      this.options = options;
    }

    @Override
    public synchronized void apply(RequestParts parts, Scope scope) {
      if (token == null) {
        token = secret(obtain(scope), options);
      }
      parts.header(t.text("header", scope), token);
    }

    private String obtain(Scope scope) {
      String header = t.text("header", scope);
      String given = t.text("session_token", scope);
      String api = t.text("api_url", scope);
      if (!given.isEmpty()) {
        secret(given, options);
        Request check =
            new Request.Builder()
                .url(options.urlRewrite().apply(api + t.text("validate_session_url", scope)))
                .header(header, given)
                .get()
                .build();
        try (Response response = options.http().newCall(check).execute()) {
          if (response.isSuccessful()) {
            return given;
          }
          if (response.code() != 401) {
            throw new DeclarativeError(
                "Validating the session token failed with HTTP " + response.code() + ".",
                "Check the API URL and the session token in the config.");
          }
        } catch (IOException e) {
          throw unreachable(e);
        }
      }
      String username = t.text("username", scope);
      String password = t.node().has("password") ? t.text("password", scope) : "";
      if (username.isEmpty() || password.isEmpty()) {
        throw new DeclarativeError(
            "The session token is not valid and there is no username and password to get a new"
                + " one.",
            "Give a valid session token, or a username and password, in the config.");
      }
      secret(password, options);
      String body = Json.object().put("username", username).put("password", password).toString();
      Request login =
          new Request.Builder()
              .url(options.urlRewrite().apply(api + t.text("login_url", scope)))
              .post(RequestBody.create(body, MediaType.get("application/json")))
              .build();
      try (Response response = options.http().newCall(login).execute()) {
        String text = response.body() == null ? "" : response.body().string();
        if (!response.isSuccessful()) {
          throw new DeclarativeError(
              "Logging in for a session token failed with HTTP " + response.code() + ".",
              "Check the username and password in the config.");
        }
        JsonNode value = Json.parse(text).get(t.text("session_token_response_key", scope));
        if (value == null || value.asText().isEmpty()) {
          throw new DeclarativeError(
              "The login response has no session token.",
              "Check the manifest's session_token_response_key.");
        }
        return value.asText();
      } catch (IOException e) {
        throw unreachable(e);
      }
    }

    private static DeclarativeError unreachable(IOException e) {
      return new DeclarativeError(
          "Could not reach the session endpoint: " + e.getMessage(),
          "Check the network and the API URL, then try again.");
    }
  }

  /**
   * Logs in with a separate request, then sends the session token it got (as an API key or a bearer
   * token).
   */
  private static final class Session implements Authenticator {
    private final Tpl t;
    private final RuntimeOptions options;
    private final Function<JsonNode, JsonNode> login;
    private String token;
    private Instant expires = Instant.MIN;

    Session(Tpl t, RuntimeOptions options, Function<JsonNode, JsonNode> login) {
      this.t = t;
      this.options = options;
      this.login = login;
    }

    @Override
    public synchronized void apply(RequestParts parts, Scope scope) {
      if (token == null || Instant.now().isAfter(expires)) {
        JsonNode body = login.apply(t.node().get("login_requester"));
        JsonNode at = body;
        for (JsonNode key : t.node().path("session_token_path")) {
          at = at.path(key.asText());
        }
        if (at.isMissingNode() || at.asText().isEmpty()) {
          throw new DeclarativeError(
              "The login response has no session token at "
                  + t.node().path("session_token_path")
                  + ".",
              "Check the login credentials in the config.");
        }
        token = secret(at.asText(), options);
        expires =
            t.node().hasNonNull("expiration_duration")
                ? IsoDuration.parse(t.node().get("expiration_duration").asText())
                    .addTo(ZonedDateTime.now())
                    .toInstant()
                : Instant.MAX;
      }
      JsonNode how = t.node().path("request_authentication");
      if ("Bearer".equals(how.path("type").asText())) {
        parts.header("Authorization", "Bearer " + token);
      } else {
        parts.inject(how.get("inject_into"), token, scope);
      }
    }
  }
}
