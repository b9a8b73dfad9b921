package airbytemcp.cloud;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Who an Airbyte access token belongs to, read from its JWT claims: the auth provider's user id
 * ({@code user_id}, else {@code sub}). The signature is not checked here and need not be: the id is
 * only used in requests made with that same token, which Airbyte refuses if it was altered. Neither
 * the token nor its claims are ever logged or returned.
 */
final class TokenClaims {
  private TokenClaims() {}

  /** The auth user id in a JWT, or empty for a token that is not a JWT or names no user. */
  static Optional<String> authUserId(String token) {
    if (token == null) {
      return Optional.empty();
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || parts[1].isEmpty()) {
      return Optional.empty();
    }
    try {
      JsonNode claims =
          Json.MAPPER.readTree(
              new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
      return claim(claims, "user_id").or(() -> claim(claims, "sub"));
    } catch (IllegalArgumentException | IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> claim(JsonNode claims, String name) {
    JsonNode value = claims.path(name);
    return value.isTextual() && !value.asText().isBlank()
        ? Optional.of(value.asText().strip())
        : Optional.empty();
  }
}
