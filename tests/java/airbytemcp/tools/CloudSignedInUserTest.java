package airbytemcp.tools;

import static airbytemcp.cloud.FakeAirbyte.AUTH_USER;
import static airbytemcp.cloud.FakeAirbyte.ORGANIZATION;
import static airbytemcp.cloud.FakeAirbyte.USER;
import static airbytemcp.cloud.FakeAirbyte.WORKSPACE;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.cloud.ApiConformance;
import airbytemcp.cloud.CloudCaller;
import airbytemcp.cloud.CloudError;
import airbytemcp.cloud.FakeAirbyte;
import airbytemcp.common.Json;
import airbytemcp.config.SettingsLoader;
import airbytemcp.server.ToolVisibility;
import airbytemcp.testing.FakeToolCall;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the Cloud tools learn from the signed-in user: the user's default workspace in the
 * resolution chain, the email check of set_default_cloud_workspace, and list_cloud_workspaces'
 * privilege_scope. Public API requests are checked against Airbyte's OpenAPI spec; the user and
 * grant lookups, absent from that spec, follow Airbyte's Config API ({@code /users/get_by_auth_id}
 * with UserAuthIdRequestBody, {@code /permissions/list_by_user} with UserIdRequestBody, {@code
 * /users/update} with UserUpdate), as {@link ApiConformance} lists them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CloudSignedInUserTest {
  static final String C = ApiConformance.CONFIG_ROOT;
  static final String OTHER = "abababab-abab-4bab-8bab-abababababab";
  static final String GONE = "cdcdcdcd-cdcd-4dcd-8dcd-cdcdcdcdcdcd";

  @TempDir Path dir;
  FakeAirbyte fake;

  @BeforeEach
  void start() {
    fake = new FakeAirbyte().happy();
  }

  @AfterEach
  void stop() {
    try {
      ApiConformance.assertAllConform(fake.server);
    } finally {
      fake.close();
    }
  }

  /** Tools with no configured workspace, whose token names the user AUTH_USER. */
  private CloudToolsHarness signedInWithoutWorkspace() {
    fake.tokenFor(AUTH_USER);
    Map<String, String> env = fake.env(dir);
    env.remove("AIRBYTE_CLOUD_WORKSPACE_ID");
    return new CloudToolsHarness(fake, env, dir);
  }

  private void user(String defaultWorkspace) {
    fake.configJson(
        "/users/get_by_auth_id",
        "{\"userId\":\""
            + USER
            + "\",\"email\":\"Ops@Acme.example\",\"name\":\"Ops\""
            + (defaultWorkspace == null
                ? ""
                : ",\"defaultWorkspaceId\":\"" + defaultWorkspace + "\"")
            + "}");
  }

  private void grants(String... permissions) {
    fake.configJson(
        "/permissions/list_by_user", "{\"permissions\":[" + String.join(",", permissions) + "]}");
  }

  private static String workspaceGrant(String workspace) {
    return "{\"permissionType\":\"workspace_admin\",\"userId\":\""
        + USER
        + "\",\"workspaceId\":\""
        + workspace
        + "\"}";
  }

  private static String grant(String type, String organization) {
    return "{\"permissionType\":\""
        + type
        + "\",\"userId\":\""
        + USER
        + "\""
        + (organization == null ? "" : ",\"organizationId\":\"" + organization + "\"")
        + "}";
  }

  private void workspace(String id, String name) {
    fake.publicJson(
        "GET",
        "/workspaces/" + id,
        "{\"workspaceId\":\""
            + id
            + "\",\"name\":\""
            + name
            + "\",\"dataResidency\":\"auto\",\"notifications\":{}}");
  }

  @SuppressWarnings("unchecked")
  private static List<String> workspaceIds(Map<String, Object> list) {
    return ((List<Map<String, Object>>) list.get("workspaces"))
        .stream().map(w -> (String) w.get("workspace_id")).toList();
  }

  // --- resolution: user_default ---

  @Test
  void anOmittedWorkspaceResolvesToTheSignedInUsersDefault() throws Exception {
    user(OTHER);
    workspace(OTHER, "Ops default");
    Map<String, Object> context =
        signedInWithoutWorkspace().call("get_default_cloud_context", Map.of()).structured();
    assertEquals("user_default", context.get("workspace_origin"), Json.write(context));
    assertEquals(OTHER, context.get("workspace_id"), "the user's default, not the only grant");
    assertEquals("Ops default", context.get("workspace_name"));
    assertEquals("Ops@Acme.example", context.get("user_email"), "the signed-in user is reported");
    assertEquals(USER, context.get("user_id"));
    fake.server.verify(
        postRequestedFor(urlPathEqualTo(C + "/users/get_by_auth_id"))
            .withRequestBody(containing("\"authUserId\":\"" + AUTH_USER + "\"")));
  }

  @Test
  void aToolCallWithoutWorkspaceWorksInTheUsersDefault() throws Exception {
    user(OTHER);
    fake.publicJson("GET", "/sources", FakeAirbyte.page());
    signedInWithoutWorkspace().call("list_cloud_connectors", Map.of("connector_type", "source"));
    fake.server.verify(
        getRequestedFor(urlPathEqualTo(ApiConformance.PUBLIC_ROOT + "/sources"))
            .withQueryParam("workspaceIds", containing(OTHER)));
  }

  @Test
  void anHttpCallersOwnTokenDecidesWhoTheUserIs() throws Exception {
    user(OTHER);
    workspace(OTHER, "Caller default");
    String callerToken = FakeAirbyte.userToken("caller-auth-id");
    Map<String, String> env = fake.env(dir);
    env.remove("AIRBYTE_CLOUD_WORKSPACE_ID");
    FakeToolCall call = new FakeToolCall(Map.of());
    call.caller = new CloudCaller("session-7", Optional.of(callerToken), Optional.empty());
    Map<String, Object> context =
        new CloudToolsHarness(fake, env, dir).call("get_default_cloud_context", call).structured();
    assertEquals("user_default", context.get("workspace_origin"), Json.write(context));
    fake.server.verify(
        postRequestedFor(urlPathEqualTo(C + "/users/get_by_auth_id"))
            .withHeader("Authorization", equalTo("Bearer " + callerToken))
            .withRequestBody(containing("\"authUserId\":\"caller-auth-id\"")));
    assertFalse(Json.write(context).contains(callerToken), "the caller's token stays out");
  }

  @Test
  void aUserWithoutDefaultFallsBackToTheSingleReachableWorkspace() throws Exception {
    user(null);
    Map<String, Object> context =
        signedInWithoutWorkspace().call("get_default_cloud_context", Map.of()).structured();
    assertEquals("single_grant", context.get("workspace_origin"), Json.write(context));
    assertEquals(WORKSPACE, context.get("workspace_id"));
  }

  @Test
  void theConfiguredWorkspaceBeatsTheUsersDefaultWithoutLookingTheUserUp() throws Exception {
    user(OTHER);
    fake.tokenFor(AUTH_USER);
    CloudToolsHarness configured = new CloudToolsHarness(fake, fake.env(dir), dir);
    Map<String, Object> ws = configured.call("describe_cloud_workspace", Map.of()).structured();
    assertEquals(WORKSPACE, ws.get("workspace_id"), Json.write(ws));
    fake.server.verify(0, postRequestedFor(urlPathEqualTo(C + "/users/get_by_auth_id")));
  }

  @Test
  void aTokenThatNamesNoUserSkipsTheUserDefault() throws Exception {
    Map<String, String> env = fake.env(dir);
    env.remove("AIRBYTE_CLOUD_WORKSPACE_ID");
    Map<String, Object> context =
        new CloudToolsHarness(fake, env, dir)
            .call("get_default_cloud_context", Map.of())
            .structured();
    assertEquals("single_grant", context.get("workspace_origin"), Json.write(context));
    assertEquals(null, context.get("user_email"), "no user is known");
    fake.server.verify(0, postRequestedFor(urlPathEqualTo(C + "/users/get_by_auth_id")));
  }

  @Test
  void aFailingUserLookupFallsThroughToTheNextStep() throws Exception {
    fake.server.stubFor(
        WireMock.post(urlPathEqualTo(C + "/users/get_by_auth_id"))
            .willReturn(WireMock.aResponse().withStatus(403)));
    Map<String, Object> context =
        signedInWithoutWorkspace().call("get_default_cloud_context", Map.of()).structured();
    assertEquals("single_grant", context.get("workspace_origin"), Json.write(context));
  }

  // --- set_default_cloud_workspace ---

  @Test
  void theDefaultWorkspaceIsSetForTheSignedInUserWhoseEmailMatches() throws Exception {
    user(WORKSPACE);
    workspace(OTHER, "Other");
    grants(
        grant("organization_member", ORGANIZATION)); // OTHER belongs to it (get_organization_info)
    String answer =
        signedInWithoutWorkspace()
            .call(
                "set_default_cloud_workspace",
                Map.of("user_email", "  ops@acme.EXAMPLE ", "workspace_id", OTHER))
            .text();
    assertTrue(
        answer.contains("is now " + OTHER)
            && answer.contains("membership: organization")
            && answer.contains(WORKSPACE),
        answer);
    fake.server.verify(
        postRequestedFor(urlPathEqualTo(C + "/users/update"))
            .withRequestBody(containing("\"userId\":\"" + USER + "\""))
            .withRequestBody(containing("\"defaultWorkspaceId\":\"" + OTHER + "\"")));
    assertFalse(answer.contains(FakeAirbyte.userToken(AUTH_USER)), "the token stays out");
  }

  @Test
  void anotherEmailIsRefusedAndNothingChanges() throws Exception {
    user(WORKSPACE);
    CloudError error =
        assertThrows(
            CloudError.class,
            () ->
                signedInWithoutWorkspace()
                    .call(
                        "set_default_cloud_workspace",
                        Map.of("user_email", "someone@else.example", "workspace_id", WORKSPACE)));
    assertTrue(
        error.getMessage().contains("someone@else.example")
            && error.getMessage().contains("Nothing was changed"),
        error.getMessage());
    assertTrue(error.hint().contains("get_default_cloud_context"), error.hint());
    assertFalse(
        error.getMessage().contains("Ops@Acme.example"), "the real email is not echoed back");
    fake.server.verify(0, postRequestedFor(urlPathEqualTo(C + "/users/update")));
  }

  @Test
  void aWorkspaceTheUserIsNoMemberOfIsRefused() throws Exception {
    user(WORKSPACE);
    workspace(OTHER, "Someone else's");
    grants(workspaceGrant(WORKSPACE), grant("instance_admin", null));
    CloudError error =
        assertThrows(
            CloudError.class,
            () ->
                signedInWithoutWorkspace()
                    .call(
                        "set_default_cloud_workspace",
                        Map.of("user_email", "ops@acme.example", "workspace_id", OTHER)));
    assertTrue(
        error.getMessage().contains("not a member") && error.getMessage().contains("Nothing"),
        error.getMessage());
    fake.server.verify(0, postRequestedFor(urlPathEqualTo(C + "/users/update")));
  }

  @Test
  void credentialsThatNameNoUserCannotChangeAnyonesDefault() throws Exception {
    CloudError error =
        assertThrows(
            CloudError.class,
            () ->
                new CloudToolsHarness(fake, fake.env(dir), dir)
                    .call(
                        "set_default_cloud_workspace",
                        Map.of("user_email", "ops@acme.example", "workspace_id", WORKSPACE)));
    assertTrue(error.getMessage().contains("not changed"), error.getMessage());
    fake.server.verify(0, postRequestedFor(urlPathEqualTo(C + "/users/update")));
    fake.server.verify(0, postRequestedFor(urlPathEqualTo(C + "/users/get_by_auth_id")));
  }

  @Test
  void readOnlyModeHidesSetDefaultCloudWorkspace() {
    Map<String, String> env = fake.env(dir);
    env.put(SettingsLoader.READONLY_MODE, "1");
    CloudToolsHarness readOnly = new CloudToolsHarness(fake, env, dir);
    ToolVisibility visibility = new ToolVisibility(readOnly.settings);
    assertEquals(
        "read-only mode",
        visibility
            .reasonHidden(readOnly.tools.get("set_default_cloud_workspace"))
            .orElse("offered"));
    assertTrue(
        visibility.offered(readOnly.tools.get("get_default_cloud_context")),
        "orientation stays in read-only mode");
  }

  // --- list_cloud_workspaces.privilege_scope ---

  @Test
  void byDefaultOnlyDirectGrantsAreListedAndGoneWorkspacesSkipped() throws Exception {
    user(null);
    grants(
        workspaceGrant(GONE),
        workspaceGrant(WORKSPACE),
        grant("organization_member", ORGANIZATION));
    fake.publicStatus("GET", "/workspaces/" + GONE, 404, "{\"title\":\"not found\"}");
    Map<String, Object> list =
        signedInWithoutWorkspace().call("list_cloud_workspaces", Map.of()).structured();
    assertEquals(List.of(WORKSPACE), workspaceIds(list), Json.write(list));
    fake.server.verify(
        0, postRequestedFor(urlPathEqualTo(C + "/workspaces/list_by_organization_id")));
  }

  @Test
  void anEmptyMemberOfListPointsToBroaderScopes() throws Exception {
    user(null);
    grants(grant("organization_member", ORGANIZATION));
    Map<String, Object> list =
        signedInWithoutWorkspace()
            .call("list_cloud_workspaces", Map.of("privilege_scope", "member_of"))
            .structured();
    assertEquals(List.of(), workspaceIds(list));
    assertTrue(
        String.valueOf(list.get("message")).contains("organization_admin"), Json.write(list));
  }

  @Test
  void theOrganizationScopeListsEveryWorkspaceOfTheUsersOrganizations() throws Exception {
    user(null);
    grants(grant("organization_member", ORGANIZATION));
    Map<String, Object> list =
        signedInWithoutWorkspace()
            .call("list_cloud_workspaces", Map.of("privilege_scope", "organization_admin"))
            .structured();
    assertEquals(List.of(WORKSPACE), workspaceIds(list), Json.write(list));
    fake.server.verify(
        postRequestedFor(urlPathEqualTo(C + "/workspaces/list_by_organization_id"))
            .withRequestBody(containing(ORGANIZATION)));
  }

  @Test
  void theInstanceScopeNeedsTheInstanceAdminGrant() throws Exception {
    user(null);
    grants(workspaceGrant(WORKSPACE));
    CloudToolsHarness tools = signedInWithoutWorkspace();
    CloudError refused =
        assertThrows(
            CloudError.class,
            () -> tools.call("list_cloud_workspaces", Map.of("privilege_scope", "instance_admin")));
    assertTrue(refused.getMessage().contains("instance_admin"), refused.getMessage());
    fake.server.verify(
        0, getRequestedFor(urlPathEqualTo(ApiConformance.PUBLIC_ROOT + "/workspaces")));

    grants(grant("instance_admin", null));
    Map<String, Object> all =
        tools
            .call("list_cloud_workspaces", Map.of("privilege_scope", "instance_admin"))
            .structured();
    assertEquals(List.of(WORKSPACE), workspaceIds(all), Json.write(all));
    fake.server.verify(getRequestedFor(urlPathEqualTo(ApiConformance.PUBLIC_ROOT + "/workspaces")));
  }

  @Test
  void anyScopeJoinsOrganizationsAndDirectGrantsForANonAdmin() throws Exception {
    user(null);
    workspace(OTHER, "Side project");
    grants(
        grant("organization_admin", ORGANIZATION),
        workspaceGrant(OTHER),
        workspaceGrant(WORKSPACE));
    Map<String, Object> list =
        signedInWithoutWorkspace()
            .call("list_cloud_workspaces", Map.of("privilege_scope", "any"))
            .structured();
    assertEquals(List.of(WORKSPACE, OTHER), workspaceIds(list), Json.write(list));
  }

  @Test
  void aScopeFailsClosedWhenTheUserIsUnknown() throws Exception {
    CloudError error =
        assertThrows(
            CloudError.class,
            () ->
                new CloudToolsHarness(fake, fake.env(dir), dir)
                    .call("list_cloud_workspaces", Map.of("privilege_scope", "any")));
    assertTrue(error.getMessage().contains("privilege_scope"), error.getMessage());
    fake.server.verify(
        0, getRequestedFor(urlPathEqualTo(ApiConformance.PUBLIC_ROOT + "/workspaces")));
  }

  @Test
  void aNamedOrganizationMakesTheScopeMoot() throws Exception {
    Map<String, Object> list =
        new CloudToolsHarness(fake, fake.env(dir), dir)
            .call(
                "list_cloud_workspaces",
                Map.of("organization_id", ORGANIZATION, "privilege_scope", "instance_admin"))
            .structured();
    assertEquals(List.of(WORKSPACE), workspaceIds(list), Json.write(list));
    fake.server.verify(0, postRequestedFor(urlPathEqualTo(C + "/permissions/list_by_user")));
  }

  @Test
  void anUnknownScopeIsRefusedWithTheAcceptedValues() {
    CloudError error =
        assertThrows(
            CloudError.class,
            () ->
                new CloudToolsHarness(fake, fake.env(dir), dir)
                    .call("list_cloud_workspaces", Map.of("privilege_scope", "everything")));
    assertTrue(
        error.getMessage().contains("member_of, organization_admin, instance_admin, any"),
        error.getMessage());
  }

  @Test
  void organizationsCanBeLimited() throws Exception {
    fake.publicJson(
        "GET",
        "/organizations",
        "{\"data\":["
            + "{\"organizationId\":\""
            + ORGANIZATION
            + "\",\"organizationName\":\"Acme\",\"email\":\"a@a.example\"},"
            + "{\"organizationId\":\""
            + OTHER
            + "\",\"organizationName\":\"Acme Labs\",\"email\":\"b@a.example\"}]}");
    Map<String, Object> one =
        new CloudToolsHarness(fake, fake.env(dir), dir)
            .call("list_cloud_organizations", Map.of("name_contains", "ACME", "limit", 1))
            .structured();
    assertEquals(1, ((List<?>) one.get("organizations")).size(), Json.write(one));
  }
}
