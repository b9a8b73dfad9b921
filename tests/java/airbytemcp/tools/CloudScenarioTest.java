package airbytemcp.tools;

import static airbytemcp.cloud.FakeAirbyte.CONNECTION;
import static airbytemcp.cloud.FakeAirbyte.DESTINATION;
import static airbytemcp.cloud.FakeAirbyte.JOB;
import static airbytemcp.cloud.FakeAirbyte.SOURCE;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.cloud.ApiConformance;
import airbytemcp.cloud.CloudError;
import airbytemcp.cloud.FakeAirbyte;
import airbytemcp.common.Json;
import airbytemcp.secrets.SecretError;
import airbytemcp.testing.FakeToolCall;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole session against a stateful fake Airbyte, with safe mode on, plus deploy and wait
 * behaviour.
 */
class CloudScenarioTest {
  private static final String P = ApiConformance.PUBLIC_ROOT;

  @TempDir Path dir;
  FakeAirbyte fake;
  CloudToolsHarness harness;

  @BeforeEach
  void start() {
    fake = new FakeAirbyte();
    harness = new CloudToolsHarness(fake, fake.env(dir), dir);
  }

  @AfterEach
  void stop() {
    try {
      ApiConformance.assertAllConform(fake.server);
    } finally {
      fake.close();
    }
  }

  @Test
  void deploysSyncsInspectsRenamesAndCleansUpWhatItCreated() throws Exception {
    fake.token();
    fake.publicJson("GET", "/sources", FakeAirbyte.page());
    fake.publicJson("GET", "/destinations", FakeAirbyte.page());
    fake.publicJson("POST", "/sources", FakeAirbyte.source("faker-demo"));
    fake.publicJson("POST", "/destinations", FakeAirbyte.destination("No-op Destination"));
    fake.publicJson("POST", "/connections", FakeAirbyte.connection("demo"));
    fake.publicJson("GET", "/streams", FakeAirbyte.STREAMS);
    fake.publicJson("POST", "/jobs", FakeAirbyte.job(JOB, "pending"));
    // The job runs for two polls, then succeeds.
    String jobPath = P + "/jobs/" + JOB;
    fake.server.stubFor(
        get(urlPathEqualTo(jobPath))
            .inScenario("job")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(okJson(FakeAirbyte.job(JOB, "running")))
            .willSetStateTo("still running"));
    fake.server.stubFor(
        get(urlPathEqualTo(jobPath))
            .inScenario("job")
            .whenScenarioStateIs("still running")
            .willReturn(okJson(FakeAirbyte.job(JOB, "running")))
            .willSetStateTo("done"));
    fake.server.stubFor(
        get(urlPathEqualTo(jobPath))
            .inScenario("job")
            .whenScenarioStateIs("done")
            .willReturn(okJson(FakeAirbyte.job(JOB, "succeeded"))));
    fake.publicJson("GET", "/jobs", FakeAirbyte.page(FakeAirbyte.job(JOB, "succeeded")));
    fake.configJson(
        "/jobs/get",
        "{\"job\":{\"id\":"
            + JOB
            + "},\"attempts\":[{\"attempt\":{\"id\":1,\"status\":\"succeeded\","
            + "\"createdAt\":1764151200},\"logs\":{\"logLines\":[\"l1\",\"l2\",\"l3\",\"l4\",\"l5\"]}}]}");
    // Renaming changes what Airbyte answers afterwards.
    nameChangesAfterRename(
        "/sources/" + SOURCE, FakeAirbyte.source("faker-demo"), FakeAirbyte.source("faker-old"));
    nameChangesAfterRename(
        "/destinations/" + DESTINATION,
        FakeAirbyte.destination("No-op Destination"),
        FakeAirbyte.destination("sink-old"));
    nameChangesAfterRename(
        "/connections/" + CONNECTION,
        FakeAirbyte.connection("demo"),
        FakeAirbyte.connection("demo-old"));
    for (String path :
        List.of(
            "/sources/" + SOURCE, "/destinations/" + DESTINATION, "/connections/" + CONNECTION)) {
      fake.server.stubFor(delete(urlPathEqualTo(P + path)).willReturn(aResponse().withStatus(204)));
    }

    assertTrue(
        harness
            .call(
                "deploy_source_to_cloud",
                Map.of(
                    "source_name",
                    "faker-demo",
                    "source_connector_name",
                    "source-faker",
                    "config",
                    Map.of("count", 100)))
            .text()
            .contains(SOURCE),
        "expected "
            + SOURCE
            + " in harness.call(\"deploy_source_to_cloud\", Map.of(\"source_nam...");
    assertTrue(
        harness.call("deploy_noop_destination_to_cloud", Map.of()).text().contains(DESTINATION),
        "expected "
            + DESTINATION
            + " in harness.call(\"deploy_noop_destination_to_cloud\", Map.of()...");
    assertTrue(
        harness
            .call(
                "create_connection_on_cloud",
                Map.of(
                    "connection_name",
                    "demo",
                    "source_id",
                    SOURCE,
                    "destination_id",
                    DESTINATION,
                    "selected_streams",
                    "users"))
            .text()
            .contains(CONNECTION),
        "expected "
            + CONNECTION
            + " in harness.call(\"create_connection_on_cloud\", Map.of(\"connec...");

    FakeToolCall run =
        new FakeToolCall(Map.of("connection_id", CONNECTION, "wait", true, "wait_timeout", 60));
    String ran = harness.call("run_cloud_sync", run).text();
    assertTrue(ran.startsWith("Sync completed with status: succeeded"), ran);
    assertTrue(run.progress.size() >= 3, "progress while waiting: " + run.progress);
    assertTrue(
        run.progress.stream().anyMatch(p -> p.contains("is running")),
        "no progress step says is running: " + run.progress);

    Map<String, Object> status =
        harness.call("get_cloud_sync_status", Map.of("connection_id", CONNECTION)).structured();
    assertEquals("succeeded", status.get("status"));
    assertEquals(JOB, ((Number) status.get("job_id")).longValue());

    Map<String, Object> logs =
        harness
            .call("get_cloud_sync_logs", Map.of("connection_id", CONNECTION, "max_lines", 2))
            .structured();
    assertEquals("l4\nl5", logs.get("log_text"));
    assertEquals(4, logs.get("log_text_start_line"));
    assertEquals(5, logs.get("total_log_lines_available"));

    harness.call("rename_cloud_source", Map.of("source_id", SOURCE, "name", "faker-old"));
    harness.call(
        "rename_cloud_destination", Map.of("destination_id", DESTINATION, "name", "sink-old"));
    harness.call(
        "rename_cloud_connection", Map.of("connection_id", CONNECTION, "name", "demo-old"));

    harness.call(
        "permanently_delete_cloud_connection",
        Map.of("connection_id", CONNECTION, "name", "demo-old"));
    harness.call(
        "permanently_delete_cloud_source", Map.of("source_id", SOURCE, "name", "faker-old"));
    harness.call(
        "permanently_delete_cloud_destination",
        Map.of("destination_id", DESTINATION, "name", "sink-old"));
    for (String path :
        List.of(
            "/sources/" + SOURCE, "/destinations/" + DESTINATION, "/connections/" + CONNECTION)) {
      fake.server.verify(1, deleteRequestedFor(urlPathEqualTo(P + path)));
    }
    fake.server.verify(
        postRequestedFor(urlPathEqualTo(P + "/connections"))
            .withRequestBody(
                equalToJson(
                    "{\"name\":\"demo\",\"sourceId\":\""
                        + SOURCE
                        + "\",\"destinationId\":\""
                        + DESTINATION
                        + "\",\"configurations\":{\"streams\":[{\"name\":\"users\"}]},\"prefix\":\"\"}")));
  }

  private void nameChangesAfterRename(String path, String before, String after) {
    String scenario = "rename " + path;
    fake.server.stubFor(
        get(urlPathEqualTo(P + path))
            .inScenario(scenario)
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(okJson(before)));
    fake.server.stubFor(
        patch(urlPathEqualTo(P + path))
            .inScenario(scenario)
            .willReturn(okJson(after))
            .willSetStateTo("renamed"));
    fake.server.stubFor(
        get(urlPathEqualTo(P + path))
            .inScenario(scenario)
            .whenScenarioStateIs("renamed")
            .willReturn(okJson(after)));
  }

  @Test
  void sendsResolvedSecretsToAirbyteButNeverShowsThem() throws Exception {
    fake.happy();
    ToolResult result =
        harness.call(
            "deploy_source_to_cloud",
            Map.of(
                "source_name",
                "gh",
                "source_connector_name",
                "source-github",
                "config",
                Map.of(
                    "repositories",
                    List.of("airbytehq/airbyte"),
                    "credentials",
                    Map.of(
                        "option_title",
                        "PAT Credentials",
                        "personal_access_token",
                        "secret_reference::GITHUB_TOKEN"))));
    assertFalse(
        result.text().contains(FakeAirbyte.GITHUB_TOKEN),
        "did not expect " + FakeAirbyte.GITHUB_TOKEN + " in: " + result.text());
    fake.server.verify(
        postRequestedFor(urlPathEqualTo(P + "/sources"))
            .withRequestBody(
                matchingJsonPath(
                    "$.configuration.credentials.personal_access_token",
                    containing(FakeAirbyte.GITHUB_TOKEN)))
            .withRequestBody(matchingJsonPath("$.configuration.sourceType", containing("github")))
            .withRequestBody(
                matchingJsonPath(
                    "$.definitionId", containing("ef69ef6e-aa7f-4af1-a01d-ef775033524e"))));
    assertEquals("****", harness.masker.mask(FakeAirbyte.GITHUB_TOKEN));
  }

  @Test
  void refusesAHardCodedSecretBeforeContactingAirbyte() {
    SecretError error =
        assertThrows(
            SecretError.class,
            () ->
                harness.call(
                    "deploy_source_to_cloud",
                    Map.of(
                        "source_name",
                        "gh",
                        "source_connector_name",
                        "source-github",
                        "config",
                        Map.of(
                            "repositories",
                            List.of("airbytehq/airbyte"),
                            "credentials",
                            Map.of(
                                "option_title",
                                "PAT Credentials",
                                "personal_access_token",
                                "ghp_literalTokenValue123")))));
    assertTrue(
        error.getMessage().contains("credentials.personal_access_token"), error.getMessage());
    assertFalse(
        harness.masker.mask(error.getMessage() + error.hint()).contains("ghp_literalTokenValue123"),
        "did not expect ghp_literalTokenValue123 in harness.masker.mask(error.getMessage() + error.hint())");
    fake.server.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void refusesToDeployADestinationConnectorAsASource() {
    ArgumentError error =
        assertThrows(
            ArgumentError.class,
            () ->
                harness.call(
                    "deploy_source_to_cloud",
                    Map.of("source_name", "x", "source_connector_name", "destination-dev-null")));
    assertTrue(
        error.hint().contains("deploy_destination_to_cloud"),
        "expected deploy_destination_to_cloud in: " + error.hint());
  }

  @Test
  void refusesADuplicateNameWhenUniqueIsOn() {
    fake.happy();
    CloudError error =
        assertThrows(
            CloudError.class,
            () ->
                harness.call(
                    "deploy_source_to_cloud",
                    Map.of("source_name", "my-source", "source_connector_name", "source-faker")));
    assertTrue(
        error.getMessage().contains("already exists"),
        "expected already exists in: " + error.getMessage());
    fake.server.verify(0, postRequestedFor(urlPathEqualTo(P + "/sources")));
  }

  @Test
  void reportsAFailedSyncWhenWaiting() {
    fake.happy();
    fake.publicJson("GET", "/jobs/" + JOB, FakeAirbyte.job(JOB, "failed"));
    CloudError error =
        assertThrows(
            CloudError.class,
            () ->
                harness.call("run_cloud_sync", Map.of("connection_id", CONNECTION, "wait", true)));
    assertTrue(
        error.getMessage().contains("failed") && error.hint().contains("get_cloud_sync_logs"),
        error.getMessage() + " / hint: " + error.hint());
  }

  @Test
  void stopsWaitingAtTheTimeoutAndSaysTheSyncGoesOn() {
    fake.happy();
    fake.publicJson("GET", "/jobs/" + JOB, FakeAirbyte.job(JOB, "running"));
    CloudError error =
        assertThrows(
            CloudError.class,
            () ->
                harness.call(
                    "run_cloud_sync",
                    Map.of("connection_id", CONNECTION, "wait", true, "wait_timeout", 1)));
    assertTrue(error.getMessage().contains("still running"), error.getMessage());
    assertTrue(
        error.hint().contains("get_cloud_sync_status"),
        "expected get_cloud_sync_status in: " + error.hint());
  }

  @Test
  void convertsTheCatalogToProtocolFormat() throws Exception {
    fake.happy();
    Map<String, Object> catalog =
        harness
            .call(
                "get_connection_artifact",
                Map.of("connection_id", CONNECTION, "artifact_type", "catalog"))
            .structured();
    String json = Json.write(catalog);
    assertTrue(
        json.contains("\"json_schema\":{\"type\":\"object\",\"properties\":{\"createdAt\":{}}}"),
        json);
    assertTrue(
        json.contains("\"destination_sync_mode\":\"overwrite\"")
            && json.contains("\"supported_sync_modes\""),
        json);
  }

  @Test
  void readsLogLinesFromAnOffset() throws Exception {
    fake.happy();
    Map<String, Object> logs =
        harness
            .call(
                "get_cloud_sync_logs",
                Map.of(
                    "connection_id",
                    CONNECTION,
                    "job_id",
                    (int) JOB,
                    "line_offset",
                    1,
                    "max_lines",
                    1))
            .structured();
    assertEquals("[1764151302000] ERROR: boom", logs.get("log_text"));
    assertEquals(2, logs.get("log_text_start_line"));
    assertEquals(1, logs.get("attempt_number"));
  }

  @Test
  void listsWorkspacesOfAnOrganizationThroughTheConfigApi() throws Exception {
    fake.happy();
    Map<String, Object> answer =
        harness
            .call(
                "list_cloud_workspaces",
                Map.of("organization_id", FakeAirbyte.ORGANIZATION, "name_contains", "Ma"))
            .structured();
    assertTrue(
        Json.write(answer).contains(FakeAirbyte.ORGANIZATION),
        "expected " + FakeAirbyte.ORGANIZATION + " in airbytemcp.common.Json.write(answer)");
    fake.server.verify(
        postRequestedFor(urlPathEqualTo("/api/v1/workspaces/list_by_organization_id"))
            .withRequestBody(matchingJsonPath("$.nameContains", containing("Ma"))));
  }

  @Test
  void answersDiscoveryWithoutPermissionWithAMessageInsteadOfAnError() throws Exception {
    fake.token();
    fake.publicStatus("GET", "/organizations", 403, "{}");
    Map<String, Object> answer = harness.call("list_cloud_organizations", Map.of()).structured();
    assertEquals(List.of(), answer.get("organizations"));
    assertTrue(
        String.valueOf(answer.get("message")).contains("lack the permission"),
        "expected lack the permission in String.valueOf(answer.get(\"message\"))");
  }
}
