package airbytemcp.network;

import java.io.IOException;
import java.net.ProtocolException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Keeps a request's own headers from following a redirect to another site. OkHttp drops only {@code
 * Authorization} when a redirect changes host, so an API key a connector sends in a header of its
 * own ({@code X-Api-Key}, {@code X-N8N-API-KEY}) would go to whatever host an open redirect on the
 * vendor's site names. A hop to another site, or from https to http, carries only the headers that
 * hold nothing of the user's, and no body: such a hop of a request with a body is not followed.
 * Installed as a network interceptor, it sees every hop.
 */
public final class CrossSiteRedirects implements Interceptor {
  /** Headers HTTP itself needs; everything else may carry a credential. */
  static final Set<String> KEPT =
      Set.of(
          "accept",
          "accept-encoding",
          "accept-language",
          "connection",
          "content-length",
          "content-type",
          "host",
          "transfer-encoding",
          "user-agent");

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request hop = chain.request();
    if (sameSite(chain.call().request().url(), hop.url())) {
      return chain.proceed(hop);
    }
    if (hop.body() != null) {
      // a 307 or 308 re-sends the body (an OAuth refresh's client secret, a login's password)
      throw new ProtocolException( // not retried as a connection failure would be
          "The server redirected a request with a body to another site ("
              + hop.url().host()
              + "); it was not followed, since the body may carry credentials.");
    }
    Request.Builder bare = hop.newBuilder();
    for (String name : hop.headers().names()) {
      if (!KEPT.contains(name.toLowerCase(Locale.ROOT))) {
        bare.removeHeader(name);
      }
    }
    return chain.proceed(bare.build());
  }

  /**
   * The same host, or hosts under the same registrable domain ({@code api.vendor.com} and {@code
   * eu.vendor.com}), without a step down from https to http.
   */
  public static boolean sameSite(HttpUrl first, HttpUrl hop) {
    if (first.isHttps() && !hop.isHttps()) {
      return false;
    }
    if (first.host().equals(hop.host())) {
      return true;
    }
    String site = first.topPrivateDomain();
    return site != null && Objects.equals(site, hop.topPrivateDomain());
  }
}
