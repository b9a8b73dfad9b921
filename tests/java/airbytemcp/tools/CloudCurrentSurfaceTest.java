package airbytemcp.tools;

import static airbytemcp.cloud.FakeAirbyte.DESTINATION;
import static airbytemcp.cloud.FakeAirbyte.SOURCE;
import static airbytemcp.cloud.FakeAirbyte.WORKSPACE;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.cloud.ApiConformance;
import airbytemcp.cloud.CappedText;
import airbytemcp.cloud.CloudCaller;
import airbytemcp.cloud.CloudError;
import airbytemcp.cloud.CloudObject;
import airbytemcp.cloud.FakeAirbyte;
import airbytemcp.common.Json;
import airbytemcp.common.UserError;
import airbytemcp.testing.FakeToolCall;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Cloud tools under the current official names: connector tools with an optional type,
 * orientation and workspace tools, deferred credentials, structured attempt failures and capped
 * messages. Against WireMock with every public API request checked against Airbyte's OpenAPI spec;
 * Config API calls against the shapes listed in {@link ApiConformance} (users endpoints follow
 * Airbyte's Config API, which the public spec lacks).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CloudCurrentSurfaceTest {
  static final String P = ApiConformance.PUBLIC_ROOT;
  static final String UNKNOWN = "abababab-abab-4bab-8bab-abababababab";

  @TempDir Path dir;
  FakeAirbyte fake;
  CloudToolsHarness harness;

  @BeforeEach
  void start() {
    fake = new FakeAirbyte().happy();
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
  void deployInfersTheTypeFromTheConnectorName() throws Exception {
    String answer =
        harness
            .call(
                "deploy_connector_to_cloud",
                Map.of(
                    "name",
                    "sink",
                    "connector_name",
                    "destination-dev-null",
                    "config",
                    Map.of("test_destination", Map.of("test_destination_type", "SILENT")),
                    "unique",
                    false))
            .text();
    assertTrue(answer.startsWith("Deployed destination 'sink'"), answer);
    fake.server.verify(postRequestedFor(urlPathEqualTo(P + "/destinations")));
    assertTrue(
        harness.cloud.ledger().createdHere(CloudObject.DESTINATION, DESTINATION),
        "recorded with its kind");
  }

  @Test
  void aNameWithoutPrefixAndWithoutTypeIsAmbiguous() {
    UserError error =
        assertThrows(
            UserError.class,
            () ->
                harness.call(
                    "deploy_connector_to_cloud", Map.of("name", "x", "connector_name", "faker")));
    assertTrue(
        error.getMessage().contains("source or a destination")
            && error.hint().contains("connector_type"),
        error.getMessage());
    fake.server.verify(0, postRequestedFor(anyUrl()));
  }

  @Test
  void theTypeOfASourceIdIsResolvedWithOneLookup() throws Exception {
    Map<String, Object> shown =
        harness.call("describe_cloud_connector", Map.of("connector_id", SOURCE)).structured();
    assertEquals("source", shown.get("connector_type"), Json.write(shown));
    fake.server.verify(0, getRequestedFor(urlPathEqualTo(P + "/destinations/" + SOURCE)));
  }

  @Test
  void anUnknownIdSaysNeitherKindHasIt() {
    CloudError error =
        assertThrows(
            CloudError.class,
            () -> harness.call("check_cloud_connector", Map.of("connector_id", UNKNOWN)));
    assertTrue(
        error.getMessage().contains("No source or destination with id '" + UNKNOWN + "'"),
        error.getMessage());
  }

  @Test
  void safeModeRefusesAConnectorChangeToAForeignIdWithoutAnyRequest() {
    CloudError error =
        assertThrows(
            CloudError.class,
            () ->
                harness.call(
                    "update_cloud_connector_config",
                    Map.of("connector_id", SOURCE, "config", Map.of("count", 1))));
    assertTrue(error.getMessage().contains("AIRBYTE_CLOUD_MCP_SAFE_MODE"), error.getMessage());
    fake.server.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void connectorChangesTakeTheKindFromTheLedgerInSafeMode() throws Exception {
    harness.cloud.ledger().recordCreated(CloudObject.DESTINATION, DESTINATION);
    String answer =
        harness
            .call(
                "permanently_delete_cloud_connector",
                Map.of("connector_id", DESTINATION, "name", "my-destination"))
            .text();
    assertTrue(answer.contains("Deleted destination 'my-destination'"), answer);
    fake.server.verify(0, getRequestedFor(urlPathEqualTo(P + "/sources/" + DESTINATION)));
  }

  @Test
  void deferredCredentialsCreateADraftWithoutSecretsAndSayWhatComesNext() throws Exception {
    Map<String, Object> answer =
        harness
            .call(
                "deploy_connector_to_cloud",
                Map.of(
                    "name",
                    "stripe-draft",
                    "connector_name",
                    "source-stripe",
                    "defer_credentials",
                    true,
                    "unique",
                    false,
                    "config",
                    Map.of(
                        "account_id",
                        "acct_123",
                        "client_secret",
                        "secret_reference::GITHUB_TOKEN")))
            .structured();
    assertEquals(SOURCE, answer.get("connector_id"), Json.write(answer));
    assertEquals("source", answer.get("connector_type"));
    assertEquals(WORKSPACE, answer.get("workspace_id"));
    assertEquals(List.of("client_secret"), answer.get("secret_fields_left_out"));
    assertTrue(
        String.valueOf(answer.get("settings_url")).endsWith("/source/" + SOURCE),
        Json.write(answer));
    assertTrue(
        String.valueOf(answer.get("next_step")).contains("check_cloud_connector"),
        Json.write(answer));
    fake.server.verify(
        postRequestedFor(urlPathEqualTo(P + "/sources")).withRequestBody(containing("acct_123")));
    assertFalse(
        fake.server.findAll(postRequestedFor(urlPathEqualTo(P + "/sources"))).stream()
            .anyMatch(
                r ->
                    r.getBodyAsString().contains("client_secret")
                        || r.getBodyAsString().contains(FakeAirbyte.GITHUB_TOKEN)),
        "no secret field is sent");
  }

  @Test
  void deferredCredentialsRefuseASecretConfigName() {
    UserError error =
        assertThrows(
            UserError.class,
            () ->
                harness.call(
                    "deploy_connector_to_cloud",
                    Map.of(
                        "name",
                        "d",
                        "connector_name",
                        "source-stripe",
                        "defer_credentials",
                        true,
                        "config_secret_name",
                        "STRIPE")));
    assertTrue(error.getMessage().contains("config_secret_name"), error.getMessage());
    fake.server.verify(0, postRequestedFor(urlPathEqualTo(P + "/sources")));
  }

  @Test
  void theDefaultContextSaysWhereTheWorkspaceAndOrganizationCameFrom() throws Exception {
    Map<String, Object> fromSetting =
        harness.call("get_default_cloud_context", Map.of()).structured();
    assertEquals("setting", fromSetting.get("workspace_origin"), Json.write(fromSetting));
    assertEquals(true, fromSetting.get("credentials_ok"));
    assertEquals(FakeAirbyte.ORGANIZATION, fromSetting.get("organization_id"));
    assertEquals("workspace", fromSetting.get("organization_origin"));

    Map<String, String> env = fake.env(dir);
    env.remove("AIRBYTE_CLOUD_WORKSPACE_ID");
    CloudToolsHarness unset = new CloudToolsHarness(fake, env, dir);
    Map<String, Object> single = unset.call("get_default_cloud_context", Map.of()).structured();
    assertEquals("single_grant", single.get("workspace_origin"), Json.write(single));
    assertEquals(WORKSPACE, single.get("workspace_id"));

    FakeToolCall viaHeader = new FakeToolCall(Map.of());
    viaHeader.caller = new CloudCaller("session-1", Optional.empty(), Optional.of(WORKSPACE));
    Map<String, Object> header = unset.call("get_default_cloud_context", viaHeader).structured();
    assertEquals("header", header.get("workspace_origin"), Json.write(header));
  }

  @Test
  void withSeveralWorkspacesNothingIsPickedAndTheContextSaysHowToChoose() throws Exception {
    fake.publicJson(
        "GET",
        "/workspaces",
        FakeAirbyte.page(
            "{\"workspaceId\":\""
                + WORKSPACE
                + "\",\"name\":\"Main\",\"dataResidency\":\"auto\",\"notifications\":{}}",
            "{\"workspaceId\":\""
                + UNKNOWN
                + "\",\"name\":\"Other\",\"dataResidency\":\"auto\",\"notifications\":{}}"));
    Map<String, String> env = fake.env(dir);
    env.remove("AIRBYTE_CLOUD_WORKSPACE_ID");
    Map<String, Object> context =
        new CloudToolsHarness(fake, env, dir)
            .call("get_default_cloud_context", Map.of())
            .structured();
    assertEquals(null, context.get("workspace_id"), Json.write(context));
    assertTrue(
        String.valueOf(context.get("message")).contains("list_cloud_workspaces"),
        Json.write(context));
    assertEquals(true, context.get("credentials_ok"));
  }

  /** get_cloud_sync_status of the fake's job, with its attempts. */
  private Map<String, Object> statusWithAttempts() throws Exception {
    return harness
        .call(
            "get_cloud_sync_status",
            Map.of(
                "connection_id",
                FakeAirbyte.CONNECTION,
                "job_id",
                (int) FakeAirbyte.JOB,
                "include_attempts",
                true))
        .structured();
  }

  @Test
  void attemptsCarryStructuredFailuresWithCappedMessages() throws Exception {
    String trace =
        "java.lang.IllegalStateException: boom\\n\\tat io.airbyte.A.b(A.java:1)\\n\\tat io.airbyte.C.d(C.java:2)";
    StringBuilder attempts = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      StringBuilder failures = new StringBuilder();
      for (int f = 0; f < 7; f++) {
        failures
            .append(f == 0 ? "" : ",")
            .append(
                "{\"failureOrigin\":\"source\",\"failureType\":\"system_error\","
                    + "\"externalMessage\":\"")
            .append(f == 0 ? trace : "x".repeat(3000))
            .append("\",\"retryable\":true}");
      }
      attempts
          .append(i == 0 ? "" : ",")
          .append("{\"attempt\":{\"id\":")
          .append(i)
          .append(
              ",\"status\":\"failed\",\"createdAt\":1764151200,\"failureSummary\":{\"failures\":[")
          .append(failures)
          .append("]}},\"logs\":{\"logLines\":[]}}");
    }
    fake.configJson(
        "/jobs/get",
        "{\"job\":{\"id\":9001,\"status\":\"failed\"},\"attempts\":[" + attempts + "]}");
    Map<String, Object> status = statusWithAttempts();
    List<?> listed = (List<?>) status.get("attempts");
    assertEquals(10, listed.size(), "the latest 10 attempts");
    Map<?, ?> last = (Map<?, ?>) listed.get(9);
    assertEquals(11, last.get("attempt_number"));
    List<?> failures = (List<?>) last.get("failures");
    assertEquals(5, failures.size(), "at most 5 failures each");
    Map<?, ?> first = (Map<?, ?>) failures.get(0);
    assertEquals("source", first.get("origin"));
    assertEquals("system_error", first.get("type"));
    assertEquals(true, first.get("retryable"));
    assertEquals(
        "java.lang.IllegalStateException: boom\n" + CappedText.STACK_TRACE_REMOVED,
        first.get("message"));
    String cut = (String) ((Map<?, ?>) failures.get(1)).get("message");
    assertTrue(
        cut.endsWith(CappedText.TRUNCATED) && cut.length() <= CappedText.LIMIT + 12,
        cut.length() + "");
  }

  @Test
  void aSecretCutOverTwoAttemptsFailuresIsMaskedInBoth() throws Exception {
    String secret = FakeAirbyte.CLIENT_SECRET;
    String head = secret.substring(0, secret.length() / 2);
    String tail = secret.substring(secret.length() / 2);
    fake.configJson(
        "/jobs/get",
        "{\"job\":{\"id\":9001,\"status\":\"failed\"},\"attempts\":["
            + "{\"attempt\":{\"id\":1,\"status\":\"failed\",\"failureSummary\":{\"failures\":["
            + "{\"failureOrigin\":\"source\",\"externalMessage\":\"401 for key "
            + head
            + "\"}]}}},"
            + "{\"attempt\":{\"id\":2,\"status\":\"failed\",\"failureSummary\":{\"failures\":["
            + "{\"failureOrigin\":\"source\",\"internalMessage\":\""
            + tail
            + " was refused\"}]}}}]}");
    String answer = Json.write(statusWithAttempts());
    assertFalse(answer.contains(head), "the first half of the secret was shown: " + answer);
    assertFalse(answer.contains(tail), "the second half of the secret was shown: " + answer);
    assertTrue(
        answer.contains("401 for key ****") && answer.contains("**** was refused"),
        "each failure keeps its own words, its part of the secret masked: " + answer);
  }

  @Test
  void anIntervalScheduleIsSentAsTheEquivalentCron() throws Exception {
    harness.cloud.ledger().recordCreated(CloudObject.CONNECTION, FakeAirbyte.CONNECTION);
    String answer =
        harness
            .call(
                "update_cloud_connection",
                Map.of("connection_id", FakeAirbyte.CONNECTION, "interval_hours", 6))
            .text();
    assertTrue(answer.contains("every 6 hours"), answer);
    fake.server.verify(
        patchRequestedFor(urlPathEqualTo(P + "/connections/" + FakeAirbyte.CONNECTION))
            .withRequestBody(containing("\"cronExpression\":\"0 0 */6 * * ?\"")));
    CloudError odd =
        assertThrows(
            CloudError.class,
            () ->
                harness.call(
                    "update_cloud_connection",
                    Map.of("connection_id", FakeAirbyte.CONNECTION, "interval_hours", 5)));
    assertTrue(odd.getMessage().contains("interval_hours must be one of"), odd.getMessage());
  }

  @Test
  void organizationsCanBeFilteredByName() throws Exception {
    String none =
        CloudToolsHarness.shown(
            harness.call("list_cloud_organizations", Map.of("name_contains", "zzz")));
    assertFalse(none.contains("Acme"), none);
    String acme =
        CloudToolsHarness.shown(
            harness.call("list_cloud_organizations", Map.of("name_contains", "acm")));
    assertTrue(acme.contains("Acme"), acme);
  }

  @Test
  void billingStatusComesFromTheWorkspacesOrganization() throws Exception {
    Map<String, Object> billing =
        harness.call("get_cloud_organization_billing_status", Map.of()).structured();
    assertEquals(FakeAirbyte.ORGANIZATION, billing.get("id"), Json.write(billing));
    assertEquals("okay", billing.get("payment_status"));
    assertEquals(false, billing.get("is_account_locked"));
  }

  @Test
  void anAirbyteErrorMessageIsCappedAndLosesItsStackTrace() {
    fake.publicStatus(
        "GET",
        "/sources/" + SOURCE,
        500,
        "{\"detail\":\"failed\\n\\tat io.airbyte.X.y(X.java:9)\\n" + "z".repeat(5000) + "\"}");
    CloudError error =
        assertThrows(
            CloudError.class,
            () ->
                harness.call(
                    "describe_cloud_connector",
                    Map.of("connector_id", SOURCE, "connector_type", "source")));
    assertTrue(error.getMessage().contains(CappedText.STACK_TRACE_REMOVED), error.getMessage());
    assertTrue(
        error.getMessage().contains(CappedText.TRUNCATED) && error.getMessage().length() < 2300,
        error.getMessage().length() + "");
  }
}
