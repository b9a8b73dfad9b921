package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import airbytemcp.testing.TwoSites;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A GET with a body goes out through Apache's client, which follows redirects itself and copies
 * every header onto them. It follows one only within the request's site, so an open redirect on a
 * vendor's site cannot carry an {@code X-Api-Key} elsewhere. The "vendor" is 127.0.0.1, the "other
 * site" localhost.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GetWithBodyRedirectsTest {
  private static final String KEY = "vendor-key-8Rw2";

  @RegisterExtension final TwoSites sites = new TwoSites();

  /** The status of a GET with a body and a key header to the vendor's /items. */
  private int getWithBody() throws IOException {
    OkHttpClient client = GetWithBody.install(TwoSites.guardedClient());
    Request request =
        new Request.Builder()
            .url(sites.itemsUrl())
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

  @Test
  void aRedirectToAnotherSiteIsNotFollowed() throws IOException {
    sites.redirectItems(307, sites.otherUrl("/collect"));
    assertEquals(307, getWithBody(), "the redirect comes back as the answer");
    assertEquals(
        0,
        sites.other.findAll(anyRequestedFor(anyUrl())).size(),
        "the other site got the request and its key header");
  }

  @Test
  void aRedirectWithinTheSiteIsFollowedWithItsHeaders() throws IOException {
    sites.redirectItems(307, "/final");
    assertEquals(200, getWithBody(), "a same-site redirect is followed");
    assertEquals(
        KEY,
        sites
            .vendor
            .findAll(anyRequestedFor(urlPathEqualTo("/final")))
            .get(0)
            .getHeader("X-Api-Key"));
  }
}
