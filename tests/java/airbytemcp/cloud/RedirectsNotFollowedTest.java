package airbytemcp.cloud;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.secrets.Masker;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests to Airbyte carry the client secret, tokens and resolved secrets, so a redirect in an
 * answer (a misconfigured proxy in front of a self-managed Airbyte, an open redirect) is reported,
 * never followed: with a 307 or 308 the body would otherwise go to whatever host the answer names.
 */
@Timeout(60)
class RedirectsNotFollowedTest {
  private static final String RESOLVED_SECRET = "resolved-dotenv-value-7Qx2";

  @TempDir Path dir;
  private final FakeAirbyte airbyte = new FakeAirbyte();
  private final WireMockServer elsewhere = new WireMockServer(options().dynamicPort());

  @BeforeEach
  void startElsewhere() {
    elsewhere.start();
    elsewhere.stubFor(any(anyUrl()).willReturn(okJson("{\"access_token\":\"other\"}")));
  }

  @AfterEach
  void stop() {
    airbyte.close();
    elsewhere.stop();
  }

  private AirbyteApi api() {
    return airbyte.cloud(FakeAirbyte.settings(airbyte.env(dir), dir), new Masker()).api();
  }

  private void redirect(String path, int status) {
    airbyte.server.stubFor(
        post(urlPathEqualTo(ApiConformance.PUBLIC_ROOT + path))
            .willReturn(
                aResponse().withStatus(status).withHeader("Location", elsewhere.baseUrl() + path)));
  }

  @Test
  void aRedirectedTokenExchangeSendsTheClientSecretNowhereElse() {
    redirect("/applications/token", 307);

    CloudError e =
        assertThrows(
            CloudError.class,
            () -> api().get("/workspaces/" + FakeAirbyte.WORKSPACE, ApiQuery.of()));

    assertEquals(0, elsewhere.getAllServeEvents().size(), "the redirect target got a request");
    assertTrue(
        e.getMessage().contains("redirect (HTTP 307)")
            && e.getMessage().contains(":" + elsewhere.port()),
        "the error should name the redirect and where it pointed: " + e.getMessage());
    assertFalse(e.getMessage().contains(FakeAirbyte.CLIENT_SECRET), e.getMessage());
  }

  @Test
  void aRedirectedCreateSendsTheConfigNowhereElse() {
    airbyte.token();
    redirect("/sources", 308);

    CloudError e =
        assertThrows(
            CloudError.class,
            () ->
                api()
                    .post(
                        "/sources",
                        Json.object()
                            .put("name", "s")
                            .set("configuration", Json.object().put("api_key", RESOLVED_SECRET))));

    assertEquals(0, elsewhere.getAllServeEvents().size(), "the redirect target got the config");
    assertEquals(308, e.status(), "the error should carry the redirect's status");
    assertTrue(
        e.hint().contains("AIRBYTE_CLOUD_API_URL"), "the hint should name the setting to fix");
  }

  @Test
  void aRedirectToTheSameHostIsNotFollowedEither() {
    airbyte.token();
    airbyte.server.stubFor(
        post(urlPathEqualTo(ApiConformance.PUBLIC_ROOT + "/sources"))
            .willReturn(aResponse().withStatus(301).withHeader("Location", "/elsewhere")));

    CloudError e =
        assertThrows(CloudError.class, () -> api().post("/sources", Json.object().put("n", 1)));

    assertEquals(
        0,
        airbyte.server.findAll(anyRequestedFor(urlPathEqualTo("/elsewhere"))).size(),
        "the redirect should not be followed, not even on the same host");
    assertTrue(e.getMessage().contains("HTTP 301"), e.getMessage());
  }
}
