package airbytemcp.tools;

import airbytemcp.cloud.AirbyteCloud;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Cloud domain: operate Airbyte Cloud or a self-managed Airbyte through its APIs. Tools that
 * change Cloud objects carry {@link ToolTrait#CHANGES_CLOUD} (hidden in read-only mode); safe mode
 * is enforced by the services they call.
 */
public final class CloudTools {
  private final CloudToolSupport support;

  public CloudTools(Services services) {
    this(services, services.cloud());
  }

  /**
   * With a Cloud wired apart from the services (tests use short poll intervals and retry waits).
   */
  public CloudTools(Services services, AirbyteCloud cloud) {
    this.support = new CloudToolSupport(services, cloud);
  }

  /**
   * Names the official server has replaced (see the README's table): they still answer calls, so
   * existing prompts keep working, but are not listed.
   */
  static final Set<String> OLDER_NAMES =
      Set.of(
          "deploy_source_to_cloud",
          "deploy_destination_to_cloud",
          "list_deployed_cloud_source_connectors",
          "list_deployed_cloud_destination_connectors",
          "describe_cloud_source",
          "describe_cloud_destination",
          "rename_cloud_source",
          "rename_cloud_destination",
          "update_cloud_source_config",
          "update_cloud_destination_config",
          "permanently_delete_cloud_source",
          "permanently_delete_cloud_destination",
          "list_deployed_cloud_connections",
          "check_cloud_source",
          "check_cloud_destination",
          "check_airbyte_cloud_workspace");

  public List<ToolDefinition> definitions() {
    List<ToolDefinition> tools = new ArrayList<>();
    tools.addAll(new CloudWorkspaceTools(support).definitions());
    tools.addAll(new CloudDeployTools(support).definitions());
    tools.addAll(new CloudSyncTools(support).definitions());
    tools.addAll(new CloudInspectTools(support).definitions());
    tools.addAll(new CustomSourceTools(support).definitions());
    tools.addAll(new CloudChangeTools(support).definitions());
    Map<String, ToolDefinition> byName = new LinkedHashMap<>();
    tools.forEach(t -> byName.put(t.name(), t));
    tools.addAll(new CloudConnectorTools(support, byName).definitions());
    return tools.stream().map(t -> OLDER_NAMES.contains(t.name()) ? unlisted(t) : t).toList();
  }

  private static ToolDefinition unlisted(ToolDefinition tool) {
    Set<ToolTrait> traits = new HashSet<>(tool.traits());
    traits.add(ToolTrait.UNLISTED);
    return new ToolDefinition(
        tool.name(),
        tool.domain(),
        tool.description(),
        tool.inputSchema(),
        tool.outputSchema(),
        tool.hints(),
        traits,
        tool.handler(),
        tool.uiResourceUri());
  }
}
