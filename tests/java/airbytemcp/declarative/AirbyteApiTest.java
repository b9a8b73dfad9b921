package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * source-airbyte: session token login, cursor pagination by URL, a substream with per-partition
 * incremental state.
 */
class AirbyteApiTest {
  @RegisterExtension final FakeApi api = new FakeApi();
  private static final JsonNode CONFIG =
      Json.parse(
          "{\"client_id\": \"cid-4711\", \"client_secret\": \"csecret-90210-abc\", \"start_date\": \"2024-01-01T00:00:00Z\"}");

  private static String connection(String id) {
    return "{\"connectionId\": \""
        + id
        + "\", \"name\": \"conn "
        + id
        + "\", \"sourceId\": \"s\", \"destinationId\": \"d\","
        + " \"workspaceId\": \"w1\", \"status\": \"active\", \"schedule\": {\"scheduleType\": \"manual\"}}";
  }

  private static String job(long id, String conn, String updated) {
    return "{\"jobId\": "
        + id
        + ", \"status\": \"succeeded\", \"jobType\": \"sync\", \"connectionId\": \""
        + conn
        + "\","
        + " \"startTime\": \"2024-02-01T00:00:00Z\""
        + (updated == null ? "" : ", \"lastUpdatedAt\": \"" + updated + "\"")
        + "}";
  }

  @BeforeEach
  void fakeAirbyteApi() {
    api.server.stubFor(
        post(urlPathMatching("/v1/applications/+token"))
            .withRequestBody(
                equalToJson(
                    "{\"client_id\": \"cid-4711\", \"client_secret\": \"csecret-90210-abc\", \"grant-type\": \"client_credentials\"}"))
            .willReturn(
                okJson(
                    "{\"access_token\": \"session-token-31337\", \"token_type\": \"Bearer\", \"expires_in\": 180}")));
    api.server.stubFor(
        get(urlPathEqualTo("/v1/connections"))
            .withQueryParam("offset", absent())
            .withHeader("Authorization", equalTo("Bearer session-token-31337"))
            .willReturn(
                okJson(
                    "{\"data\": ["
                        + connection("c1")
                        + ","
                        + connection("c2")
                        + "],"
                        + " \"next\": \"https://api.airbyte.com/v1/connections?offset=2\"}")));
    api.server.stubFor(
        get(urlPathEqualTo("/v1/connections"))
            .withQueryParam("offset", equalTo("2"))
            .withHeader("Authorization", equalTo("Bearer session-token-31337"))
            .willReturn(okJson("{\"data\": [" + connection("c3") + "]}")));
    api.server.stubFor(
        get(urlPathEqualTo("/v1/jobs"))
            .withQueryParam("connectionId", equalTo("c1"))
            .willReturn(
                okJson(
                    "{\"data\": ["
                        + job(1, "c1", "2024-02-01T10:00:00Z")
                        + ","
                        + job(2, "c1", null)
                        + ","
                        + job(3, "c1", "2024-03-05T08:30:00Z")
                        + "]}")));
    api.server.stubFor(
        get(urlPathEqualTo("/v1/jobs"))
            .withQueryParam("connectionId", equalTo("c2"))
            .willReturn(okJson("{\"data\": [" + job(4, "c2", "2024-02-10T00:00:00Z") + "]}")));
    api.server.stubFor(
        get(urlPathEqualTo("/v1/jobs"))
            .withQueryParam("connectionId", equalTo("c3"))
            .willReturn(okJson("{\"data\": []}")));
    api.server.stubFor(
        get(urlPathEqualTo("/v1/workspaces"))
            .willReturn(
                okJson(
                    "{\"data\": [{\"workspaceId\": \"w1\", \"name\": \"Main\", \"dataResidency\": \"auto\"}]}")));
  }

  @Test
  void connectionsFollowTheNextUrlWithTheSessionToken() {
    FakeApi.Output out =
        FakeApi.read(
            api.connector("source-airbyte"),
            CONFIG,
            FakeApi.catalog("full_refresh", "Connections"),
            null);
    assertEquals(
        List.of("c1", "c2", "c3"),
        out.records("Connections").stream().map(r -> r.path("connectionId").asText()).toList());
    api.server.verify(1, postRequestedFor(urlPathMatching("/v1/applications/+token")));
  }

  @Test
  void jobsArePartitionedByConnectionFilteredAndKeepStatePerPartition() {
    FakeApi.Output out =
        FakeApi.read(
            api.connector("source-airbyte"), CONFIG, FakeApi.catalog("incremental", "Jobs"), null);
    assertEquals(
        List.of(1L, 3L, 4L),
        out.records("Jobs").stream().map(r -> r.path("jobId").asLong()).toList());
    api.server.verify(
        getRequestedFor(urlPathEqualTo("/v1/jobs"))
            .withQueryParam("connectionId", equalTo("c1"))
            .withQueryParam("offset", equalTo("0"))
            .withQueryParam("limit", equalTo("100"))
            .withQueryParam("updatedAtStart", equalTo("2024-01-01T00:00:00Z")));
    JsonNode state = out.lastStreamState();
    assertEquals(
        "2024-03-05T08:30:00Z", state.at("/state/lastUpdatedAt").asText(), state.toString());
    JsonNode c2 = null;
    for (JsonNode s : state.path("states")) {
      if (s.at("/partition/connectionId").asText().equals("c2")) {
        c2 = s;
      }
    }
    assertEquals("2024-02-10T00:00:00Z", c2.at("/cursor/lastUpdatedAt").asText(), state.toString());

    FakeApi.read(
        api.connector("source-airbyte"),
        CONFIG,
        FakeApi.catalog("incremental", "Jobs"),
        out.resumeState());
    api.server.verify(
        getRequestedFor(urlPathEqualTo("/v1/jobs"))
            .withQueryParam("connectionId", equalTo("c2"))
            .withQueryParam("updatedAtStart", equalTo("2024-02-10T00:00:00Z")));
    api.server.verify(
        getRequestedFor(urlPathEqualTo("/v1/jobs"))
            .withQueryParam("connectionId", equalTo("c1"))
            .withQueryParam("updatedAtStart", equalTo("2024-03-05T08:30:00Z")));
  }

  @Test
  void theClientSecretAndSessionTokenStayOutOfEveryMessage() {
    FakeApi.Output out =
        FakeApi.read(
            api.connector("source-airbyte"),
            CONFIG,
            FakeApi.catalog("full_refresh", "Workspaces"),
            null);
    assertTrue(out.messages.size() > 1);
    out.messages.forEach(
        m -> {
          assertTrue(
              !m.json().toString().contains("csecret-90210-abc")
                  && !m.json().toString().contains("session-token-31337"),
              "a secret reached " + m);
        });
    assertEquals(Masker_MASK, api.masker.mask("session-token-31337"));
  }

  private static final String Masker_MASK = Masker.MASK;
}
