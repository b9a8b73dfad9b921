package airbytemcp.tools;

import static airbytemcp.tools.OutputSchemas.nullableString;
import static airbytemcp.tools.OutputSchemas.object;
import static airbytemcp.tools.OutputSchemas.string;
import static airbytemcp.tools.OutputSchemas.type;

import java.util.Map;

/**
 * Output schemas of a workspace and an organization, stated once for every tool that returns them
 * (they mirror {@code Workspaces.WorkspaceInfo} and {@code Workspaces.OrganizationInfo}).
 */
final class WorkspaceSchemas {
  static final Map<String, Object> WORKSPACE =
      object(
          "workspace_id",
          string(),
          "workspace_name",
          string(),
          "workspace_url",
          nullableString(),
          "organization_id",
          nullableString(),
          "organization_name",
          nullableString(),
          "payment_status",
          nullableString(),
          "subscription_status",
          nullableString(),
          "is_account_locked",
          type("boolean"));

  static final Map<String, Object> ORGANIZATION =
      object(
          "id",
          string(),
          "name",
          string(),
          "email",
          string(),
          "payment_status",
          nullableString(),
          "subscription_status",
          nullableString(),
          "is_account_locked",
          type("boolean"));

  private WorkspaceSchemas() {}
}
