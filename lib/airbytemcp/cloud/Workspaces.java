package airbytemcp.cloud;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** Workspaces and organizations: what the credentials can reach, and billing status. */
public final class Workspaces {
  static final String ORG_UNAVAILABLE = "[unavailable - requires ORGANIZATION_READER permission]";
  static final String NO_PERMISSION_MESSAGE =
      "Organization or workspace discovery is unavailable because these credentials lack the permission. "
          + "Ask the user for an organization or workspace id, or use credentials with that access.";

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record WorkspaceInfo(
      String workspaceId,
      String workspaceName,
      String workspaceUrl,
      String organizationId,
      String organizationName,
      String paymentStatus,
      String subscriptionStatus,
      boolean isAccountLocked) {}

  public record WorkspaceList(List<WorkspaceInfo> workspaces, String message) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record OrganizationInfo(
      String id,
      String name,
      String email,
      String paymentStatus,
      String subscriptionStatus,
      boolean isAccountLocked) {}

  public record OrganizationList(List<OrganizationInfo> organizations, String message) {}

  private record Billing(String paymentStatus, String subscriptionStatus) {
    boolean locked() {
      return Set.of("disabled", "locked").contains(String.valueOf(paymentStatus))
          || "unsubscribed".equals(subscriptionStatus);
    }
  }

  private final AirbyteApi api;
  private final WebUrls urls;
  private final Optional<String> defaultOrganization;
  private final Users users;
  private final WorkspaceScopes scopes;

  Workspaces(AirbyteApi api, WebUrls urls, Optional<String> defaultOrganization, Users users) {
    this.api = api;
    this.urls = urls;
    this.defaultOrganization = defaultOrganization;
    this.users = users;
    this.scopes = new WorkspaceScopes(api, users, this);
  }

  /**
   * The signed-in user's default workspace in Airbyte, when the credentials name a user who has
   * one. Any failure leaves it empty: the next step of the resolution then applies.
   */
  public Optional<WorkspaceChoice> userDefaultWorkspace() {
    return users
        .signedInIfKnown()
        .map(Users.SignedInUser::defaultWorkspaceId)
        .map(id -> new WorkspaceChoice(id, WorkspaceChoice.USER_DEFAULT));
  }

  /**
   * A workspace found without being named: the only one these credentials can reach. Empty when
   * there are none, several, or the list is not readable (the caller then explains how to choose).
   */
  public Optional<WorkspaceChoice> derivedWorkspace() {
    try {
      List<JsonNode> visible = api.list("/workspaces", ApiQuery.of(), Optional.of(2));
      return visible.size() == 1 && CloudIds.isUuid(text(visible.get(0), "workspaceId"))
          ? Optional.of(
              new WorkspaceChoice(
                  text(visible.get(0), "workspaceId"), WorkspaceChoice.SINGLE_GRANT))
          : Optional.empty();
    } catch (CloudError e) {
      return Optional.empty();
    }
  }

  /**
   * Proves the credentials work for a workspace and describes it, with its organization when
   * visible.
   */
  public WorkspaceInfo check(String workspaceId) {
    JsonNode workspace =
        api.get("/workspaces/" + CloudIds.uuid("workspace_id", workspaceId), ApiQuery.of());
    Optional<JsonNode> org =
        optional(
            () ->
                api.config(
                    "/workspaces/get_organization_info",
                    Json.object().put("workspaceId", workspaceId)));
    String orgId = org.map(o -> text(o, "organizationId")).orElse(null);
    Billing billing = orgId == null ? new Billing(null, null) : billing(orgId);
    return new WorkspaceInfo(
        text(workspace, "workspaceId"),
        text(workspace, "name"),
        urls.workspace(workspaceId),
        orgId == null ? ORG_UNAVAILABLE : orgId,
        org.map(o -> text(o, "organizationName")).orElse(null),
        billing.paymentStatus(),
        billing.subscriptionStatus(),
        billing.locked());
  }

  /** The organization a workspace belongs to, when these credentials may read it. */
  public Optional<String> organizationOf(String workspaceId) {
    return optional(
            () ->
                api.config(
                    "/workspaces/get_organization_info",
                    Json.object().put("workspaceId", CloudIds.uuid("workspace_id", workspaceId))))
        .map(o -> text(o, "organizationId"))
        .filter(CloudIds::isUuid);
  }

  /**
   * Billing and lock status of an organization (they live on the organization, not the workspace).
   */
  public OrganizationInfo billingStatus(String organizationId) {
    String orgId = CloudIds.uuid("organization_id", organizationId);
    JsonNode info =
        api.config(
            "/organizations/get_organization_info", Json.object().put("organizationId", orgId));
    Billing billing =
        new Billing(
            text(info.path("billing"), "paymentStatus"),
            text(info.path("billing"), "subscriptionStatus"));
    return new OrganizationInfo(
        orgId,
        textOr(info, "organizationName"),
        textOr(info, "email"),
        billing.paymentStatus(),
        billing.subscriptionStatus(),
        billing.locked());
  }

  /** What changed when a user's default workspace was set. */
  public record DefaultWorkspaceChange(
      String userId,
      String email,
      String previousWorkspaceId,
      String workspaceId,
      String membershipBasis) {}

  /**
   * Makes {@code workspaceId} the signed-in user's default workspace: an account-level change, made
   * only when {@code email} is that user's own (any case, outer spaces ignored), proven by the
   * credentials (see {@link Users}), and the workspace is reachable. Config API {@code
   * /users/update} ({@code {userId, defaultWorkspaceId}}).
   */
  public DefaultWorkspaceChange setDefaultWorkspace(String email, String workspaceId) {
    String ws = CloudIds.uuid("workspace_id", workspaceId);
    String given = email == null ? "" : email.strip();
    if (!given.matches("[^@\\s]+@[^@\\s]+")) {
      throw new CloudError(
          "user_email must be an email address. Nothing was changed.",
          "Pass the signed-in user's own email (get_default_cloud_context shows it).");
    }
    Users.SignedInUser user;
    try {
      user = users.signedIn();
    } catch (CloudError e) {
      throw new CloudError(
          "The signed-in user could not be confirmed, so the default workspace was not changed. "
              + e.getMessage(),
          e.hint(),
          e.status());
    }
    if (user.email() == null || !user.email().strip().equalsIgnoreCase(given)) {
      throw new CloudError(
          "user_email '"
              + CloudIds.shown(given)
              + "' is not the email of the user these credentials belong to. Nothing was changed.",
          "A default workspace can only be set for the signed-in user: pass that user's email, as "
              + "get_default_cloud_context shows it, and only when the user asked for this change.",
          403);
    }
    api.get("/workspaces/" + ws, ApiQuery.of());
    String basis = membership(user.userId(), ws);
    api.config(
        "/users/update", Json.object().put("userId", user.userId()).put("defaultWorkspaceId", ws));
    return new DefaultWorkspaceChange(
        user.userId(), user.email(), user.defaultWorkspaceId(), ws, basis);
  }

  /**
   * How the user belongs to a workspace: {@code workspace} (a grant on it) or {@code organization}
   * (a grant on its organization). Anything else (an admin's reach alone) is refused: a default
   * workspace must be one the user is a member of.
   */
  private String membership(String userId, String workspaceId) {
    List<Users.Grant> grants = users.grants(userId);
    if (grants.stream().anyMatch(g -> workspaceId.equals(g.workspaceId()))) {
      return "workspace";
    }
    Optional<String> org = organizationOf(workspaceId);
    if (org.isPresent()
        && grants.stream()
            .anyMatch(g -> g.onOrganization() && org.get().equals(g.organizationId()))) {
      return "organization";
    }
    throw new CloudError(
        "The signed-in user is not a member of workspace "
            + workspaceId
            + ", directly or through its organization. Nothing was changed.",
        "Pick one of the user's own workspaces (list_cloud_workspaces with privilege_scope=any lists them).",
        403);
  }

  public OrganizationList organizations() {
    return organizations(Optional.empty(), Optional.empty());
  }

  /** Organizations whose name contains {@code nameContains} (any case), at most {@code limit}. */
  public OrganizationList organizations(Optional<String> nameContains, Optional<Integer> limit) {
    if (limit.isPresent() && limit.get() <= 0) {
      throw new CloudError("limit must be greater than 0.", null);
    }
    String needle = nameContains.map(n -> n.toLowerCase(Locale.ROOT)).orElse("");
    try {
      List<OrganizationInfo> orgs = new ArrayList<>();
      for (JsonNode org : api.get("/organizations", ApiQuery.of()).path("data")) {
        if (!textOr(org, "organizationName").toLowerCase(Locale.ROOT).contains(needle)
            || limit.map(l -> orgs.size() >= l).orElse(false)) {
          continue;
        }
        orgs.add(
            new OrganizationInfo(
                text(org, "organizationId"),
                textOr(org, "organizationName"),
                textOr(org, "email"),
                null,
                null,
                false));
      }
      return new OrganizationList(
          orgs,
          orgs.isEmpty()
              ? "No organizations were returned for these credentials. Verify the credentials or ask the user for an "
                  + "organization id."
              : null);
    } catch (CloudError e) {
      if (e.status() == 401 || e.status() == 403) {
        return new OrganizationList(List.of(), NO_PERMISSION_MESSAGE);
      }
      throw e;
    }
  }

  public OrganizationInfo describeOrganization(Optional<String> id, Optional<String> name) {
    if (id.isPresent() == name.isPresent()) {
      throw new CloudError(
          "Give exactly one of organization_id and organization_name.",
          "list_cloud_organizations shows the organizations these credentials can see.");
    }
    JsonNode org = findOrganization(id, name);
    String orgId = text(org, "organizationId");
    Billing billing = billing(orgId);
    return new OrganizationInfo(
        orgId,
        textOr(org, "organizationName"),
        textOr(org, "email"),
        billing.paymentStatus(),
        billing.subscriptionStatus(),
        billing.locked());
  }

  /**
   * Workspaces of an organization named by id or exact name (the scope is then moot); else those
   * the scope reaches from the signed-in user's grants; without a scope, those of the configured
   * organization, else the user's direct grants, else (no user known) every workspace the
   * credentials can see.
   */
  public WorkspaceList list(
      Optional<String> orgId,
      Optional<String> orgName,
      Optional<String> nameContains,
      Optional<Integer> limit,
      Optional<PrivilegeScope> scope) {
    if (limit.isPresent() && limit.get() <= 0) {
      throw new CloudError("limit must be greater than 0.", null);
    }
    try {
      Optional<String> named =
          orgId.or(
              () ->
                  orgName.map(
                      n ->
                          text(
                              findOrganization(Optional.empty(), Optional.of(n)),
                              "organizationId")));
      Optional<PrivilegeScope> applied = named.isPresent() ? Optional.empty() : scope;
      List<WorkspaceInfo> found;
      if (named.isPresent()) {
        found = inOrganization(named.get(), nameContains, limit);
      } else if (scope.isPresent()) {
        found = scopes.list(scopedUser().userId(), scope.get(), nameContains, limit);
      } else if (defaultOrganization.isPresent()) {
        found = inOrganization(defaultOrganization.get(), nameContains, limit);
      } else {
        Optional<List<WorkspaceInfo>> granted = directGrantsIfKnown(nameContains, limit);
        applied = granted.map(g -> PrivilegeScope.MEMBER_OF);
        found = granted.orElseGet(() -> visible(nameContains, limit));
      }
      return new WorkspaceList(found, found.isEmpty() ? emptyListMessage(applied) : null);
    } catch (CloudError e) {
      if (e.status() == 401 || e.status() == 403) {
        return new WorkspaceList(List.of(), NO_PERMISSION_MESSAGE);
      }
      throw e;
    }
  }

  /**
   * The signed-in user's direct grants, or empty when no user is known or the grants are not
   * readable (the caller then lists what the credentials can see instead).
   */
  private Optional<List<WorkspaceInfo>> directGrantsIfKnown(
      Optional<String> nameContains, Optional<Integer> limit) {
    Optional<Users.SignedInUser> user = users.signedInIfKnown();
    if (user.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          scopes.list(user.get().userId(), PrivilegeScope.MEMBER_OF, nameContains, limit));
    } catch (CloudError e) {
      return Optional.empty();
    }
  }

  /** The signed-in user an explicit privilege_scope is about; fails when none is known. */
  private Users.SignedInUser scopedUser() {
    try {
      return users.signedIn();
    } catch (CloudError e) {
      throw new CloudError(
          "privilege_scope works from the signed-in user's grants, which are unknown here: "
              + e.getMessage(),
          "Omit privilege_scope to list the workspaces these credentials can see, or pass organization_id.",
          e.status());
    }
  }

  private static String emptyListMessage(Optional<PrivilegeScope> applied) {
    if (applied.isPresent() && applied.get() != PrivilegeScope.ANY) {
      return "No workspaces were found for privilege_scope="
          + applied.get().value()
          + ". Pass organization_id, or a broader privilege_scope (organization_admin, any), or call "
          + "get_default_cloud_context to see the signed-in user.";
    }
    return "No workspaces were returned for these credentials. Verify the credentials or ask the user for a "
        + "workspace id.";
  }

  List<WorkspaceInfo> inOrganization(
      String orgId, Optional<String> nameContains, Optional<Integer> limit) {
    List<WorkspaceInfo> found = new ArrayList<>();
    for (int offset = 0; ; offset += AirbyteApi.PAGE_SIZE) {
      ObjectNode body = Json.object().put("organizationId", orgId);
      body.putObject("pagination").put("pageSize", AirbyteApi.PAGE_SIZE).put("rowOffset", offset);
      nameContains.ifPresent(n -> body.put("nameContains", n));
      JsonNode page = api.config("/workspaces/list_by_organization_id", body).path("workspaces");
      for (JsonNode ws : page) {
        found.add(
            summary(
                ws, textOr(ws, "organizationId").isEmpty() ? orgId : text(ws, "organizationId")));
      }
      if (page.size() < AirbyteApi.PAGE_SIZE || limit.map(l -> found.size() >= l).orElse(false)) {
        return limit.map(l -> found.subList(0, Math.min(l, found.size()))).orElse(found);
      }
    }
  }

  List<WorkspaceInfo> visible(Optional<String> nameContains, Optional<Integer> limit) {
    List<WorkspaceInfo> found = new ArrayList<>();
    for (JsonNode ws :
        api.list(
            "/workspaces", ApiQuery.of(), nameContains.isPresent() ? Optional.empty() : limit)) {
      if (nameContains.isEmpty() || textOr(ws, "name").contains(nameContains.get())) {
        found.add(summary(ws, null));
      }
    }
    return limit.map(l -> found.subList(0, Math.min(l, found.size()))).orElse(found);
  }

  static WorkspaceInfo summary(JsonNode ws, String orgId) {
    return new WorkspaceInfo(
        text(ws, "workspaceId"), textOr(ws, "name"), null, orgId, null, null, null, false);
  }

  private JsonNode findOrganization(Optional<String> id, Optional<String> name) {
    List<JsonNode> matches = new ArrayList<>();
    for (JsonNode org : api.get("/organizations", ApiQuery.of()).path("data")) {
      if (id.map(i -> i.equals(text(org, "organizationId"))).orElse(false)
          || name.map(n -> n.equals(text(org, "organizationName"))).orElse(false)) {
        matches.add(org);
      }
    }
    String label = id.map(i -> "id '" + i + "'").orElseGet(() -> "name '" + name.orElse("") + "'");
    if (matches.isEmpty()) {
      throw new CloudError(
          "No organization with " + label + " is visible to these credentials.",
          "list_cloud_organizations shows the organizations these credentials can see (names match exactly).",
          404);
    }
    if (matches.size() > 1) {
      throw new CloudError(
          "Several organizations have the " + label + ".",
          "Pass organization_id instead; list_cloud_organizations shows the ids.");
    }
    return matches.get(0);
  }

  private Billing billing(String orgId) {
    return optional(
            () ->
                api.config(
                    "/organizations/get_organization_info",
                    Json.object().put("organizationId", orgId)))
        .map(
            info ->
                new Billing(
                    text(info.path("billing"), "paymentStatus"),
                    text(info.path("billing"), "subscriptionStatus")))
        .orElse(new Billing(null, null));
  }

  /**
   * Extra details that need more permission than the call itself: absent instead of failing the
   * call.
   */
  private static Optional<JsonNode> optional(Supplier<JsonNode> call) {
    try {
      return Optional.of(call.get());
    } catch (CloudError e) {
      return Optional.empty();
    }
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  static String textOr(JsonNode node, String field) {
    String value = text(node, field);
    return value == null ? "" : value;
  }
}
