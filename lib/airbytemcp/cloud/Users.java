package airbytemcp.cloud;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Airbyte user the credentials belong to, and what that user was granted. The public API has no
 * "current user" endpoint, so this follows Airbyte's Config API as its own clients use it: the
 * token's claims name the auth provider's user, {@code /users/get_by_auth_id} ({@code {authUserId,
 * authProvider}}, answering a UserRead with {@code userId}, {@code email}, {@code
 * defaultWorkspaceId}) turns it into the Airbyte user, and {@code /permissions/list_by_user}
 * ({@code {userId}}, answering {@code {permissions: [PermissionRead]}}) lists the grants.
 */
public final class Users {
  /** The auth provider Airbyte Cloud signs users in with (its own clients name it the same way). */
  static final String AUTH_PROVIDER = "keycloak";

  /** The signed-in user: Airbyte's user id, email, and default workspace when one is set. */
  public record SignedInUser(String userId, String email, String name, String defaultWorkspaceId) {}

  /**
   * One grant: its type ({@code workspace_admin}, {@code organization_member}, {@code
   * instance_admin}...) and the workspace or organization it covers, if any.
   */
  public record Grant(String permissionType, String workspaceId, String organizationId) {
    boolean onWorkspace() {
      return workspaceId != null;
    }

    boolean onOrganization() {
      return workspaceId == null && organizationId != null;
    }

    boolean instanceAdmin() {
      return "instance_admin".equals(permissionType);
    }
  }

  private final AirbyteApi api;

  Users(AirbyteApi api) {
    this.api = api;
  }

  /**
   * The signed-in user, proven by the credentials themselves (never by anything a caller passes).
   * Fails with a message saying why when the credentials name no user or Airbyte does not answer.
   */
  public SignedInUser signedIn() {
    String authUserId =
        api.authUserId()
            .orElseThrow(
                () ->
                    new CloudError(
                        "These credentials do not say which Airbyte user they belong to (the access token "
                            + "carries no user claim).",
                        "Use an Airbyte access token or application of the user concerned."));
    JsonNode user;
    try {
      user =
          api.config(
              "/users/get_by_auth_id",
              Json.object().put("authUserId", authUserId).put("authProvider", AUTH_PROVIDER));
    } catch (CloudError e) {
      throw new CloudError(
          "Could not look up the Airbyte user these credentials belong to: " + e.getMessage(),
          e.hint(),
          e.status());
    }
    String userId = Workspaces.text(user, "userId");
    if (userId == null || !CloudIds.isUuid(userId)) {
      throw new CloudError(
          "Airbyte's answer about the signed-in user carried no user id.",
          "Check that AIRBYTE_CLOUD_CONFIG_API_URL points at Airbyte's Config API.");
    }
    String defaultWorkspace = Workspaces.text(user, "defaultWorkspaceId");
    return new SignedInUser(
        userId,
        Workspaces.text(user, "email"),
        Workspaces.text(user, "name"),
        CloudIds.isUuid(defaultWorkspace) ? defaultWorkspace : null);
  }

  /** The signed-in user when the credentials name one and Airbyte answers; else empty. */
  public Optional<SignedInUser> signedInIfKnown() {
    try {
      return Optional.of(signedIn());
    } catch (CloudError e) {
      return Optional.empty();
    }
  }

  /** Every grant of a user (older servers answer a bare list instead of the envelope). */
  public List<Grant> grants(String userId) {
    JsonNode answer =
        api.config(
            "/permissions/list_by_user",
            Json.object().put("userId", CloudIds.uuid("userId", userId)));
    JsonNode items = answer.isArray() ? answer : answer.path("permissions");
    List<Grant> grants = new ArrayList<>();
    for (JsonNode item : items) {
      String workspace = Workspaces.text(item, "workspaceId");
      String organization = Workspaces.text(item, "organizationId");
      grants.add(
          new Grant(
              Workspaces.text(item, "permissionType"),
              CloudIds.isUuid(workspace) ? workspace : null,
              CloudIds.isUuid(organization) ? organization : null));
    }
    return grants;
  }
}
