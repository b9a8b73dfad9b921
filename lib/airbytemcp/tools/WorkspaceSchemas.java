package airbytemcp.tools;

import static airbytemcp.tools.CloudToolSupport.object;
import static airbytemcp.tools.CloudToolSupport.str;
import static airbytemcp.tools.CloudToolSupport.strOrNull;
import static airbytemcp.tools.CloudToolSupport.type;

import java.util.Map;

/**
 * Output schemas of a workspace and an organization, stated once for every tool that returns them
 * (they mirror {@code Workspaces.WorkspaceInfo} and {@code Workspaces.OrganizationInfo}).
 */
final class WorkspaceSchemas {
  static final Map<String, Object> WORKSPACE =
      object(
          "workspace_id",
          str(),
          "workspace_name",
          str(),
          "workspace_url",
          strOrNull(),
          "organization_id",
          strOrNull(),
          "organization_name",
          strOrNull(),
          "payment_status",
          strOrNull(),
          "subscription_status",
          strOrNull(),
          "is_account_locked",
          type("boolean"));

  static final Map<String, Object> ORGANIZATION =
      object(
          "id",
          str(),
          "name",
          str(),
          "email",
          str(),
          "payment_status",
          strOrNull(),
          "subscription_status",
          strOrNull(),
          "is_account_locked",
          type("boolean"));

  private WorkspaceSchemas() {}
}
