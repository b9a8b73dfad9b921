package airbytemcp.common;

import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * The one HTTP client setup: shared connection pool, sane timeouts, a product User-Agent. Built on
 * first use: its TLS set-up (trust store, SSL context) and OkHttp's Kotlin classes cost a large
 * part of a start that ends at tools/list, so services keep {@code HttpClients::shared} and call it
 * when they first send a request.
 */
public final class HttpClients {
  /** Initialised by the JVM when {@link #shared()} first reads it (the holder idiom). */
  private static final class Holder {
    static final OkHttpClient SHARED =
        new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(10))
            .readTimeout(Duration.ofSeconds(60))
            .callTimeout(Duration.ofMinutes(5))
            .addInterceptor(
                chain ->
                    chain.proceed(
                        chain.request().newBuilder().header("User-Agent", userAgent()).build()))
            .build();
  }

  private HttpClients() {}

  public static OkHttpClient shared() {
    return Holder.SHARED;
  }

  public static String userAgent() {
    return "airbyte-mcp-java/" + Version.VERSION;
  }
}
