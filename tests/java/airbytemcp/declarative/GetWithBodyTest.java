package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.CallScope;
import airbytemcp.common.Json;
import airbytemcp.network.EgressRules;
import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A GET whose requester declares a body ({@code request_body_json}, {@code request_body_data})
 * reaches the API with that body, as the CDK sends it, and keeps what every request of the runtime
 * has: the client's interceptors, the egress rules checked before any socket opens, the read
 * timeout, and a cancelled tool call stopping it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GetWithBodyTest {
  @RegisterExtension final FakeApi api = new FakeApi();
  private final List<Duration> sleeps = new ArrayList<>();
  private final ExecutorService worker = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopWorker() {
    worker.shutdownNow();
  }

  private static Manifest manifest(String urlBase, String requesterFields) {
    return new ManifestLoader(null, Optional::empty)
        .fromText(
            "get-with-body",
            TestManifests.source(
                "items",
                "",
                TestManifests.stream(
                    "items",
                    "      requester:\n"
                        + "        type: HttpRequester\n"
                        + "        url_base: \""
                        + urlBase
                        + "\"\n"
                        + "        path: /items\n"
                        + "        http_method: GET\n"
                        + requesterFields
                        + "      record_selector: {type: RecordSelector, extractor:"
                        + " {type: DpathExtractor, field_path: [items]}}\n",
                    "")));
  }

  private List<JsonNode> read(Manifest manifest, RuntimeOptions options, JsonNode config) {
    return FakeApi.read(
            DeclarativeConnector.of(manifest, options),
            config,
            FakeApi.catalog("full_refresh", "items"),
            null)
        .records("items");
  }

  @Test
  void requestBodyJsonOnAGetReachesTheApi() {
    api.server.stubFor(
        get(urlPathEqualTo("/items"))
            .withRequestBody(equalToJson("{\"query\": {\"owner\": \"ada\"}, \"limit\": 50}"))
            .willReturn(okJson("{\"items\": [{\"id\": 1}]}")));
    List<JsonNode> records =
        read(
            manifest(
                "https://api.example.com",
                "        request_body_json: {query: {owner: '{{ config.owner }}'}, limit: 50}\n"),
            api.options(),
            Json.object().put("owner", "ada"));
    assertEquals(1, records.size(), "the API answers only a GET with the templated JSON body");
  }

  @Test
  void requestBodyDataOnAGetReachesTheApiAsAForm() {
    api.server.stubFor(
        get(urlPathEqualTo("/items"))
            .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
            .withRequestBody(equalTo("kind=open&owner=ada"))
            .willReturn(okJson("{\"items\": [{\"id\": 1}]}")));
    List<JsonNode> records =
        read(
            manifest(
                "https://api.example.com",
                "        request_body_data: {kind: open, owner: '{{ config.owner }}'}\n"),
            api.options(),
            Json.object().put("owner", "ada"));
    assertEquals(1, records.size(), "the API answers only a GET with the form body");
  }

  @Test
  void requestBodyDataAsTextOnAGetReachesTheApiVerbatim() {
    api.server.stubFor(
        get(urlPathEqualTo("/items"))
            .withRequestBody(equalTo("select * from items"))
            .willReturn(okJson("{\"items\": [{\"id\": 1}]}")));
    List<JsonNode> records =
        read(
            manifest("https://api.example.com", "        request_body_data: select * from items\n"),
            api.options(),
            Json.object());
    assertEquals(1, records.size(), "the API answers only a GET with the text body");
  }

  @Test
  void theClientsInterceptorsSeeAGetWithABody() {
    api.server.stubFor(
        get(urlPathEqualTo("/items")).willReturn(okJson("{\"items\": [{\"id\": 1}]}")));
    OkHttpClient marking =
        new OkHttpClient.Builder()
            .addInterceptor(
                chain ->
                    chain.proceed(chain.request().newBuilder().header("X-Marked", "yes").build()))
            .build();
    read(
        manifest("https://api.example.com", "        request_body_json: {a: 1}\n"),
        api.options().withHttp(marking),
        Json.object());
    api.server.verify(
        1,
        getRequestedFor(urlPathEqualTo("/items"))
            .withHeader("X-Marked", equalTo("yes"))
            .withRequestBody(equalToJson("{\"a\": 1}")));
  }

  private DeclarativeConnector guarded(int port, String registryHosts, String egressHosts) {
    RuntimeOptions options =
        new RuntimeOptions(new OkHttpClient(), new Masker(), u -> u, sleeps::add);
    return DeclarativeConnector.guarded(
        manifest("http://127.0.0.1:" + port, "        request_body_json: {a: 1}\n"),
        options,
        new EgressGuard(
            EgressRules.parse(egressHosts),
            registryHosts == null ? null : Json.parse(registryHosts)));
  }

  /** Whether anything connected to {@code server} (it never accepts otherwise). */
  private static boolean connected(ServerSocket server) throws IOException {
    server.setSoTimeout(300);
    try (Socket s = server.accept()) {
      return true;
    } catch (SocketTimeoutException none) {
      return false;
    }
  }

  @Test
  void anUnlistedLoopbackHostIsRefusedBeforeAnySocketOpens() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      ObjectNode result = guarded(server.getLocalPort(), null, "").check(Json.object());
      assertEquals("FAILED", result.path("status").asText(), result.toString());
      assertTrue(
          result.path("message").asText().contains("AIRBYTE_MCP_EGRESS_HOSTS"), result.toString());
      assertEquals(List.of(), sleeps, "a refusal is not retried");
      assertTrue(!connected(server), "no connection may reach the host");
    }
  }

  @Test
  void aHostOutsideTheRegistryAllowedHostsIsRefusedBeforeAnySocketOpens() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      ObjectNode result =
          guarded(server.getLocalPort(), "{\"hosts\": [\"api.example.com\"]}", "127.0.0.1")
              .check(Json.object());
      assertEquals("FAILED", result.path("status").asText(), result.toString());
      assertTrue(result.path("message").asText().contains("allowedHosts"), result.toString());
      assertTrue(!connected(server), "no connection may reach the host");
    }
  }

  @Test
  void aListedHostGetsTheGetWithItsBody() {
    WireMockServer listed = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    listed.start();
    try {
      listed.stubFor(
          get(urlPathEqualTo("/items"))
              .withRequestBody(equalToJson("{\"a\": 1}"))
              .willReturn(okJson("{\"items\": [{\"id\": 1}]}")));
      ObjectNode result = guarded(listed.port(), null, "127.0.0.1").check(Json.object());
      assertEquals("SUCCEEDED", result.path("status").asText(), result.toString());
    } finally {
      listed.stop();
    }
  }

  /** Reads one request (head and Content-Length body) from a connection that is never answered. */
  private static String readRequest(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  @Test
  void aCancelledCallStopsAGetWithABodyWhileItWaitsForTheApi() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      Manifest m =
          manifest(
              "http://127.0.0.1:" + server.getLocalPort(), "        request_body_json: {a: 1}\n");
      RuntimeOptions options =
          new RuntimeOptions(new OkHttpClient(), new Masker(), u -> u, sleeps::add);
      AtomicReference<CallScope> scope = new AtomicReference<>();
      Future<Throwable> run =
          worker.submit(
              () -> {
                try (CallScope s = CallScope.open()) {
                  scope.set(s);
                  read(m, options, Json.object());
                  return null;
                } catch (RuntimeException e) {
                  return e;
                }
              });
      server.setSoTimeout(20_000);
      try (Socket connection = server.accept()) {
        String request = readRequest(connection);
        assertTrue(request.startsWith("GET /items "), "a GET reached the API: " + request);
        assertTrue(request.endsWith("{\"a\":1}"), "with its body: " + request);
        scope.get().cancel();
        Throwable thrown = run.get(5, TimeUnit.SECONDS);
        assertInstanceOf(DeclarativeError.class, thrown, "the read stops with an error");
        assertTrue(
            thrown.getMessage().contains("cancelled"), "it says it was cancelled: " + thrown);
      }
      assertEquals(List.of(), sleeps, "a cancelled call is not retried");
    }
  }

  /** Reads with {@code client} from an API that accepts connections and never answers. */
  private Throwable readFromASilentApi(OkHttpClient client) throws Exception {
    try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      Manifest m =
          manifest(
              "http://127.0.0.1:" + server.getLocalPort(), "        request_body_json: {a: 1}\n");
      RuntimeOptions options = new RuntimeOptions(client, new Masker(), u -> u, sleeps::add);
      List<Socket> held = new ArrayList<>();
      Future<Throwable> run =
          worker.submit(
              () -> {
                try {
                  read(m, options, Json.object());
                  return null;
                } catch (RuntimeException e) {
                  return e;
                }
              });
      server.setSoTimeout(10_000);
      try {
        while (!run.isDone()) {
          try {
            held.add(server.accept()); // accepted, read by no one, never answered
          } catch (SocketTimeoutException e) {
            break;
          }
          server.setSoTimeout(2_000);
        }
        return run.get(10, TimeUnit.SECONDS);
      } finally {
        for (Socket s : held) {
          s.close();
        }
      }
    }
  }

  @Test
  void theClientsReadTimeoutEndsAGetWithABodyTheApiNeverAnswers() throws Exception {
    Throwable thrown =
        readFromASilentApi(new OkHttpClient.Builder().readTimeout(Duration.ofMillis(300)).build());
    assertInstanceOf(DeclarativeError.class, thrown, "the read fails: " + thrown);
    assertTrue(
        thrown.getMessage().toLowerCase(Locale.ROOT).contains("timed out"),
        "it names the timeout: " + thrown.getMessage());
    assertEquals(5, sleeps.size(), "timeouts are retried like other network errors");
  }

  @Test
  void theClientsCallTimeoutEndsAGetWithABodyTheApiNeverAnswers() throws Exception {
    // the read timeout alone would hold each of the six attempts for a minute
    Throwable thrown =
        readFromASilentApi(
            new OkHttpClient.Builder()
                .readTimeout(Duration.ofMinutes(1))
                .callTimeout(Duration.ofMillis(300))
                .build());
    assertInstanceOf(DeclarativeError.class, thrown, "the read fails: " + thrown);
    assertTrue(
        thrown.getMessage().contains("failed: timeout"),
        "it fails as OkHttp's call timeout does: " + thrown.getMessage());
    assertEquals(5, sleeps.size(), "timeouts are retried like other network errors");
  }

  /** An HTTPS API on loopback whose self-signed certificate the client trusts. */
  private static WireMockServer httpsApi() {
    WireMockServer server =
        new WireMockServer(
            options().httpDisabled(true).dynamicHttpsPort().bindAddress("127.0.0.1"));
    server.start();
    server.stubFor(
        get(urlPathEqualTo("/items"))
            .withRequestBody(equalToJson("{\"a\": 1}"))
            .willReturn(okJson("{\"items\": [{\"id\": 1}]}")));
    return server;
  }

  /** A client trusting any certificate, so the test decides through the hostname verifier. */
  private static OkHttpClient trusting(HostnameVerifier verifier) throws Exception {
    X509TrustManager any =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, new TrustManager[] {any}, null);
    return new OkHttpClient.Builder()
        .sslSocketFactory(tls.getSocketFactory(), any)
        .hostnameVerifier(verifier)
        .build();
  }

  @Test
  void aGetWithABodyGoesOverTlsWithTheClientsSocketFactoryAndVerifier() throws Exception {
    WireMockServer server = httpsApi();
    try {
      Manifest m =
          manifest(
              "https://localhost:" + server.httpsPort(), "        request_body_json: {a: 1}\n");
      List<JsonNode> records =
          read(
              m,
              new RuntimeOptions(
                  trusting((host, session) -> host.equals("localhost")),
                  new Masker(),
                  u -> u,
                  sleeps::add),
              Json.object());
      assertEquals(1, records.size(), "the HTTPS API answered the GET with its body");
      DeclarativeError refused =
          assertThrows(
              DeclarativeError.class,
              () ->
                  read(
                      m,
                      new RuntimeOptions(
                          trusting((host, session) -> false), new Masker(), u -> u, sleeps::add),
                      Json.object()));
      assertTrue(
          refused.getMessage().contains("not verified"),
          "the client's hostname verifier decides: " + refused.getMessage());
    } finally {
      server.stop();
    }
  }
}
