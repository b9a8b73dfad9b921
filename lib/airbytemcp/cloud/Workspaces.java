package airbytemcp.cloud;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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

  Workspaces(AirbyteApi api, WebUrls urls, Optional<String> defaultOrganization) {
    this.api = api;
    this.urls = urls;
    this.defaultOrganization = defaultOrganization;
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
      String userId, String email, String previousWorkspaceId, String workspaceId) {}

  /**
   * Makes {@code workspaceId} the default workspace of the user with {@code email}: an
   * account-level change, made only when the email belongs to a user these credentials can see and
   * the workspace is reachable. Config API shapes: {@code /users/get_by_email} ({@code {email}})
   * and {@code /users/update} ({@code {userId, defaultWorkspaceId}}).
   */
  public DefaultWorkspaceChange setDefaultWorkspace(String email, String workspaceId) {
    String ws = CloudIds.uuid("workspace_id", workspaceId);
    if (email == null || !email.matches("[^@\\s]+@[^@\\s]+")) {
      throw new CloudError(
          "user_email must be an email address.", "Pass the signed-in user's own email.");
    }
    JsonNode user = api.config("/users/get_by_email", Json.object().put("email", email));
    String userId = text(user, "userId");
    if (userId == null || !email.equalsIgnoreCase(textOr(user, "email"))) {
      throw new CloudError(
          "No Airbyte user with the email '" + email + "' is visible to these credentials.",
          "Pass the email of the user these credentials belong to; nothing was changed.",
          404);
    }
    api.get("/workspaces/" + ws, ApiQuery.of());
    api.config(
        "/users/update",
        Json.object().put("userId", CloudIds.uuid("userId", userId)).put("defaultWorkspaceId", ws));
    return new DefaultWorkspaceChange(
        userId, textOr(user, "email"), text(user, "defaultWorkspaceId"), ws);
  }

  public OrganizationList organizations() {
    return organizations(Optional.empty(), Optional.empty());
  }

  /** Organizations whose name contains {@code nameContains} (any case), at most {@code limit}. */
  public OrganizationList organizations(Optional<String> nameContains, Optional<Integer> limit) {
    if (limit.isPresent() && limit.get() <= 0) {
      throw new CloudError("limit must be greater than 0.", null);
    }
    String needle = nameContains.map(n -> n.toLowerCase(java.util.Locale.ROOT)).orElse("");
    try {
      List<OrganizationInfo> orgs = new ArrayList<>();
      for (JsonNode org : api.get("/organizations", ApiQuery.of()).path("data")) {
        if (!textOr(org, "organizationName").toLowerCase(java.util.Locale.ROOT).contains(needle)
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
   * Workspaces of an organization (by id or exact name, else the default organization) through the
   * Config API, or every workspace the credentials can see through the public API.
   */
  public WorkspaceList list(
      Optional<String> orgId,
      Optional<String> orgName,
      Optional<String> nameContains,
      Optional<Integer> limit) {
    if (limit.isPresent() && limit.get() <= 0) {
      throw new CloudError("limit must be greater than 0.", null);
    }
    try {
      Optional<String> org =
          orgId
              .or(
                  () ->
                      orgName.map(
                          n ->
                              text(
                                  findOrganization(Optional.empty(), Optional.of(n)),
                                  "organizationId")))
              .or(() -> defaultOrganization);
      List<WorkspaceInfo> found =
          org.isPresent()
              ? inOrganization(org.get(), nameContains, limit)
              : visible(nameContains, limit);
      return new WorkspaceList(
          found,
          found.isEmpty()
              ? "No workspaces were returned for these credentials. Verify the credentials or ask the user for a "
                  + "workspace id."
              : null);
    } catch (CloudError e) {
      if (e.status() == 401 || e.status() == 403) {
        return new WorkspaceList(List.of(), NO_PERMISSION_MESSAGE);
      }
      throw e;
    }
  }

  private List<WorkspaceInfo> inOrganization(
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

  private List<WorkspaceInfo> visible(Optional<String> nameContains, Optional<Integer> limit) {
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

  private static WorkspaceInfo summary(JsonNode ws, String orgId) {
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
  private static Optional<JsonNode> optional(java.util.function.Supplier<JsonNode> call) {
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
