package airbytemcp.cloud;

import airbytemcp.cloud.Users.Grant;
import airbytemcp.cloud.Workspaces.WorkspaceInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The workspaces a {@link PrivilegeScope} reaches from the signed-in user's grants. Fails closed:
 * when the user or the grants cannot be read, nothing wider is listed in their place.
 */
final class WorkspaceScopes {
  private final AirbyteApi api;
  private final Users users;
  private final Workspaces workspaces;

  WorkspaceScopes(AirbyteApi api, Users users, Workspaces workspaces) {
    this.api = api;
    this.users = users;
    this.workspaces = workspaces;
  }

  /** The workspaces {@code scope} reaches for the user {@code userId} (the signed-in one). */
  List<WorkspaceInfo> list(
      String userId, PrivilegeScope scope, Optional<String> nameContains, Optional<Integer> limit) {
    List<Grant> grants = users.grants(userId);
    boolean instanceAdmin = grants.stream().anyMatch(Grant::instanceAdmin);
    return switch (scope) {
      case MEMBER_OF -> direct(grants, nameContains, limit);
      case ORGANIZATION_ADMIN -> inOrganizations(grants, nameContains, limit);
      case INSTANCE_ADMIN -> {
        if (!instanceAdmin) {
          throw new CloudError(
              "privilege_scope=instance_admin needs the instance_admin grant, which the signed-in user "
                  + "does not hold.",
              "Use member_of (direct grants), organization_admin (your organizations' workspaces) or any.");
        }
        yield workspaces.visible(nameContains, limit);
      }
      case ANY -> {
        if (instanceAdmin) {
          yield workspaces.visible(nameContains, limit);
        }
        Map<String, WorkspaceInfo> merged = new LinkedHashMap<>();
        for (WorkspaceInfo ws : inOrganizations(grants, nameContains, limit)) {
          merged.putIfAbsent(ws.workspaceId(), ws);
        }
        for (WorkspaceInfo ws : direct(grants, nameContains, Optional.empty())) {
          if (limit.map(l -> merged.size() >= l).orElse(false)) {
            break;
          }
          merged.putIfAbsent(ws.workspaceId(), ws);
        }
        yield List.copyOf(merged.values());
      }
    };
  }

  /**
   * Workspaces granted directly, each read from the public API; a grant whose workspace is gone
   * (404) is skipped, any other failure is reported.
   */
  private List<WorkspaceInfo> direct(
      List<Grant> grants, Optional<String> nameContains, Optional<Integer> limit) {
    Set<String> ids = new LinkedHashSet<>();
    grants.stream().filter(Grant::onWorkspace).forEach(g -> ids.add(g.workspaceId()));
    String needle = nameContains.map(n -> n.toLowerCase(Locale.ROOT)).orElse("");
    List<WorkspaceInfo> found = new ArrayList<>();
    for (String id : ids) {
      if (limit.map(l -> found.size() >= l).orElse(false)) {
        break;
      }
      try {
        WorkspaceInfo ws = Workspaces.summary(api.get("/workspaces/" + id, ApiQuery.of()), null);
        if (ws.workspaceName().toLowerCase(Locale.ROOT).contains(needle)) {
          found.add(ws);
        }
      } catch (CloudError e) {
        if (e.status() != 404) {
          throw e;
        }
      }
    }
    return found;
  }

  /** Every workspace of the organizations the user holds a grant in (member or admin). */
  private List<WorkspaceInfo> inOrganizations(
      List<Grant> grants, Optional<String> nameContains, Optional<Integer> limit) {
    Set<String> orgs = new LinkedHashSet<>();
    grants.stream().filter(Grant::onOrganization).forEach(g -> orgs.add(g.organizationId()));
    Map<String, WorkspaceInfo> found = new LinkedHashMap<>();
    for (String org : orgs) {
      int left = limit.map(l -> l - found.size()).orElse(Integer.MAX_VALUE);
      if (left <= 0) {
        break;
      }
      Optional<Integer> pageLimit = limit.isPresent() ? Optional.of(left) : Optional.empty();
      for (WorkspaceInfo ws : workspaces.inOrganization(org, nameContains, pageLimit)) {
        found.putIfAbsent(ws.workspaceId(), ws);
      }
    }
    return List.copyOf(found.values());
  }
}
