package airbytemcp.declarative;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * The CDK's JwtAuthenticator: each request carries a freshly signed JSON Web Token (issued now,
 * valid from now, expiring after {@code token_duration} seconds) in the {@code Authorization}
 * header, or where {@code request_option} says, after an optional {@code header_prefix}. The secret
 * or private key, the passphrase and every token are registered with the masker. Nimbus JOSE is
 * loaded only when a manifest uses this authenticator.
 */
final class JwtAuthenticator implements Authenticator {
  private static final List<String> RESERVED_HEADERS = List.of("kid", "alg", "typ", "cty");
  private static final List<String> RESERVED_CLAIMS =
      List.of("iss", "sub", "aud", "iat", "exp", "nbf");
  private static final int DEFAULT_DURATION_SECONDS = 1200;

  private final Tpl t;
  private final RuntimeOptions options;
  private final JsonNode option;

  JwtAuthenticator(JsonNode def, RuntimeOptions options) {
    this.t = new Tpl(def);
    this.options = options;
    this.option =
        def.hasNonNull("request_option")
            ? def.get("request_option")
            : Json.object().put("inject_into", "header").put("field_name", "Authorization");
  }

  @Override
  public void apply(RequestParts parts, Scope scope) {
    String token = token(scope);
    String prefix = t.text("header_prefix", scope);
    parts.inject(option, prefix.isEmpty() ? token : prefix + " " + token, scope);
  }

  /** A newly signed token. */
  String token(Scope scope) {
    String secret = t.text("secret_key", scope);
    String passphrase = t.text("passphrase", scope);
    options.masker().register(secret);
    // a key's lines one by one too, should a single line of it ever be printed
    secret
        .lines()
        .map(String::strip)
        .filter(line -> !line.startsWith("-----"))
        .forEach(options.masker()::register);
    options.masker().register(passphrase);
    if (t.node().path("base64_encode_secret_key").asBoolean(false)) {
      secret = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
      options.masker().register(secret);
    }
    JWSAlgorithm algorithm = JWSAlgorithm.parse(t.text("algorithm", scope));
    try {
      JWSObject jws =
          new JWSObject(
              JWSHeader.parse(header(algorithm, scope).toString()),
              new Payload(payload(scope).toString()));
      jws.sign(JwtSigners.forAlgorithm(algorithm, secret, passphrase));
      String token = jws.serialize();
      options.masker().register(token);
      return token;
    } catch (ParseException | JOSEException | IllegalStateException e) {
      throw new DeclarativeError(
          "Signing the JWT with " + algorithm + " failed.",
          "Check the signing key in the config and the manifest's JWT headers.");
    }
  }

  private ObjectNode header(JWSAlgorithm algorithm, Scope scope) {
    ObjectNode header = evaluated("additional_jwt_headers", RESERVED_HEADERS, scope);
    JsonNode given = t.node().path("jwt_headers");
    header.put("alg", algorithm.getName());
    header.put("typ", given.has("typ") ? t.text(given.get("typ"), scope) : "JWT");
    for (String name : List.of("kid", "cty")) {
      if (given.hasNonNull(name)) {
        header.put(name, t.text(given.get(name), scope));
      }
    }
    return header;
  }

  private ObjectNode payload(Scope scope) {
    ObjectNode payload = evaluated("additional_jwt_payload", RESERVED_CLAIMS, scope);
    JsonNode given = t.node().path("jwt_payload");
    for (String name : List.of("iss", "sub", "aud")) {
      if (given.hasNonNull(name)) {
        payload.put(name, t.text(given.get(name), scope));
      }
    }
    long now = Instant.now().getEpochSecond();
    JsonNode duration = t.node().get("token_duration");
    long seconds =
        duration == null || duration.isNull() ? DEFAULT_DURATION_SECONDS : duration.asLong();
    payload.put("iat", now).put("exp", now + seconds).put("nbf", now);
    return payload;
  }

  /** An additional headers or claims mapping with keys and values interpolated. */
  private ObjectNode evaluated(String field, List<String> reserved, Scope scope) {
    ObjectNode out = Json.object();
    t.node()
        .path(field)
        .fields()
        .forEachRemaining(
            f -> {
              String key = t.text(TextNode.valueOf(f.getKey()), scope);
              if (reserved.contains(key)) {
                throw new DeclarativeError(
                    "The JwtAuthenticator's " + field + " sets the reserved name '" + key + "'.",
                    "Set it with jwt_headers/jwt_payload instead; reserved are " + reserved + ".");
              }
              out.set(key, PyValues.toJson(t.value(f.getValue(), scope)));
            });
    return out;
  }
}
