package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;

import airbytemcp.network.EgressPolicy;
import airbytemcp.network.EgressRules;
import airbytemcp.network.GuardedHttp;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A GET with a body goes out through Apache's client, which follows redirects itself and copies
 * every header onto them. It follows one only within the request's site, so an open redirect on a
 * vendor's site cannot carry an {@code X-Api-Key} elsewhere. The "vendor" is 127.0.0.1, the "other
 * site" localhost.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GetWithBodyRedirectsTest {
  private static final String KEY = "vendor-key-8Rw2";

  private final WireMockServer vendor = new WireMockServer(options().dynamicPort());
  private final WireMockServer other = new WireMockServer(options().dynamicPort());

  @BeforeEach
  void start() {
    vendor.start();
    other.start();
    other.stubFor(any(anyUrl()).willReturn(aResponse().withBody("{}")));
    vendor.stubFor(any(urlPathEqualTo("/final")).willReturn(aResponse().withBody("{}")));
  }

  @AfterEach
  void stop() {
    vendor.stop();
    other.stop();
  }

  /** The status of a GET with a body and a key header to the vendor's /items. */
  private int getWithBody() throws IOException {
    OkHttpClient client =
        GetWithBody.install(
            GuardedHttp.guard(
                new OkHttpClient(), EgressPolicy.of(EgressRules.parse("127.0.0.1,localhost"))));
    Request request =
        new Request.Builder()
            .url("http://127.0.0.1:" + vendor.port() + "/items")
            .header("X-Api-Key", KEY)
            .tag(
                GetWithBody.Body.class,
                new GetWithBody.Body(
                    RequestBody.create("{\"q\":1}", MediaType.get("application/json"))))
            .build();
    try (Response response = client.newCall(request).execute()) {
      return response.code();
    }
  }

  private void redirectTo(String location) {
    vendor.stubFor(
        any(urlPathEqualTo("/items"))
            .willReturn(aResponse().withStatus(307).withHeader("Location", location)));
  }

  @Test
  void aRedirectToAnotherSiteIsNotFollowed() throws IOException {
    redirectTo("http://localhost:" + other.port() + "/collect");
    assertEquals(307, getWithBody(), "the redirect comes back as the answer");
    assertEquals(
        0,
        other.findAll(anyRequestedFor(anyUrl())).size(),
        "the other site got the request and its key header");
  }

  @Test
  void aRedirectWithinTheSiteIsFollowedWithItsHeaders() throws IOException {
    redirectTo("/final");
    assertEquals(200, getWithBody(), "a same-site redirect is followed");
    assertEquals(
        KEY,
        vendor.findAll(anyRequestedFor(urlPathEqualTo("/final"))).get(0).getHeader("X-Api-Key"));
  }
}
