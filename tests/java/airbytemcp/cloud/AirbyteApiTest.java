package airbytemcp.cloud;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.HttpClients;
import airbytemcp.common.Json;
import airbytemcp.config.Settings;
import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AirbyteApiTest {
  private static final String P = ApiConformance.PUBLIC_ROOT;

  @TempDir Path dir;
  private final FakeAirbyte fake = new FakeAirbyte();
  private final Masker masker = new Masker();

  @AfterEach
  void stop() {
    try {
      ApiConformance.assertAllConform(fake.server);
    } finally {
      fake.close();
    }
  }

  private AirbyteApi api(Map<String, String> env) {
    return fake.cloud(FakeAirbyte.settings(env, dir), masker).api();
  }

  private AirbyteApi api() {
    return api(fake.env(dir));
  }

  @Test
  void reusesOneTokenForManyCalls() {
    fake.token();
    fake.publicJson("GET", "/workspaces/" + FakeAirbyte.WORKSPACE, workspaceJson());
    AirbyteApi api = api();
    for (int i = 0; i < 3; i++) {
      api.get("/workspaces/" + FakeAirbyte.WORKSPACE, ApiQuery.of());
    }
    fake.server.verify(1, postRequestedFor(urlPathEqualTo(P + "/applications/token")));
    fake.server.verify(
        3,
        getRequestedFor(urlPathEqualTo(P + "/workspaces/" + FakeAirbyte.WORKSPACE))
            .withHeader("Authorization", equalTo("Bearer " + FakeAirbyte.TOKEN)));
  }

  @Test
  void sendsAConfiguredBearerTokenWithoutExchangingCredentials() {
    Map<String, String> env = fake.env(dir);
    env.remove("AIRBYTE_CLOUD_CLIENT_ID");
    env.remove("AIRBYTE_CLOUD_CLIENT_SECRET");
    env.put("AIRBYTE_CLOUD_BEARER_TOKEN", "Bearer my-bearer-token-77");
    fake.publicJson("GET", "/organizations", "{\"data\":[]}");
    api(env).get("/organizations", ApiQuery.of());
    fake.server.verify(0, postRequestedFor(urlPathEqualTo(P + "/applications/token")));
    fake.server.verify(
        getRequestedFor(urlPathEqualTo(P + "/organizations"))
            .withHeader("Authorization", equalTo("Bearer my-bearer-token-77")));
  }

  @Test
  void retriesAfter429HonouringRetryAfter() {
    fake.token();
    fake.server.stubFor(
        get(urlPathEqualTo(P + "/organizations"))
            .inScenario("rate")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7"))
            .willSetStateTo("open"));
    fake.server.stubFor(
        get(urlPathEqualTo(P + "/organizations"))
            .inScenario("rate")
            .whenScenarioStateIs("open")
            .willReturn(
                okJson(
                    "{\"data\":[{\"organizationId\":\""
                        + FakeAirbyte.ORGANIZATION
                        + "\",\"organizationName\":\"Acme\",\"email\":\"ops@acme.example\"}]}")));
    JsonNode answer = api().get("/organizations", ApiQuery.of());
    assertEquals("Acme", answer.path("data").get(0).path("organizationName").asText());
    assertEquals(List.of(Duration.ofSeconds(7)), fake.waits);
  }

  @Test
  void retriesAfterAServerErrorWithBackoff() {
    fake.token();
    fake.server.stubFor(
        get(urlPathEqualTo(P + "/organizations"))
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(500))
            .willSetStateTo("second"));
    fake.server.stubFor(
        get(urlPathEqualTo(P + "/organizations"))
            .inScenario("flaky")
            .whenScenarioStateIs("second")
            .willReturn(aResponse().withStatus(502))
            .willSetStateTo("ok"));
    fake.server.stubFor(
        get(urlPathEqualTo(P + "/organizations"))
            .inScenario("flaky")
            .whenScenarioStateIs("ok")
            .willReturn(okJson("{\"data\":[]}")));
    api().get("/organizations", ApiQuery.of());
    assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), fake.waits);
  }

  @Test
  void doesNotRepeatACreateAfterAServerError() {
    fake.token();
    fake.publicStatus("POST", "/sources", 503, "{\"detail\":\"unavailable\"}");
    CloudError error =
        assertThrows(
            CloudError.class,
            () ->
                api()
                    .post(
                        "/sources",
                        Json.object()
                            .put("name", "s")
                            .put("workspaceId", FakeAirbyte.WORKSPACE)
                            .set("configuration", Json.object().put("sourceType", "faker"))));
    assertEquals(503, error.status());
    fake.server.verify(1, postRequestedFor(urlPathEqualTo(P + "/sources")));
  }

  @Test
  void renewsTheTokenOnceAfterA401() {
    fake.server.stubFor(
        post(urlPathEqualTo(P + "/applications/token"))
            .inScenario("tokens")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                okJson(
                    "{\"access_token\":\"old-token-1234\",\"token_type\":\"Bearer\",\"expires_in\":180}"))
            .willSetStateTo("renewed"));
    fake.server.stubFor(
        post(urlPathEqualTo(P + "/applications/token"))
            .inScenario("tokens")
            .whenScenarioStateIs("renewed")
            .willReturn(
                okJson(
                    "{\"access_token\":\"new-token-5678\",\"token_type\":\"Bearer\",\"expires_in\":180}")));
    fake.server.stubFor(
        get(urlPathEqualTo(P + "/organizations"))
            .withHeader("Authorization", equalTo("Bearer old-token-1234"))
            .willReturn(aResponse().withStatus(401)));
    fake.server.stubFor(
        get(urlPathEqualTo(P + "/organizations"))
            .withHeader("Authorization", equalTo("Bearer new-token-5678"))
            .willReturn(okJson("{\"data\":[]}")));
    api().get("/organizations", ApiQuery.of());
    fake.server.verify(2, postRequestedFor(urlPathEqualTo(P + "/applications/token")));
    fake.server.verify(2, getRequestedFor(urlPathEqualTo(P + "/organizations")));
  }

  @Test
  void reportsRefusedCredentialsWithoutRevealingThem() {
    fake.publicStatus(
        "POST",
        "/applications/token",
        401,
        "{\"detail\":\"invalid client " + FakeAirbyte.CLIENT_SECRET + "\"}");
    CloudError error =
        assertThrows(CloudError.class, () -> api().get("/organizations", ApiQuery.of()));
    assertTrue(error.getMessage().contains("refused the client credentials"), error.getMessage());
    assertTrue(
        error.hint().contains("AIRBYTE_CLOUD_CLIENT_SECRET"),
        "expected AIRBYTE_CLOUD_CLIENT_SECRET in: " + error.hint());
    assertFalse(
        (error.getMessage() + error.hint()).contains(FakeAirbyte.CLIENT_SECRET),
        "did not expect " + FakeAirbyte.CLIENT_SECRET + " in (error.getMessage() + error.hint())");
  }

  @Test
  void masksSecretsThatAnErrorAnswerEchoes() {
    fake.token();
    fake.publicStatus(
        "PATCH",
        "/sources/" + FakeAirbyte.SOURCE,
        400,
        "{\"detail\":\"bad config for token "
            + FakeAirbyte.TOKEN
            + " and "
            + FakeAirbyte.CLIENT_ID
            + "\"}");
    CloudError error =
        assertThrows(
            CloudError.class,
            () -> api().patch("/sources/" + FakeAirbyte.SOURCE, Json.object().put("name", "x")));
    assertTrue(error.getMessage().contains("HTTP 400"), error.getMessage());
    assertFalse(
        error.getMessage().contains(FakeAirbyte.TOKEN),
        "did not expect " + FakeAirbyte.TOKEN + " in: " + error.getMessage());
    assertFalse(
        error.getMessage().contains(FakeAirbyte.CLIENT_ID),
        "did not expect " + FakeAirbyte.CLIENT_ID + " in: " + error.getMessage());
  }

  @Test
  void explainsNotFoundAndForbidden() {
    fake.token();
    fake.publicStatus(
        "GET", "/sources/" + FakeAirbyte.SOURCE, 404, "{\"detail\":\"no such source\"}");
    fake.publicStatus("GET", "/destinations/" + FakeAirbyte.DESTINATION, 403, "{}");
    AirbyteApi api = api();
    CloudError missing =
        assertThrows(
            CloudError.class, () -> api.get("/sources/" + FakeAirbyte.SOURCE, ApiQuery.of()));
    assertTrue(
        missing.getMessage().contains("HTTP 404") && missing.hint().contains("Check the id"),
        missing.getMessage() + " / hint: " + missing.hint());
    CloudError denied =
        assertThrows(
            CloudError.class,
            () -> api.get("/destinations/" + FakeAirbyte.DESTINATION, ApiQuery.of()));
    assertTrue(
        denied.getMessage().contains("HTTP 403") && denied.hint().contains("permission"),
        denied.getMessage() + " / hint: " + denied.hint());
  }

  @Test
  void pagesThroughListsWhileTheAnswerNamesANextPage() {
    fake.token();
    List<String> first = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      first.add(FakeAirbyte.source("s" + i));
    }
    fake.server.stubFor(
        get(urlPathEqualTo(P + "/sources"))
            .withQueryParam("offset", equalTo("0"))
            .willReturn(
                okJson(
                    "{\"data\":["
                        + String.join(",", first)
                        + "],\"next\":\""
                        + fake.publicRoot()
                        + "/sources?limit=100&offset=100\"}")));
    fake.server.stubFor(
        get(urlPathEqualTo(P + "/sources"))
            .withQueryParam("offset", equalTo("100"))
            .willReturn(okJson(FakeAirbyte.page(FakeAirbyte.source("last")))));
    List<JsonNode> all =
        api()
            .list(
                "/sources",
                ApiQuery.of().add("workspaceIds", FakeAirbyte.WORKSPACE),
                Optional.empty());
    assertEquals(101, all.size());
    assertEquals("last", all.get(100).path("name").asText());
    fake.server.verify(
        getRequestedFor(urlPathEqualTo(P + "/sources"))
            .withQueryParam("limit", equalTo("100"))
            .withQueryParam("offset", equalTo("100"))
            .withQueryParam("workspaceIds", equalTo(FakeAirbyte.WORKSPACE)));
  }

  @Test
  void stopsPagingAtTheRequestedMaximum() {
    fake.token();
    fake.publicJson(
        "GET",
        "/sources",
        "{\"data\":["
            + FakeAirbyte.source("a")
            + ","
            + FakeAirbyte.source("b")
            + "],\"next\":\""
            + fake.publicRoot()
            + "/sources?limit=2&offset=2\"}");
    assertEquals(2, api().list("/sources", ApiQuery.of(), Optional.of(2)).size());
    fake.server.verify(
        1, getRequestedFor(urlPathEqualTo(P + "/sources")).withQueryParam("limit", equalTo("2")));
  }

  @Test
  void sendsConfigApiCallsToTheSelfManagedConfigRoot() {
    fake.token();
    fake.configJson("/jobs/get", "{\"job\":{\"id\":1},\"attempts\":[]}");
    Settings settings = FakeAirbyte.settings(fake.env(dir), dir);
    assertEquals(fake.server.baseUrl() + "/api/v1", settings.cloud().configApiUrl());
    fake.cloud(settings, masker).api().config("/jobs/get", Json.object().put("id", 1));
    fake.server.verify(
        postRequestedFor(urlPathEqualTo("/api/v1/jobs/get"))
            .withHeader("Authorization", equalTo("Bearer " + FakeAirbyte.TOKEN)));
    fake.server.verify(postRequestedFor(urlPathEqualTo("/api/public/v1/applications/token")));
  }

  @Test
  void retriesWhenAirbyteCannotBeReachedThenSaysWhatToCheck() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Map<String, String> env = fake.env(dir);
    env.remove("AIRBYTE_CLOUD_CLIENT_ID");
    env.remove("AIRBYTE_CLOUD_CLIENT_SECRET");
    env.put("AIRBYTE_CLOUD_BEARER_TOKEN", "some-bearer-token");
    env.put("AIRBYTE_CLOUD_API_URL", "http://127.0.0.1:" + closedPort + "/api/public/v1");
    List<Duration> waits = new ArrayList<>();
    Settings settings = FakeAirbyte.settings(env, dir);
    AirbyteApi api =
        new AirbyteApi(
            settings.cloud(),
            masker,
            HttpClients.shared(),
            new RetryPolicy(3, Duration.ofMillis(5), Duration.ofSeconds(1)),
            Clock.systemUTC(),
            waits::add);
    CloudError error =
        assertThrows(CloudError.class, () -> api.get("/organizations", ApiQuery.of()));
    assertTrue(error.getMessage().startsWith("Could not reach Airbyte"), error.getMessage());
    assertTrue(
        error.hint().contains("AIRBYTE_CLOUD_API_URL"),
        "expected AIRBYTE_CLOUD_API_URL in: " + error.hint());
    assertEquals(2, waits.size());
  }

  @Test
  void refusesBearerTokenTogetherWithClientCredentialsBeforeAnyRequest() {
    Map<String, String> env = fake.env(dir);
    env.put("AIRBYTE_CLOUD_BEARER_TOKEN", "some-bearer-token");
    CloudError error =
        assertThrows(CloudError.class, () -> api(env).get("/organizations", ApiQuery.of()));
    assertTrue(
        error.getMessage().contains("Both AIRBYTE_CLOUD_BEARER_TOKEN and client credentials"),
        "expected Both AIRBYTE_CLOUD_BEARER_TOKEN and client credentials in: "
            + error.getMessage());
    assertTrue(fake.server.getAllServeEvents().isEmpty());
  }

  private static String workspaceJson() {
    return "{\"workspaceId\":\""
        + FakeAirbyte.WORKSPACE
        + "\",\"name\":\"Main\",\"dataResidency\":\"auto\",\"notifications\":{}}";
  }
}
