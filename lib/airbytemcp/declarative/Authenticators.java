package airbytemcp.declarative;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;
import okhttp3.FormBody;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Builds the manifest's authenticator: NoAuth, ApiKeyAuthenticator, BearerAuthenticator,
 * BasicHttpAuthenticator, OAuthAuthenticator (refresh token or client credentials),
 * SessionTokenAuthenticator, SelectiveAuthenticator. Every credential it handles, including tokens
 * it obtains, is registered with the masker.
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
   * expire.
   */
  private static final class OAuth implements Authenticator {
    private final Tpl t;
    private final RuntimeOptions options;
    private String token;
    private Instant expires = Instant.MIN;

    OAuth(Tpl t, RuntimeOptions options) {
      this.t = t;
      this.options = options;
    }

    @Override
    public synchronized void apply(RequestParts parts, Scope scope) {
      if (token == null || Instant.now().isAfter(expires.minusSeconds(60))) {
        refresh(scope);
      }
      parts.header("Authorization", "Bearer " + token);
    }

    private void refresh(Scope scope) {
      String given = t.text("access_token_value", scope);
      if (token == null && !given.isEmpty() && !t.node().hasNonNull("token_refresh_endpoint")) {
        token = secret(given, options);
        expires = Instant.MAX;
        return;
      }
      String grant = t.node().has("grant_type") ? t.text("grant_type", scope) : "refresh_token";
      FormBody.Builder form =
          new FormBody.Builder()
              .add("grant_type", grant)
              .add("client_id", secret(t.text("client_id", scope), options))
              .add("client_secret", secret(t.text("client_secret", scope), options));
      if (grant.equals("refresh_token")) {
        form.add("refresh_token", secret(t.text("refresh_token", scope), options));
      }
      for (JsonNode s : t.node().path("scopes")) {
        form.add("scopes", s.asText());
      }
      t.node()
          .path("refresh_request_body")
          .fields()
          .forEachRemaining(f -> form.add(f.getKey(), t.text(f.getValue(), scope)));
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
              "Refreshing the OAuth access token failed with HTTP " + response.code() + ".",
              "Check client_id, client_secret and refresh_token in the config.");
        }
        JsonNode json = Json.parse(body);
        JsonNode tokenNode =
            json.at("/" + t.node().path("access_token_name").asText("access_token"));
        if (tokenNode.isMissingNode() || tokenNode.asText().isEmpty()) {
          throw new DeclarativeError(
              "The OAuth token response has no access token.",
              "Check the manifest's access_token_name.");
        }
        token = secret(tokenNode.asText(), options);
        JsonNode expiresIn = json.get(t.node().path("expires_in_name").asText("expires_in"));
        expires =
            expiresIn == null
                ? Instant.now().plus(Duration.ofHours(1))
                : expiresIn.isNumber() || expiresIn.asText().matches("\\d+")
                    ? Instant.now().plusSeconds(expiresIn.asLong())
                    : LenientDates.parse(expiresIn.asText()).toInstant();
      } catch (java.io.IOException e) {
        throw new DeclarativeError(
            "Could not reach the OAuth token endpoint: " + e.getMessage(),
            "Check the network and try again.");
      }
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
                    .addTo(java.time.ZonedDateTime.now())
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
