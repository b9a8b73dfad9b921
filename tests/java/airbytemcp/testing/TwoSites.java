package airbytemcp.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import airbytemcp.network.EgressPolicy;
import airbytemcp.network.EgressRules;
import airbytemcp.network.GuardedHttp;
import com.github.tomakehurst.wiremock.WireMockServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Two sites for redirect tests, both on loopback: the {@link #vendor} a request is for (reached as
 * 127.0.0.1, answering {@code /final}), and an {@link #other} site (reached as localhost, answering
 * anything) that an open redirect on the vendor could point at.
 */
public final class TwoSites implements BeforeEachCallback, AfterEachCallback {
  public final WireMockServer vendor = new WireMockServer(options().dynamicPort());
  public final WireMockServer other = new WireMockServer(options().dynamicPort());

  @Override
  public void beforeEach(ExtensionContext context) {
    vendor.start();
    other.start();
    other.stubFor(any(anyUrl()).willReturn(aResponse().withBody("{}")));
    vendor.stubFor(any(urlPathEqualTo("/final")).willReturn(aResponse().withBody("{}")));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    vendor.stop();
    other.stop();
  }

  /** The vendor's {@code /items} answers {@code status} with a redirect to {@code location}. */
  public void redirectItems(int status, String location) {
    vendor.stubFor(
        any(urlPathEqualTo("/items"))
            .willReturn(aResponse().withStatus(status).withHeader("Location", location)));
  }

  /** The declarative runtime's client (its egress guard included) with both sites listed. */
  public static OkHttpClient guardedClient() {
    return GuardedHttp.guard(
        new OkHttpClient(), EgressPolicy.of(EgressRules.parse("127.0.0.1,localhost")));
  }

  /** The vendor's {@code /items}. */
  public String itemsUrl() {
    return "http://127.0.0.1:" + vendor.port() + "/items";
  }

  /** A URL of the other site. */
  public String otherUrl(String path) {
    return "http://localhost:" + other.port() + path;
  }
}
