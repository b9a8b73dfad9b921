package airbytemcp.tools;

import airbytemcp.cloud.AirbyteCloud;
import java.util.ArrayList;
import java.util.List;

/**
 * The Cloud domain: operate Airbyte Cloud or a self-managed Airbyte through its APIs. Tools that change Cloud
 * objects carry {@link ToolTrait#CHANGES_CLOUD} (hidden in read-only mode); safe mode is enforced by the
 * services they call.
 */
public final class CloudTools {
  private final CloudToolSupport support;

  public CloudTools(Services services) {
    this(services, services.cloud());
  }

  /** With a Cloud wired apart from the services (tests use short poll intervals and retry waits). */
  public CloudTools(Services services, AirbyteCloud cloud) {
    this.support = new CloudToolSupport(services, cloud);
  }

  public List<ToolDefinition> definitions() {
    List<ToolDefinition> tools = new ArrayList<>();
    tools.addAll(new CloudDeployTools(support).definitions());
    tools.addAll(new CloudSyncTools(support).definitions());
    tools.addAll(new CloudInspectTools(support).definitions());
    tools.addAll(new CustomSourceTools(support).definitions());
    tools.addAll(new CloudChangeTools(support).definitions());
    return List.copyOf(tools);
  }
}
