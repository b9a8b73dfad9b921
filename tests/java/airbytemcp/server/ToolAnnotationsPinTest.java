package airbytemcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import airbytemcp.testing.ToolHarness;
import airbytemcp.tools.ToolCatalog;
import airbytemcp.tools.ToolDefinition;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The annotations each tool sends to clients, as they were when the tool traits got names: a
 * refactoring of how hints are written must not change what a client is told. Letters: R read-only,
 * D destructive, I idempotent, O open world ('-' where the hint is false).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ToolAnnotationsPinTest {
  private static final Map<String, String> PINNED =
      Map.ofEntries(
          Map.entry("list_connectors", "R-I-"),
          Map.entry("get_connector_info", "R-I-"),
          Map.entry("get_api_docs_urls", "R-I-"),
          Map.entry("get_connector_version_history", "R-IO"),
          Map.entry("list_dotenv_secrets", "R-I-"),
          Map.entry("validate_connector_config", "R-IO"),
          Map.entry("list_connector_config_secrets", "R-I-"),
          Map.entry("list_source_streams", "R-IO"),
          Map.entry("get_source_stream_json_schema", "R-IO"),
          Map.entry("read_source_stream_records", "R--O"),
          Map.entry("get_stream_previews", "R--O"),
          Map.entry("sync_source_to_cache", "---O"),
          Map.entry("list_cached_streams", "R-I-"),
          Map.entry("describe_default_cache", "R-I-"),
          Map.entry("run_sql_query", "R-I-"),
          Map.entry("destination_smoke_test", "-D-O"),
          Map.entry("get_default_cloud_context", "R-IO"),
          Map.entry("describe_cloud_workspace", "R-IO"),
          Map.entry("get_cloud_organization_billing_status", "R-IO"),
          Map.entry("set_default_cloud_workspace", "-DIO"),
          Map.entry("deploy_connector_to_cloud", "---O"),
          Map.entry("deploy_source_to_cloud", "---O"),
          Map.entry("deploy_destination_to_cloud", "---O"),
          Map.entry("deploy_noop_destination_to_cloud", "---O"),
          Map.entry("create_connection_on_cloud", "---O"),
          Map.entry("run_cloud_sync", "---O"),
          Map.entry("get_cloud_sync_status", "R-IO"),
          Map.entry("list_cloud_sync_jobs", "R-IO"),
          Map.entry("get_cloud_sync_logs", "R-IO"),
          Map.entry("cancel_cloud_sync", "-DIO"),
          Map.entry("check_airbyte_cloud_workspace", "R-IO"),
          Map.entry("list_deployed_cloud_source_connectors", "R-IO"),
          Map.entry("list_deployed_cloud_destination_connectors", "R-IO"),
          Map.entry("describe_cloud_source", "R-IO"),
          Map.entry("describe_cloud_destination", "R-IO"),
          Map.entry("describe_cloud_connection", "R-IO"),
          Map.entry("list_cloud_connections", "R-IO"),
          Map.entry("list_deployed_cloud_connections", "R-IO"),
          Map.entry("list_cloud_workspaces", "R-IO"),
          Map.entry("list_cloud_organizations", "R-IO"),
          Map.entry("describe_cloud_organization", "R-IO"),
          Map.entry("get_connection_artifact", "R-IO"),
          Map.entry("check_cloud_source", "R-IO"),
          Map.entry("check_cloud_destination", "R-IO"),
          Map.entry("publish_custom_source_definition", "---O"),
          Map.entry("list_custom_source_definitions", "R-IO"),
          Map.entry("get_custom_source_definition", "R-IO"),
          Map.entry("get_connector_builder_draft_manifest", "R-IO"),
          Map.entry("update_custom_source_definition", "-D-O"),
          Map.entry("permanently_delete_custom_source_definition", "-D-O"),
          Map.entry("rename_cloud_source", "---O"),
          Map.entry("update_cloud_source_config", "-D-O"),
          Map.entry("rename_cloud_destination", "---O"),
          Map.entry("update_cloud_destination_config", "-D-O"),
          Map.entry("rename_cloud_connection", "---O"),
          Map.entry("set_cloud_connection_table_prefix", "-D-O"),
          Map.entry("set_cloud_connection_selected_streams", "-D-O"),
          Map.entry("update_cloud_connection", "-D-O"),
          Map.entry("permanently_delete_cloud_source", "-D-O"),
          Map.entry("permanently_delete_cloud_destination", "-D-O"),
          Map.entry("permanently_delete_cloud_connection", "-D-O"),
          Map.entry("list_cloud_connectors", "R-IO"),
          Map.entry("describe_cloud_connector", "R-IO"),
          Map.entry("rename_cloud_connector", "---O"),
          Map.entry("update_cloud_connector_config", "-D-O"),
          Map.entry("permanently_delete_cloud_connector", "-D-O"),
          Map.entry("check_cloud_connector", "R-IO"),
          Map.entry("show_connectors_list", "R-IO"),
          Map.entry("show_connection_sync_history", "R-IO"),
          Map.entry("show_workspace_sync_status", "R-IO"));

  @TempDir Path dir;

  @Test
  void everyToolSendsTheAnnotationsItSentBefore() {
    ToolHarness harness = new ToolHarness(dir, Map.of(), null, null);
    ToolAdapter adapter = new ToolAdapter(harness.masker, new DeferredSchemaValidator());
    Map<String, String> sent = new TreeMap<>();
    for (ToolDefinition tool : ToolCatalog.all(harness.services)) {
      sent.put(tool.name(), letters(adapter.adapt(tool).tool().annotations()));
    }
    Map<String, String> pinned = new TreeMap<>(PINNED);
    Map<String, String> changed = new LinkedHashMap<>();
    pinned.forEach(
        (name, letters) -> {
          if (!letters.equals(sent.get(name))) {
            changed.put(name, letters + " -> " + sent.get(name));
          }
        });
    assertEquals(Map.of(), changed, "tools whose annotations changed (pinned -> sent)");
    assertEquals(
        pinned.keySet(),
        sent.keySet(),
        "every tool has pinned annotations (a new tool adds its line here)");
  }

  private static String letters(McpSchema.ToolAnnotations a) {
    return (Boolean.TRUE.equals(a.readOnlyHint()) ? "R" : "-")
        + (Boolean.TRUE.equals(a.destructiveHint()) ? "D" : "-")
        + (Boolean.TRUE.equals(a.idempotentHint()) ? "I" : "-")
        + (Boolean.TRUE.equals(a.openWorldHint()) ? "O" : "-");
  }
}
