package airbytemcp.hardening;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.cloud.FakeAirbyte;
import airbytemcp.common.Json;
import airbytemcp.config.Settings;
import airbytemcp.config.SettingsLoader;
import airbytemcp.config.Transport;
import airbytemcp.secrets.MaskerSeeds;
import airbytemcp.testing.HttpMcp;
import airbytemcp.testing.RawMcpSession;
import airbytemcp.tools.Services;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attempts to get around the safety switches over HTTP: changes to objects this session did not
 * create, writes in read-only mode, tools of disabled domains called by name, local tools and
 * server secrets without trusted execution. Every attempt must be refused before Airbyte hears of
 * it.
 */
class SafetyBypassTest {
  static final String FOREIGN = "99999999-9999-4999-8999-999999999999";

  @TempDir Path dir;
  private final FakeAirbyte fake = new FakeAirbyte().happy();
  private HttpMcp server;
  private int tried;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    fake.close();
  }

  private RawMcpSession start(Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>(fake.env(dir.resolve("project")));
    env.put("AIRBYTE_MCP_ENV_FILE", HostileWorldFiles.dotenv(dir).toString());
    env.putAll(overrides);
    Settings settings = SettingsLoader.load(env, dir, dir, Transport.HTTP);
    server = HttpMcp.start(Services.create(settings, MaskerSeeds.fromSettings(settings)));
    return RawMcpSession.open(server.mcpUrl(), Map.of());
  }

  private void refused(RawMcpSession session, String tool, ObjectNode args, String why) {
    tried++;
    JsonNode answer = session.callTool(tool, args);
    boolean error = answer.has("error") || answer.path("result").path("isError").asBoolean(false);
    assertTrue(
        error,
        why + ": " + tool + " " + args + " was carried out (attempt " + tried + "): " + answer);
  }

  private void airbyteWasNeverAskedToChangeAnything() {
    for (var pattern :
        List.of(
            patchRequestedFor(urlPathMatching(".*")),
            putRequestedFor(urlPathMatching(".*")),
            deleteRequestedFor(urlPathMatching(".*")),
            postRequestedFor(urlPathMatching("/api/public/v1/(?!applications).*")))) {
      fake.server.verify(0, pattern);
    }
  }

  /** Every guarded change, aimed at objects this session never created. */
  static List<Map.Entry<String, ObjectNode>> changesToForeignObjects(String id) {
    return List.of(
        Map.entry(
            "update_cloud_source_config",
            Json.object().put("source_id", id).set("config", Json.object().put("x", 1))),
        Map.entry(
            "update_cloud_destination_config",
            Json.object().put("destination_id", id).set("config", Json.object().put("x", 1))),
        Map.entry(
            "set_cloud_connection_table_prefix",
            Json.object().put("connection_id", id).put("prefix", "p_")),
        Map.entry(
            "set_cloud_connection_selected_streams",
            Json.object().put("connection_id", id).put("stream_names", "users")),
        Map.entry(
            "update_cloud_connection",
            Json.object().put("connection_id", id).put("enabled", false)),
        Map.entry(
            "permanently_delete_cloud_source",
            Json.object().put("source_id", id).put("name", "my-source")),
        Map.entry(
            "permanently_delete_cloud_destination",
            Json.object().put("destination_id", id).put("name", "my-destination")),
        Map.entry(
            "permanently_delete_cloud_connection",
            Json.object().put("connection_id", id).put("name", "my-connection")),
        Map.entry(
            "update_custom_source_definition",
            Json.object().put("definition_id", id).put("manifest_yaml", FakeAirbyte.MANIFEST)),
        Map.entry(
            "permanently_delete_custom_source_definition",
            Json.object().put("definition_id", id).put("name", "my-yaml-source")),
        Map.entry(
            "cancel_cloud_sync",
            Json.object().put("connection_id", id).put("job_id", FakeAirbyte.JOB)));
  }

  @Test
  void safeModeRefusesEveryChangeToObjectsTheSessionDidNotCreate() {
    RawMcpSession session = start(Map.of());
    for (String id :
        List.of(
            FakeAirbyte.SOURCE,
            FakeAirbyte.DESTINATION,
            FakeAirbyte.CONNECTION,
            FakeAirbyte.DEFINITION,
            FOREIGN,
            " " + FakeAirbyte.CONNECTION + " ",
            FakeAirbyte.CONNECTION.toUpperCase(Locale.ROOT),
            FakeAirbyte.CONNECTION + "/../x")) {
      for (Map.Entry<String, ObjectNode> change : changesToForeignObjects(id)) {
        refused(session, change.getKey(), change.getValue(), "safe mode");
      }
    }
    // An object another session created is foreign too.
    RawMcpSession creator = RawMcpSession.open(server.mcpUrl(), Map.of());
    JsonNode created =
        creator.callTool(
            "create_connection_on_cloud",
            Json.object()
                .put("connection_name", "c")
                .put("source_id", FakeAirbyte.SOURCE)
                .put("destination_id", FakeAirbyte.DESTINATION)
                .put("selected_streams", "users")
                .put("source_name_confirmation", "my-source")
                .put("destination_name_confirmation", "my-destination"));
    assertTrue(!created.path("result").path("isError").asBoolean(true), created.toString());
    fake.server.resetRequests();
    for (Map.Entry<String, ObjectNode> change : changesToForeignObjects(FakeAirbyte.CONNECTION)) {
      refused(session, change.getKey(), change.getValue(), "another session's object");
    }
    airbyteWasNeverAskedToChangeAnything();
    System.out.println(
        "Safety bypass (safe mode): " + tried + " attempts, all refused before any request.");
  }

  @Test
  void deletesWithoutTheCurrentNameAreRefusedEvenWithSafeModeOff() {
    RawMcpSession session = start(Map.of(SettingsLoader.SAFE_MODE, "0"));
    for (String name :
        List.of(
            "wrong", "", "MY-SOURCE", "my-sourc", "my-source-2", "*", "my-%", "my-source\u0000")) {
      refused(
          session,
          "permanently_delete_cloud_source",
          Json.object().put("source_id", FakeAirbyte.SOURCE).put("name", name),
          "name confirmation");
    }
    fake.server.verify(0, deleteRequestedFor(urlPathMatching(".*")));
    System.out.println("Safety bypass (delete confirmation): " + tried + " attempts, all refused.");
  }

  @Test
  void readOnlyModeRefusesEveryChangingToolCalledByName() {
    RawMcpSession session =
        start(Map.of(SettingsLoader.READONLY_MODE, "1", SettingsLoader.SAFE_MODE, "0"));
    for (Map.Entry<String, ObjectNode> change : changesToForeignObjects(FakeAirbyte.CONNECTION)) {
      if (!change.getKey().equals("cancel_cloud_sync")) {
        refused(session, change.getKey(), change.getValue(), "read-only mode");
      }
    }
    for (String tool :
        List.of(
            "deploy_source_to_cloud",
            "deploy_destination_to_cloud",
            "deploy_noop_destination_to_cloud",
            "create_connection_on_cloud",
            "publish_custom_source_definition",
            "rename_cloud_source",
            "rename_cloud_destination",
            "rename_cloud_connection")) {
      refused(
          session,
          tool,
          Json.object()
              .put("source_id", FakeAirbyte.SOURCE)
              .put("name", "x")
              .put("connection_id", FakeAirbyte.CONNECTION)
              .put("destination_id", FakeAirbyte.DESTINATION),
          "read-only mode");
    }
    airbyteWasNeverAskedToChangeAnything();
    System.out.println("Safety bypass (read-only): " + tried + " attempts, all refused.");
  }

  @Test
  void toolsOfDisabledDomainsCannotBeCalledByName() {
    RawMcpSession session =
        start(
            Map.of(
                SettingsLoader.DOMAINS_DISABLED,
                "cloud,registry",
                SettingsLoader.TRUSTED_EXECUTION,
                "1"));
    for (String tool :
        List.of(
            "list_deployed_cloud_connections",
            "describe_cloud_source",
            "run_cloud_sync",
            "permanently_delete_cloud_source",
            "list_cloud_workspaces",
            "list_connectors",
            "get_connector_info")) {
      refused(
          session,
          tool,
          Json.object()
              .put("source_id", FakeAirbyte.SOURCE)
              .put("connection_id", FakeAirbyte.CONNECTION)
              .put("connector_name", "source-fake")
              .put("name", "x"),
          "disabled domain");
    }
    fake.server.verify(0, anyRequestedFor(anyUrl()));
    System.out.println("Safety bypass (disabled domains): " + tried + " attempts, all refused.");
  }

  @Test
  void withoutTrustedExecutionHttpCallersReachNoLocalToolAndNoServerSecret() {
    RawMcpSession session = start(Map.of());
    for (String tool :
        List.of(
            "list_dotenv_secrets",
            "list_connector_config_secrets",
            "validate_connector_config",
            "list_source_streams",
            "read_source_stream_records",
            "get_stream_previews")) {
      refused(
          session,
          tool,
          Json.object()
              .put("connector_name", "source-fake")
              .put("source_connector_name", "source-fake")
              .put("source_name", "source-fake")
              .put("stream_name", "users"),
          "trusted execution off");
    }
    // A Cloud deploy must not become a way to ship the server's own secrets to Airbyte.
    refused(
        session,
        "deploy_source_to_cloud",
        Json.object()
            .put("source_name", "s")
            .put("source_connector_name", "source-faker")
            .set("config", Json.object().put("api_key", "secret_reference::FAKE_API_KEY")),
        "server secret by reference");
    refused(
        session,
        "deploy_source_to_cloud",
        Json.object()
            .put("source_name", "s")
            .put("source_connector_name", "source-faker")
            .put("config_secret_name", "SOURCE_FAKE_CONFIG"),
        "server secret by name");
    refused(
        session,
        "update_cloud_source_config",
        Json.object().put("source_id", FakeAirbyte.SOURCE).put("config", "/etc/passwd"),
        "server file as config");
    airbyteWasNeverAskedToChangeAnything();
    System.out.println(
        "Safety bypass (trusted execution off): " + tried + " attempts, all refused.");
  }
}
