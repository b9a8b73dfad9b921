package airbytemcp.tools;

import static airbytemcp.cloud.FakeAirbyte.CONNECTION;
import static airbytemcp.cloud.FakeAirbyte.DEFINITION;
import static airbytemcp.cloud.FakeAirbyte.DESTINATION;
import static airbytemcp.cloud.FakeAirbyte.JOB;
import static airbytemcp.cloud.FakeAirbyte.SOURCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.cloud.ApiConformance;
import airbytemcp.cloud.CloudError;
import airbytemcp.cloud.CloudObject;
import airbytemcp.cloud.FakeAirbyte;
import airbytemcp.common.UserError;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Cloud tool, once succeeding and once failing, against a fake Airbyte; every request
 * checked.
 */
class CloudToolsTest {
  static final String MANIFEST_YAML =
      """
      version: 6.0.0
      type: DeclarativeSource
      streams: []
      spec:
        type: Spec
        connection_specification:
          type: object
          properties:
            api_key: {type: string, airbyte_secret: true}
      """;

  @TempDir Path dir;
  FakeAirbyte fake;
  CloudToolsHarness harness;

  @BeforeEach
  void start() {
    fake = new FakeAirbyte();
    harness = new CloudToolsHarness(fake, fake.env(dir), dir);
    // Objects the changing tools work on count as created by this process; SafeModeTest covers the
    // others.
    harness.cloud.ledger().recordCreated(CloudObject.SOURCE, SOURCE);
    harness.cloud.ledger().recordCreated(CloudObject.DESTINATION, DESTINATION);
    harness.cloud.ledger().recordCreated(CloudObject.CONNECTION, CONNECTION);
    harness.cloud.ledger().recordCreated(CloudObject.CUSTOM_SOURCE_DEFINITION, DEFINITION);
    harness.cloud.ledger().recordCreated(CloudObject.SYNC_JOB, String.valueOf(JOB));
  }

  @AfterEach
  void stop() {
    try {
      ApiConformance.assertAllConform(fake.server);
    } finally {
      fake.close();
    }
  }

  static Stream<Arguments> everyTool() {
    return Stream.of(
        tool(
            "deploy_source_to_cloud",
            "Deployed source 'new-source' with id '" + SOURCE,
            "source_name",
            "new-source",
            "source_connector_name",
            "source-faker",
            "config",
            Map.of("count", 10)),
        tool(
            "deploy_destination_to_cloud",
            "Deployed destination 'new-destination' with id '" + DESTINATION,
            "destination_name",
            "new-destination",
            "destination_connector_name",
            "destination-dev-null",
            "config",
            Map.of("test_destination", Map.of("test_destination_type", "SILENT"))),
        tool("deploy_noop_destination_to_cloud", "no-op destination with id '" + DESTINATION),
        tool(
            "create_connection_on_cloud",
            "Created connection 'c1' with id '" + CONNECTION,
            "connection_name",
            "c1",
            "source_id",
            SOURCE,
            "destination_id",
            DESTINATION,
            "selected_streams",
            List.of("users", "products"),
            "table_prefix",
            "raw_"),
        tool(
            "run_cloud_sync", "Sync started. Job id is '" + JOB + "'", "connection_id", CONNECTION),
        tool(
            "get_cloud_sync_status",
            "\"status\":\"succeeded\"",
            "connection_id",
            CONNECTION,
            "job_id",
            (int) JOB,
            "include_attempts",
            true),
        tool("list_cloud_sync_jobs", "\"jobs_count\":2", "connection_id", CONNECTION),
        tool(
            "get_cloud_sync_logs", "ERROR: boom", "connection_id", CONNECTION, "job_id", (int) JOB),
        tool(
            "cancel_cloud_sync",
            "is now cancelled",
            "connection_id",
            CONNECTION,
            "job_id",
            (int) JOB),
        tool("check_airbyte_cloud_workspace", "\"payment_status\":\"okay\""),
        tool("list_deployed_cloud_source_connectors", "\"name\":\"my-source\""),
        tool("list_deployed_cloud_destination_connectors", "\"name\":\"my-destination\""),
        tool(
            "describe_cloud_source", "\"connector_definition_id\":\"dfd88b22", "source_id", SOURCE),
        tool(
            "describe_cloud_destination",
            "\"destination_name\":\"my-destination\"",
            "destination_id",
            DESTINATION),
        tool(
            "describe_cloud_connection",
            "\"selected_streams\":[\"users\",\"products\"]",
            "connection_id",
            CONNECTION),
        tool(
            "list_deployed_cloud_connections",
            "\"last_job_status\":\"failed\"",
            "with_connection_status",
            true),
        tool("list_cloud_workspaces", "\"workspace_name\":\"Main\""),
        tool("list_cloud_organizations", "\"name\":\"Acme\""),
        tool(
            "describe_cloud_organization",
            "\"subscription_status\":\"subscribed\"",
            "organization_name",
            "Acme"),
        tool(
            "get_connection_artifact",
            "\"stream_descriptor\":{\"name\":\"users\"}",
            "connection_id",
            CONNECTION,
            "artifact_type",
            "state"),
        tool("check_cloud_source", "\"succeeded\":true", "source_id", SOURCE),
        tool(
            "check_cloud_destination",
            "\"message\":\"cannot connect\"",
            "destination_id",
            DESTINATION),
        tool(
            "publish_custom_source_definition",
            "Definition ID: " + DEFINITION,
            "name",
            "new-yaml",
            "manifest_yaml",
            MANIFEST_YAML),
        tool("list_custom_source_definitions", "connector-builder/edit/" + FakeAirbyte.PROJECT),
        tool(
            "get_custom_source_definition",
            "\"has_draft\":true",
            "definition_id",
            DEFINITION,
            "include_draft",
            true),
        tool(
            "get_connector_builder_draft_manifest",
            "\"published_manifest\":{",
            "definition_id",
            DEFINITION),
        tool(
            "update_custom_source_definition",
            "Updated custom YAML source definition",
            "definition_id",
            DEFINITION,
            "testing_values",
            Map.of("api_key", "secret_reference::GITHUB_TOKEN")),
        tool(
            "permanently_delete_custom_source_definition",
            "Deleted custom source definition 'my-yaml-source'",
            "definition_id",
            DEFINITION,
            "name",
            "my-yaml-source"),
        tool(
            "permanently_delete_cloud_source",
            "Deleted source 'my-source'",
            "source_id",
            SOURCE,
            "name",
            "my-source"),
        tool(
            "permanently_delete_cloud_destination",
            "Deleted destination 'my-destination'",
            "destination_id",
            DESTINATION,
            "name",
            "my-destination"),
        tool(
            "permanently_delete_cloud_connection",
            "Deleted connection 'my-connection'",
            "connection_id",
            CONNECTION,
            "name",
            "my-connection"),
        tool("rename_cloud_source", "Renamed source", "source_id", SOURCE, "name", "renamed"),
        tool(
            "update_cloud_source_config",
            "Updated the config of source",
            "source_id",
            SOURCE,
            "config",
            Map.of("count", 5)),
        tool(
            "rename_cloud_destination",
            "Renamed destination",
            "destination_id",
            DESTINATION,
            "name",
            "renamed"),
        tool(
            "update_cloud_destination_config",
            "Updated the config of destination",
            "destination_id",
            DESTINATION,
            "config",
            "{\"test_destination\":{\"test_destination_type\":\"SILENT\"}}"),
        tool(
            "rename_cloud_connection",
            "Renamed connection",
            "connection_id",
            CONNECTION,
            "name",
            "renamed"),
        tool(
            "set_cloud_connection_table_prefix",
            "table prefix of connection",
            "connection_id",
            CONNECTION,
            "prefix",
            "new_"),
        tool(
            "set_cloud_connection_selected_streams",
            "now syncs [users, products]",
            "connection_id",
            CONNECTION,
            "stream_names",
            "users,products"),
        tool(
            "update_cloud_connection",
            "status set to 'disabled', schedule set to cron '0 0 * * *'",
            "connection_id",
            CONNECTION,
            "enabled",
            false,
            "cron_expression",
            "0 0 * * *"),
        // The current official names.
        tool(
            "deploy_connector_to_cloud",
            "Deployed source 'new-source' with id '" + SOURCE,
            "name",
            "new-source",
            "connector_name",
            "source-faker",
            "config",
            Map.of("count", 10)),
        tool("list_cloud_connectors", "\"connector_type\":\"destination\""),
        tool("describe_cloud_connector", "\"connector_type\":\"source\"", "connector_id", SOURCE),
        tool(
            "rename_cloud_connector",
            "Renamed destination",
            "connector_id",
            DESTINATION,
            "name",
            "renamed"),
        tool(
            "update_cloud_connector_config",
            "Updated the config of source",
            "connector_id",
            SOURCE,
            "config",
            Map.of("count", 5)),
        tool(
            "permanently_delete_cloud_connector",
            "Deleted destination 'my-destination'",
            "connector_id",
            DESTINATION,
            "name",
            "my-destination"),
        tool(
            "check_cloud_connector",
            "\"connector_type\":\"destination\"",
            "connector_id",
            DESTINATION,
            "connector_type",
            "destination"),
        tool("list_cloud_connections", "\"name\":\"my-connection\""),
        tool("get_default_cloud_context", "\"workspace_origin\":\"setting\""),
        tool("describe_cloud_workspace", "\"workspace_name\":\"Main\""),
        tool("get_cloud_organization_billing_status", "\"payment_status\":\"okay\""),
        tool(
            "set_default_cloud_workspace",
            "is now " + FakeAirbyte.WORKSPACE,
            "user_email",
            "ops@acme.example",
            "workspace_id",
            FakeAirbyte.WORKSPACE));
  }

  private static Arguments tool(String name, String expected, Object... args) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      map.put((String) args[i], args[i + 1]);
    }
    return Arguments.of(name, map, expected);
  }

  @Test
  void theCasesCoverAll51CloudTools() {
    Set<String> covered =
        everyTool().map(a -> (String) a.get()[0]).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(new TreeSet<>(harness.tools.keySet()), covered);
    assertEquals(51, covered.size());
  }

  @ParameterizedTest(name = "{0} succeeds")
  @MethodSource("everyTool")
  void succeedsAgainstAWorkingAirbyte(String tool, Map<String, Object> args, String expected)
      throws Exception {
    fake.happy();
    if (tool.equals("set_default_cloud_workspace")) {
      fake.tokenFor(FakeAirbyte.AUTH_USER); // only a token naming the user proves the email
    }
    ToolResult result = harness.call(tool, args);
    String shown = CloudToolsHarness.shown(result);
    assertFalse(result.isError());
    assertTrue(shown.contains(expected), tool + " answered: " + shown);
    assertNoSecretIn(shown);
  }

  @ParameterizedTest(name = "{0} fails with a message")
  @MethodSource("everyTool")
  void failsWithAUserErrorWhenAirbyteFails(String tool, Map<String, Object> args, String ignored)
      throws Exception {
    fake.happy();
    fake.failEverything(404);
    if (tool.equals("get_default_cloud_context")) {
      // Orientation reports what does not work instead of failing.
      Map<String, Object> context = harness.call(tool, args).structured();
      assertEquals(false, context.get("credentials_ok"), String.valueOf(context));
      assertTrue(String.valueOf(context.get("message")).contains("404"), String.valueOf(context));
      return;
    }
    UserError error = assertThrows(UserError.class, () -> harness.call(tool, args));
    assertFalse(error.getMessage().isBlank());
    assertTrue(error.hint() != null && !error.hint().isBlank(), tool + ": " + error.getMessage());
    assertNoSecretIn(harness.masker.mask(error.getMessage() + error.hint()));
  }

  @Test
  void asksTheAgentToDiscoverWorkspacesWhenNoneIsKnown() {
    Map<String, String> env = fake.env(dir);
    env.remove("AIRBYTE_CLOUD_WORKSPACE_ID");
    CloudToolsHarness noWorkspace = new CloudToolsHarness(fake, env, dir);
    CloudError error =
        assertThrows(
            CloudError.class,
            () -> noWorkspace.call("list_deployed_cloud_source_connectors", Map.of()));
    assertTrue(
        error.hint().contains("list_cloud_organizations")
            && error.hint().contains("list_cloud_workspaces"),
        error.hint());
    assertTrue(error.hint().contains("ask the user"), "expected ask the user in: " + error.hint());
    // Only the search for a single reachable workspace was tried (it found none): nothing about
    // sources.
    assertTrue(
        fake.server.getAllServeEvents().stream()
            .map(e -> e.getRequest().getUrl())
            .allMatch(url -> url.contains("/applications/token") || url.contains("/workspaces?")),
        "only the workspace list may have been asked");
  }

  @Test
  void usesAnExplicitWorkspaceOverTheConfiguredOne() throws Exception {
    fake.happy();
    String other = "99999999-9999-4999-8999-999999999999";
    harness.call("list_deployed_cloud_source_connectors", Map.of("workspace_id", other));
    fake.server.verify(
        WireMock.getRequestedFor(WireMock.urlPathEqualTo("/api/public/v1/sources"))
            .withQueryParam("workspaceIds", WireMock.equalTo(other)));
  }

  private void assertNoSecretIn(String text) {
    for (String secret :
        List.of(
            FakeAirbyte.CLIENT_ID,
            FakeAirbyte.CLIENT_SECRET,
            FakeAirbyte.TOKEN,
            FakeAirbyte.GITHUB_TOKEN)) {
      assertFalse(text.contains(secret), "secret leaked: " + text);
    }
  }
}
