package airbytemcp.cloud;

import airbytemcp.config.CloudSettings;
import airbytemcp.secrets.Masker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The bearer token for Airbyte's APIs: a configured token as is, or one obtained with client
 * credentials and reused until shortly before it expires (Airbyte's tokens live a few minutes; one
 * per call would be slow and rate-limited).
 */
final class AccessTokens {
  /** Renew this long before expiry, so a token never expires in flight. */
  static final Duration EARLY_RENEWAL = Duration.ofSeconds(60);

  /** Fetches a new token with client credentials: returns the token and its lifetime in seconds. */
  interface Exchange {
    Token fetch(String clientId, String clientSecret);
  }

  record Token(String value, long expiresInSeconds) {}

  private final Optional<String> bearer;
  private final Optional<String> clientId;
  private final Optional<String> clientSecret;
  private final Masker masker;
  private final Clock clock;
  private String cached;
  private Instant renewAt = Instant.MIN;

  AccessTokens(CloudSettings settings, Masker masker, Clock clock) {
    this.bearer = settings.bearerToken();
    this.clientId = settings.clientId();
    this.clientSecret = settings.clientSecret();
    this.masker = masker;
    this.clock = clock;
    bearer.ifPresent(masker::register);
    clientId.ifPresent(masker::register);
    clientSecret.ifPresent(masker::register);
  }

  /**
   * Whether a refused token can be replaced by asking again (client credentials), unlike a fixed
   * bearer.
   */
  boolean renewable() {
    return bearer.isEmpty();
  }

  /** Checks the configured credentials make sense, before any request. */
  void requireConfigured() {
    if (bearer.isPresent() && (clientId.isPresent() || clientSecret.isPresent())) {
      throw new CloudError(
          "Both AIRBYTE_CLOUD_BEARER_TOKEN and client credentials are set.",
          "Keep one: either AIRBYTE_CLOUD_BEARER_TOKEN, or AIRBYTE_CLOUD_CLIENT_ID with AIRBYTE_CLOUD_CLIENT_SECRET; "
              + "then restart the server.");
    }
    if (bearer.isEmpty() && clientId.isPresent() != clientSecret.isPresent()) {
      throw new CloudError(
          "Only one of AIRBYTE_CLOUD_CLIENT_ID and AIRBYTE_CLOUD_CLIENT_SECRET is set.",
          "Set both (they come as a pair from the application in Airbyte's settings) and restart the server.");
    }
    if (bearer.isEmpty() && clientId.isEmpty()) {
      throw CloudError.noCredentials();
    }
  }

  synchronized String current(Exchange exchange) {
    requireConfigured();
    if (bearer.isPresent()) {
      return bearer.get();
    }
    if (cached == null || !clock.instant().isBefore(renewAt)) {
      Token token = exchange.fetch(clientId.get(), clientSecret.get());
      masker.register(token.value());
      cached = token.value();
      Duration lifetime = Duration.ofSeconds(Math.max(0, token.expiresInSeconds()));
      Duration margin =
          lifetime.compareTo(EARLY_RENEWAL.multipliedBy(2)) > 0
              ? EARLY_RENEWAL
              : lifetime.dividedBy(2);
      renewAt = clock.instant().plus(lifetime).minus(margin);
    }
    return cached;
  }

  /** Forgets a token the server refused, so the next call fetches a fresh one. */
  synchronized void invalidate(String token) {
    if (token != null && token.equals(cached)) {
      cached = null;
    }
  }
}
