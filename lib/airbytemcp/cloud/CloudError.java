package airbytemcp.cloud;

import airbytemcp.common.UserError;

/** A failure talking to Airbyte Cloud or a self-managed Airbyte, with what to do about it. */
public final class CloudError extends UserError {
  /** The HTTP status that caused it, or 0 when there was no answer. */
  private final int status;

  public CloudError(String message, String hint) {
    this(message, hint, 0);
  }

  public CloudError(String message, String hint, int status) {
    super(message, hint);
    this.status = status;
  }

  public int status() {
    return status;
  }

  static final String DISCOVER_HINT =
      "Several workspaces (or none) are reachable, so none was picked. Call list_cloud_organizations and "
          + "list_cloud_workspaces; if exactly one workspace comes back use its id, "
          + "otherwise ask the user which one to use (never pick one yourself). Then pass it as workspace_id, or "
          + "set AIRBYTE_CLOUD_WORKSPACE_ID in the dotenv file and restart the server.";

  static CloudError missingWorkspace() {
    return new CloudError("No Airbyte workspace is known for this call.", DISCOVER_HINT);
  }

  static CloudError noCredentials() {
    return new CloudError(
        "No Airbyte credentials are configured.",
        "Set AIRBYTE_CLOUD_CLIENT_ID and AIRBYTE_CLOUD_CLIENT_SECRET (or AIRBYTE_CLOUD_BEARER_TOKEN) in the dotenv "
            + "file named by AIRBYTE_MCP_ENV_FILE and restart the server. Cloud users create an application under "
            + "Settings > Applications at https://cloud.airbyte.com.");
  }
}
