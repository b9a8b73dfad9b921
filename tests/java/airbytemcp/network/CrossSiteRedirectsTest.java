package airbytemcp.network;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.testing.TwoSites;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A redirect from the vendor's site to another one (an open redirect an attacker found) carries
 * none of the request's own headers, where connectors put API keys; a redirect within the site
 * keeps them. The "vendor" listens on 127.0.0.1, the "other site" on localhost: two hosts, both
 * loopback.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CrossSiteRedirectsTest {
  private static final String KEY = "vendor-key-5Tq8";

  @RegisterExtension final TwoSites sites = new TwoSites();

  private void fetchItems() throws IOException {
    Request request =
        new Request.Builder()
            .url(sites.itemsUrl())
            .header("X-Api-Key", KEY)
            .header("Authorization", "Bearer " + KEY)
            .header("Accept", "application/json")
            .build();
    try (Response response = TwoSites.guardedClient().newCall(request).execute()) {
      assertEquals(200, response.code(), "the redirect should be followed");
    }
  }

  @Test
  void aRedirectToAnotherSiteCarriesNoneOfTheRequestsOwnHeaders() throws IOException {
    sites.redirectItems(302, sites.otherUrl("/collect"));
    fetchItems();
    List<LoggedRequest> got = sites.other.findAll(getRequestedFor(urlPathEqualTo("/collect")));
    assertEquals(1, got.size(), "the redirect should reach the other site");
    assertNull(got.get(0).getHeader("X-Api-Key"), "the API key header followed the redirect");
    assertNull(got.get(0).getHeader("Authorization"), "the Authorization header followed");
    assertEquals("application/json", got.get(0).getHeader("Accept"), "plain headers stay");
  }

  @Test
  void aRedirectThatWouldResendABodyToAnotherSiteIsNotFollowed() {
    sites.redirectItems(307, sites.otherUrl("/collect"));
    Request refresh =
        new Request.Builder()
            .url(sites.itemsUrl())
            .post(RequestBody.create("client_secret=" + KEY, MediaType.get("text/plain")))
            .build();
    IOException refused =
        assertThrows(
            IOException.class, () -> TwoSites.guardedClient().newCall(refresh).execute().close());
    assertTrue(refused.getMessage().contains("not followed"), "the error says why: " + refused);
    assertEquals(0, sites.other.getAllServeEvents().size(), "the body reached the other site");
  }

  @Test
  void aRedirectThatResendsABodyWithinTheSiteIsFollowed() throws IOException {
    sites.redirectItems(307, "/final");
    Request post =
        new Request.Builder()
            .url(sites.itemsUrl())
            .post(RequestBody.create("a=1", MediaType.get("text/plain")))
            .build();
    try (Response response = TwoSites.guardedClient().newCall(post).execute()) {
      assertEquals(200, response.code(), "a same-site 307 is followed: " + response);
    }
  }

  @Test
  void aRedirectWithinTheSiteKeepsThem() throws IOException {
    sites.redirectItems(302, "/final");
    fetchItems();
    LoggedRequest got = sites.vendor.findAll(getRequestedFor(urlPathEqualTo("/final"))).get(0);
    assertEquals(KEY, got.getHeader("X-Api-Key"), "the same host keeps the key");
  }

  @Test
  void hostsUnderOneRegistrableDomainAreOneSiteAndHttpsToHttpIsNot() {
    HttpUrl api = HttpUrl.get("https://api.vendor.com/v1");
    assertTrue(CrossSiteRedirects.sameSite(api, HttpUrl.get("https://eu.vendor.com/v1")));
    assertFalse(CrossSiteRedirects.sameSite(api, HttpUrl.get("https://vendor.com.evil.io/")));
    assertFalse(CrossSiteRedirects.sameSite(api, HttpUrl.get("http://api.vendor.com/v1")));
    assertFalse(
        CrossSiteRedirects.sameSite(
            HttpUrl.get("https://a.github.io/"), HttpUrl.get("https://b.github.io/")),
        "a public suffix is no site");
  }
}
