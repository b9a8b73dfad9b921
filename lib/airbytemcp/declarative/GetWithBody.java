package airbytemcp.declarative;

import airbytemcp.common.CallScope;
import airbytemcp.network.CrossSiteRedirects;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.SocketFactory;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import okhttp3.Dns;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.Okio;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultRedirectStrategy;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.BasicHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends a GET (or HEAD) that carries a body, as the Python CDK does ({@code requests} sends {@code
 * data}/{@code json} whatever the method): page tokens injected into the body, {@code
 * request_body_json} and {@code request_body_data} on a GET.
 *
 * <p>Why this shape. OkHttp cannot send it: {@code Request.Builder.method} rejects a body on GET,
 * the {@code Request} constructor that skips that check is Kotlin-internal in 4.12, and even a GET
 * that held a body would go out without it ({@code CallServerInterceptor} writes a body only when
 * {@code HttpMethod.permitsRequestBody}, false for GET and HEAD). OkHttp 5.3 keeps both rules, so
 * an upgrade does not help. The JDK's {@code java.net.http} client sends the body but offers no
 * hook on the connection, so the egress rules could only be checked before it resolves the name
 * again, not on the address it connects to.
 *
 * <p>So such a request still goes through the runtime's OkHttp client as a body-less GET tagged
 * with its {@link Body}: every application interceptor (User-Agent, test fakes) sees it, the URL
 * rewrite and retries stay where they are, and {@code call::cancel} keeps its place in {@code
 * HttpRequester.execute}. This interceptor, installed last, then answers a tagged request itself
 * through Apache HttpClient 5 (already on the runtime class path for Docker), built from the OkHttp
 * client's own parts: its {@link Dns} (the egress guard's lookup), its socket factory (the guard's
 * check of the resolved address right before connecting), TLS socket factory and hostname verifier,
 * proxy, redirect rule and timeouts. The call timeout and a cancelled tool call abort the exchange,
 * body read included. Apache's own retries and cookies are off, as OkHttp's are here. Untagged
 * requests pass through untouched.
 */
final class GetWithBody implements Interceptor {
  /** The body of a GET or HEAD, which an OkHttp request cannot hold; travels as a request tag. */
  record Body(RequestBody body) {}

  private static final ScheduledExecutorService DEADLINES = deadlines();

  private final OkHttpClient base;
  private final AtomicBoolean sharedInUse = new AtomicBoolean();

  /** Built on the first tagged request: most requesters never send one. */
  private CloseableHttpClient shared; // guarded by sharedInUse

  private GetWithBody(OkHttpClient base) {
    this.base = base;
  }

  /**
   * {@code client} with this interceptor last. Install it on the final client (after any egress
   * guard), since it copies that client's lookup and sockets; an earlier one is replaced.
   */
  static OkHttpClient install(OkHttpClient client) {
    OkHttpClient.Builder b = client.newBuilder();
    b.interceptors().removeIf(i -> i instanceof GetWithBody);
    OkHttpClient without = b.build();
    return without.newBuilder().addInterceptor(new GetWithBody(without)).build();
  }

  /** The body a request carries: OkHttp's own, or the tagged one of a GET or HEAD. */
  static RequestBody bodyOf(Request request) {
    Body tagged = request.tag(Body.class);
    return tagged != null ? tagged.body() : request.body();
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Body tagged = request.tag(Body.class);
    if (tagged == null) {
      return chain.proceed(request);
    }
    if (chain.call().isCanceled()) {
      throw new IOException("Canceled");
    }
    // one pooled connection per requester; a concurrent exchange gets a client of its own
    boolean own = sharedInUse.compareAndSet(false, true);
    if (own && shared == null) {
      shared = apache(base);
    }
    CloseableHttpClient client = own ? shared : apache(base);
    HttpUriRequestBase out = outgoing(request, tagged.body(), chain.readTimeoutMillis());
    AtomicBoolean timedOut = new AtomicBoolean();
    AtomicBoolean aborted = new AtomicBoolean();
    Runnable abort =
        () -> {
          aborted.set(true);
          out.cancel();
        };
    long callTimeoutNanos = chain.call().timeout().timeoutNanos();
    ScheduledFuture<?> deadline =
        callTimeoutNanos > 0
            ? DEADLINES.schedule(
                () -> {
                  timedOut.set(true);
                  abort.run();
                },
                callTimeoutNanos,
                TimeUnit.NANOSECONDS)
            : null;
    CallScope.Registration stop = CallScope.current().onCancel(abort);
    AtomicBoolean released = new AtomicBoolean();
    Release release =
        (response, failed) -> {
          if (released.compareAndSet(false, true)) {
            stop.close();
            if (deadline != null) {
              deadline.cancel(false);
            }
            try {
              if (response != null) {
                response.close();
              }
            } finally {
              if (!own) {
                client.close();
              } else {
                if (failed || aborted.get()) {
                  // an aborted or failed exchange may leave the connection leased: start afresh
                  shared.close(CloseMode.IMMEDIATE);
                  shared = null;
                }
                sharedInUse.set(false);
              }
            }
          }
        };
    long sentAt = System.currentTimeMillis();
    ClassicHttpResponse in;
    try {
      in = client.executeOpen(null, out, null);
    } catch (IOException e) {
      release.close(null, true);
      throw timedOut.get() ? timeout(e) : e;
    } catch (RuntimeException e) {
      release.close(null, true);
      throw e;
    }
    try {
      return response(request, in, release, sentAt);
    } catch (IOException | RuntimeException e) {
      release.close(in, true);
      throw e;
    }
  }

  /** Frees what one exchange holds once its response body is closed (or it failed). */
  private interface Release {
    void close(ClassicHttpResponse response, boolean failed) throws IOException;
  }

  private static HttpUriRequestBase outgoing(
      Request request, RequestBody body, int readTimeoutMillis) throws IOException {
    HttpUriRequestBase out = new HttpUriRequestBase(request.method(), request.url().uri());
    MediaType type = body.contentType();
    Headers headers = request.headers();
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i).toLowerCase(Locale.ROOT);
      // Apache frames the body itself; the body's type wins over a header, as in OkHttp
      if (name.equals("content-length")
          || name.equals("transfer-encoding")
          || (type != null && name.equals("content-type"))) {
        continue;
      }
      out.addHeader(headers.name(i), headers.value(i));
    }
    if (type != null) {
      out.setHeader("Content-Type", type.toString()); // verbatim, as OkHttp sends it
    }
    Buffer bytes = new Buffer();
    body.writeTo(bytes);
    out.setEntity(new ByteArrayEntity(bytes.readByteArray(), null));
    out.setConfig(
        RequestConfig.custom()
            .setResponseTimeout(Timeout.ofMilliseconds(readTimeoutMillis))
            .build());
    return out;
  }

  private static Response response(
      Request request, ClassicHttpResponse answer, Release release, long sentAt)
      throws IOException {
    Headers.Builder headers = new Headers.Builder();
    for (Header h : answer.getHeaders()) {
      headers.addUnsafeNonAscii(h.getName(), h.getValue());
    }
    HttpEntity entity = answer.getEntity();
    InputStream content = entity == null ? InputStream.nullInputStream() : entity.getContent();
    InputStream closing =
        new FilterInputStream(content) {
          @Override
          public void close() throws IOException {
            try {
              super.close();
            } finally {
              release.close(answer, false);
            }
          }
        };
    MediaType type =
        entity == null || entity.getContentType() == null
            ? null
            : MediaType.parse(entity.getContentType());
    ResponseBody body =
        ResponseBody.create(
            Okio.buffer(Okio.source(closing)),
            type,
            entity == null ? 0 : entity.getContentLength());
    String reason = answer.getReasonPhrase();
    return new Response.Builder()
        .request(request)
        .protocol(Protocol.HTTP_1_1)
        .code(answer.getCode())
        .message(reason == null ? "" : reason)
        .headers(headers.build())
        .body(body)
        .sentRequestAtMillis(sentAt)
        .receivedResponseAtMillis(System.currentTimeMillis())
        .build();
  }

  /** OkHttp's word for a call that ran past its call timeout. */
  private static InterruptedIOException timeout(Exception cause) {
    InterruptedIOException e = new InterruptedIOException("timeout");
    e.initCause(cause);
    return e;
  }

  /**
   * Apache copies every header of the request onto a redirect (it refuses only one that carries
   * {@code Authorization} to another host), so a key in {@code X-Api-Key} would follow an open
   * redirect anywhere. A redirect is followed only within the request's site ({@link
   * CrossSiteRedirects#sameSite}); one to another site comes back as the answer, an HTTP error.
   */
  private static final DefaultRedirectStrategy SAME_SITE_REDIRECTS =
      new DefaultRedirectStrategy() {
        @Override
        public boolean isRedirectAllowed(
            HttpHost current, HttpHost next, HttpRequest redirect, HttpContext context) {
          return super.isRedirectAllowed(current, next, redirect, context)
              && CrossSiteRedirects.sameSite(url(current), url(next));
        }

        private HttpUrl url(HttpHost host) {
          return new HttpUrl.Builder()
              .scheme(host.getSchemeName())
              .host(host.getHostName())
              .build();
        }
      };

  /** An Apache client that connects the way {@code base} does. */
  private static CloseableHttpClient apache(OkHttpClient base) {
    Dns dns = base.dns();
    SocketFactory sockets = base.socketFactory();
    DnsResolver resolver =
        new DnsResolver() {
          @Override
          public InetAddress[] resolve(String host) throws UnknownHostException {
            return dns.lookup(host).toArray(new InetAddress[0]);
          }

          @Override
          public String resolveCanonicalHostname(String host) {
            return host;
          }
        };
    var tls = RegistryBuilder.<TlsSocketStrategy>create();
    try {
      tls.register(URIScheme.HTTPS.id, tls(base.sslSocketFactory(), base.hostnameVerifier()));
    } catch (IllegalStateException cleartextOnly) {
      // a client without TLS: an https URL fails as it would in OkHttp
    }
    BasicHttpClientConnectionManager connections =
        new BasicHttpClientConnectionManager(
            new DefaultHttpClientConnectionOperator(
                (Proxy socksProxy) -> sockets.createSocket(), null, resolver, tls.build()),
            null);
    connections.setConnectionConfig(
        ConnectionConfig.custom()
            .setConnectTimeout(Timeout.ofMilliseconds(base.connectTimeoutMillis()))
            .setSocketTimeout(Timeout.ofMilliseconds(base.readTimeoutMillis()))
            .build());
    var builder =
        HttpClients.custom()
            .setConnectionManager(connections)
            .setProxySelector(proxies(base))
            .disableAutomaticRetries()
            .disableCookieManagement()
            .disableAuthCaching();
    if (base.followRedirects()) {
      builder.setRedirectStrategy(SAME_SITE_REDIRECTS);
    } else {
      builder.disableRedirectHandling();
    }
    return builder.build();
  }

  /** OkHttp's proxy choice; a SOCKS proxy is not offered by Apache's classic client. */
  private static ProxySelector proxies(OkHttpClient base) {
    Proxy proxy = base.proxy();
    if (proxy == null) {
      return base.proxySelector();
    }
    if (proxy.type() == Proxy.Type.SOCKS) {
      throw new DeclarativeError(
          "A GET request with a body cannot be sent through the configured SOCKS proxy.", null);
    }
    return ProxySelector.of(
        proxy.type() == Proxy.Type.HTTP ? (InetSocketAddress) proxy.address() : null);
  }

  /** TLS over the guarded socket with OkHttp's socket factory and its hostname verifier. */
  private static TlsSocketStrategy tls(SSLSocketFactory factory, HostnameVerifier verifier) {
    return (socket, target, port, attachment, context) -> {
      SSLSocket s = (SSLSocket) factory.createSocket(socket, target, port, true);
      s.startHandshake();
      if (!verifier.verify(target, s.getSession())) {
        s.close();
        throw new SSLPeerUnverifiedException("Hostname " + target + " not verified");
      }
      return s;
    };
  }

  private static ScheduledExecutorService deadlines() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "get-with-body-deadlines");
              t.setDaemon(true);
              return t;
            });
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }
}
