package airbytemcp.common;

import java.time.Duration;
import okhttp3.OkHttpClient;

/** The one HTTP client setup: shared connection pool, sane timeouts, a product User-Agent. */
public final class HttpClients {
  private static final OkHttpClient SHARED =
      new OkHttpClient.Builder()
          .connectTimeout(Duration.ofSeconds(10))
          .readTimeout(Duration.ofSeconds(60))
          .callTimeout(Duration.ofMinutes(5))
          .addInterceptor(
              chain ->
                  chain.proceed(
                      chain.request().newBuilder().header("User-Agent", userAgent()).build()))
          .build();

  private HttpClients() {}

  public static OkHttpClient shared() {
    return SHARED;
  }

  public static String userAgent() {
    return "airbyte-mcp-java/" + Version.VERSION;
  }
}
