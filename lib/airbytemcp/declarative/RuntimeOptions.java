package airbytemcp.declarative;

import airbytemcp.common.HttpClients;
import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
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
 * @param sleeper waits between retries and for the API budget (tests record the waits instead)
 * @param clock the time the API budget's call windows are counted in (tests advance their own)
 * @param configUpdates hears the whole config each time the runtime rewrites it (a rotated OAuth
 *     refresh token); a read turns it into a CONTROL message
 */
public record RuntimeOptions(
    OkHttpClient http,
    Masker masker,
    UnaryOperator<String> urlRewrite,
    Sleeper sleeper,
    Clock clock,
    Consumer<ObjectNode> configUpdates) {
  /** Options on the system clock. */
  public RuntimeOptions(
      OkHttpClient http,
      Masker masker,
      UnaryOperator<String> urlRewrite,
      Sleeper sleeper,
      Consumer<ObjectNode> configUpdates) {
    this(http, masker, urlRewrite, sleeper, Clock.systemUTC(), configUpdates);
  }

  /** Options whose config updates go nowhere but the config object itself. */
  public RuntimeOptions(
      OkHttpClient http, Masker masker, UnaryOperator<String> urlRewrite, Sleeper sleeper) {
    this(http, masker, urlRewrite, sleeper, c -> {});
  }

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
    return new RuntimeOptions(client, masker, urlRewrite, sleeper, clock, configUpdates);
  }

  /** The same options telling {@code listener} of every config the runtime rewrites. */
  public RuntimeOptions withConfigUpdates(Consumer<ObjectNode> listener) {
    return new RuntimeOptions(http, masker, urlRewrite, sleeper, clock, listener);
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
        sleeper,
        clock,
        configUpdates);
  }

  /**
   * The same options waiting with {@code sleeper} on {@code clock} (tests: a clock it advances).
   */
  RuntimeOptions withTime(Sleeper sleeper, Clock clock) {
    return new RuntimeOptions(http, masker, urlRewrite, sleeper, clock, configUpdates);
  }
}
