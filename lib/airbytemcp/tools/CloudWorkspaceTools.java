package airbytemcp.tools;

import static airbytemcp.tools.CloudToolSupport.asMap;
import static airbytemcp.tools.CloudToolSupport.define;
import static airbytemcp.tools.CloudToolSupport.withWorkspace;
import static airbytemcp.tools.OutputSchemas.nullableString;
import static airbytemcp.tools.OutputSchemas.object;
import static airbytemcp.tools.OutputSchemas.type;

import airbytemcp.cloud.AirbyteCloud;
import airbytemcp.cloud.ApiQuery;
import airbytemcp.cloud.CloudError;
import airbytemcp.cloud.CloudIds;
import airbytemcp.cloud.WorkspaceChoice;
import airbytemcp.cloud.Workspaces;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Orientation: which organization and workspace calls use, one workspace, billing, the user's
 * default.
 */
final class CloudWorkspaceTools {
  private final CloudToolSupport support;

  CloudWorkspaceTools(CloudToolSupport support) {
    this.support = support;
  }

  List<ToolDefinition> definitions() {
    return List.of(defaultContext(), describeWorkspace(), billingStatus(), setDefaultWorkspace());
  }

  private ToolDefinition defaultContext() {
    return define(
        "get_default_cloud_context",
        "Start here: the organization and workspace Cloud calls use when none is given, where each came from, "
            + "and whether the credentials work.",
        InputSchema.builder(),
        object(
            "credentials_ok",
            type("boolean"),
            "message",
            nullableString(),
            "workspace_id",
            nullableString(),
            "workspace_origin",
            nullableString(),
            "workspace_name",
            nullableString(),
            "workspace_url",
            nullableString(),
            "organization_id",
            nullableString(),
            "organization_origin",
            nullableString(),
            "user_id",
            nullableString(),
            "user_email",
            nullableString()),
        ToolHints.OPEN_WORLD_READ,
        Set.of(),
        call -> ToolResult.data(context(support.cloud(call))));
  }

  /** Never fails for a domain problem: what is missing or refused is part of the answer. */
  private static Map<String, Object> context(AirbyteCloud cloud) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("credentials_ok", false);
    out.put("message", null);
    out.put("workspace_id", null);
    out.put("workspace_origin", null);
    out.put("workspace_name", null);
    out.put("workspace_url", null);
    out.put("organization_id", null);
    out.put("organization_origin", null);
    out.put("user_id", null);
    out.put("user_email", null);
    try {
      cloud.api().requireCredentials();
    } catch (CloudError e) {
      out.put("message", e.messageWithHint());
      return out;
    }
    try {
      WorkspaceChoice choice = cloud.resolveWorkspace(Optional.empty());
      out.put("workspace_id", choice.id());
      out.put("workspace_origin", choice.origin());
      Workspaces.WorkspaceInfo info = cloud.workspaces().check(choice.id());
      out.put("credentials_ok", true);
      out.put("workspace_name", info.workspaceName());
      out.put("workspace_url", info.workspaceUrl());
    } catch (CloudError e) {
      out.put("message", e.messageWithHint());
      if (out.get("workspace_id") == null) {
        out.put("credentials_ok", credentialsWork(cloud));
      }
    }
    cloud
        .users()
        .signedInIfKnown()
        .ifPresent(
            user -> {
              out.put("user_id", user.userId());
              out.put("user_email", user.email());
            });
    Optional<String> configured = configuredOrganization(cloud);
    if (configured.isPresent()) {
      out.put("organization_id", configured.get());
      out.put("organization_origin", WorkspaceChoice.SETTING);
    } else if (out.get("workspace_id") != null && Boolean.TRUE.equals(out.get("credentials_ok"))) {
      cloud
          .workspaces()
          .organizationOf((String) out.get("workspace_id"))
          .ifPresent(
              org -> {
                out.put("organization_id", org);
                out.put("organization_origin", "workspace");
              });
    }
    return out;
  }

  /**
   * Whether Airbyte accepts the credentials at all (a one-item workspace list needs no special
   * permission).
   */
  private static boolean credentialsWork(AirbyteCloud cloud) {
    try {
      cloud.api().get("/workspaces", ApiQuery.of().add("limit", 1));
      return true;
    } catch (CloudError e) {
      return false;
    }
  }

  private static Optional<String> configuredOrganization(AirbyteCloud cloud) {
    try {
      return cloud.configuredOrganization();
    } catch (CloudError e) {
      return Optional.empty();
    }
  }

  private ToolDefinition describeWorkspace() {
    return define(
        "describe_cloud_workspace",
        "Describe one workspace: name, link and organization (billing: get_cloud_organization_billing_status).",
        withWorkspace(),
        WorkspaceSchemas.WORKSPACE,
        ToolHints.OPEN_WORLD_READ,
        Set.of(),
        call ->
            ToolResult.data(
                asMap(support.cloud(call).workspaces().check(support.workspace(call)))));
  }

  private ToolDefinition billingStatus() {
    return define(
        "get_cloud_organization_billing_status",
        "Billing and lock status of an organization: the given one, else the configured one, else the "
            + "organization of the workspace calls use.",
        withWorkspace()
            .string("organization_id", "Organization id; resolved as described when left out."),
        WorkspaceSchemas.ORGANIZATION,
        ToolHints.OPEN_WORLD_READ,
        Set.of(),
        call -> {
          AirbyteCloud cloud = support.cloud(call);
          cloud.api().requireCredentials();
          Optional<String> given =
              call.args()
                  .optionalString("organization_id")
                  .map(o -> CloudIds.uuid("organization_id", o));
          String org =
              given
                  .or(cloud::configuredOrganization)
                  .or(() -> cloud.workspaces().organizationOf(support.workspace(call)))
                  .orElseThrow(
                      () ->
                          new CloudError(
                              "No organization is known for this call.",
                              "Pass organization_id (list_cloud_organizations shows the ones these credentials can see)."));
          return ToolResult.data(asMap(cloud.workspaces().billingStatus(org)));
        });
  }

  private ToolDefinition setDefaultWorkspace() {
    return define(
        "set_default_cloud_workspace",
        "Make a workspace the signed-in user's default, an account-level change; only on the user's explicit "
            + "request, confirmed by their own email.",
        InputSchema.builder()
            .requiredString("user_email", "The signed-in user's own email, as confirmation.")
            .requiredString("workspace_id", "Id of the workspace to make the default."),
        null,
        ToolHints.writes().destructive().idempotent().openWorld().build(),
        Set.of(ToolTrait.CHANGES_CLOUD),
        call -> {
          ToolArgs args = call.args();
          AirbyteCloud cloud = support.cloud(call);
          cloud.api().requireCredentials();
          Workspaces.DefaultWorkspaceChange change =
              cloud
                  .workspaces()
                  .setDefaultWorkspace(
                      args.requiredString("user_email"), args.requiredString("workspace_id"));
          return ToolResult.text(
              "The default workspace of "
                  + change.email()
                  + " is now "
                  + change.workspaceId()
                  + " (membership: "
                  + change.membershipBasis()
                  + (change.previousWorkspaceId() == null
                      ? ")"
                      : "; it was " + change.previousWorkspaceId() + ")")
                  + ", here and in the Airbyte web app.");
        });
  }
}
