package airbytemcp.declarative;

import airbytemcp.common.HttpClients;
import airbytemcp.secrets.Masker;
import java.time.Duration;
import java.util.function.UnaryOperator;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * How declarative connectors reach the outside world.
 *
 * @param http the HTTP client
 * @param masker learns every secret the runtime handles (config secrets, tokens it obtains) and
 *     masks log lines
 * @param urlRewrite applied to every outgoing URL; identity in production, tests send everything to
 *     a fake API
 * @param sleeper waits between retries (tests record the waits instead)
 */
public record RuntimeOptions(
    OkHttpClient http, Masker masker, UnaryOperator<String> urlRewrite, Sleeper sleeper) {
  /** Waits for a backoff. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  public static RuntimeOptions defaults(Masker masker) {
    return new RuntimeOptions(
        HttpClients.shared(), masker, UnaryOperator.identity(), d -> Thread.sleep(d.toMillis()));
  }

  /** The same options with another HTTP client (e.g. one guarded by egress rules). */
  public RuntimeOptions withHttp(OkHttpClient client) {
    return new RuntimeOptions(client, masker, urlRewrite, sleeper);
  }

  /**
   * Sends every request to {@code baseUrl}'s scheme, host and port, keeping the path and query.
   * Package-private: only tests in this package redirect a connector (no setting reaches it).
   */
  RuntimeOptions withBaseUrlOverride(String baseUrl) {
    HttpUrl target = HttpUrl.get(baseUrl);
    return new RuntimeOptions(
        http,
        masker,
        url -> {
          HttpUrl u = HttpUrl.get(url);
          return u.newBuilder()
              .scheme(target.scheme())
              .host(target.host())
              .port(target.port())
              .build()
              .toString();
        },
        sleeper);
  }
}
