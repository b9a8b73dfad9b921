package airbytemcp.cloud;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import airbytemcp.common.HttpClients;
import airbytemcp.config.Settings;
import airbytemcp.config.SettingsLoader;
import airbytemcp.config.Transport;
import airbytemcp.secrets.Masker;
import airbytemcp.testing.TestResources;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Base64.Encoder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A self-managed Airbyte played by WireMock: public API under {@code /api/public/v1}, Config API
 * under {@code /api/v1}, answering in the shapes of Airbyte's OpenAPI spec and the reference.
 */
public final class FakeAirbyte implements AutoCloseable {
  public static final String WORKSPACE = "11111111-1111-4111-8111-111111111111";
  public static final String SOURCE = "22222222-2222-4222-8222-222222222222";
  public static final String DESTINATION = "33333333-3333-4333-8333-333333333333";
  public static final String CONNECTION = "44444444-4444-4444-8444-444444444444";
  public static final String ORGANIZATION = "55555555-5555-4555-8555-555555555555";
  public static final String DEFINITION = "66666666-6666-4666-8666-666666666666";
  public static final String PROJECT = "77777777-7777-4777-8777-777777777777";
  public static final String USER = "88888888-8888-4888-8888-888888888888";
  public static final long JOB = 9001;
  public static final String CLIENT_ID = "client-id-4f8a2c";
  public static final String CLIENT_SECRET = "client-secret-Zq81xPp3";
  public static final String TOKEN = "access-token-Hk29sLq0";

  /** The auth provider's id of the signed-in user, as a user token's claims carry it. */
  public static final String AUTH_USER = "auth-user-3kq9";

  /**
   * An access token naming a user: a JWT whose claims say {@code sub} (its signature is not checked
   * by the client; Airbyte would check it).
   */
  public static String userToken(String authUserId) {
    Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString(
            "{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(
            ("{\"sub\":\"" + authUserId + "\",\"exp\":4102444800}")
                .getBytes(StandardCharsets.UTF_8))
        + ".c2lnbmF0dXJl";
  }

  /** Makes the token endpoint issue a token that names {@code authUserId}. */
  public void tokenFor(String authUserId) {
    publicJson(
        "POST",
        "/applications/token",
        "{\"access_token\":\""
            + userToken(authUserId)
            + "\",\"token_type\":\"Bearer\",\"expires_in\":180}");
  }

  /** A connector secret the tests resolve through secret_reference:: and must never see again. */
  public static final String GITHUB_TOKEN = "ghp_Secret123456789abcdef";

  public final WireMockServer server = new WireMockServer(options().dynamicPort());
  public final List<Duration> waits = new ArrayList<>();

  public FakeAirbyte() {
    server.start();
  }

  public String publicRoot() {
    return server.baseUrl() + ApiConformance.PUBLIC_ROOT;
  }

  /**
   * Environment of a stdio server with client credentials and a default workspace, pointing at this
   * fake.
   */
  public Map<String, String> env(Path projectDir) {
    Map<String, String> env = new HashMap<>();
    env.put("AIRBYTE_PROJECT_DIR", projectDir.toString());
    env.put("AIRBYTE_CLOUD_API_URL", publicRoot());
    env.put("AIRBYTE_CLOUD_CLIENT_ID", CLIENT_ID);
    env.put("AIRBYTE_CLOUD_CLIENT_SECRET", CLIENT_SECRET);
    env.put("AIRBYTE_CLOUD_WORKSPACE_ID", WORKSPACE);
    env.put("AIRBYTE_LOCAL_REGISTRY", TestResources.registry().toString());
    env.put("AIRBYTE_OFFLINE_MODE", "1");
    env.put("GITHUB_TOKEN", GITHUB_TOKEN);
    // a secret only in the process environment resolves when the user lists its name
    env.put("AIRBYTE_MCP_SECRET_ENV_NAMES", "GITHUB_TOKEN");
    return env;
  }

  public static Settings settings(Map<String, String> env, Path workingDir) {
    return SettingsLoader.load(env, workingDir, workingDir, Transport.STDIO);
  }

  /** The Cloud services with fast retries (waits recorded, not slept) and a short poll interval. */
  public AirbyteCloud cloud(Settings settings, Masker masker) {
    AirbyteApi api =
        new AirbyteApi(
            settings.cloud(),
            masker,
            HttpClients.shared(),
            new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(30)),
            Clock.systemUTC(),
            waits::add);
    return new AirbyteCloud(
        settings.cloud(), api, new SafeModeLedger(settings.safeMode()), Duration.ofMillis(10));
  }

  public void json(String method, String path, String body) {
    server.stubFor(request(method, urlPathEqualTo(path)).willReturn(okJson(body)));
  }

  public void publicJson(String method, String path, String body) {
    json(method, ApiConformance.PUBLIC_ROOT + path, body);
  }

  public void configJson(String path, String body) {
    server.stubFor(
        post(urlPathEqualTo(ApiConformance.CONFIG_ROOT + path)).willReturn(okJson(body)));
  }

  public void publicStatus(String method, String path, int status, String body) {
    server.stubFor(
        request(method, urlPathEqualTo(ApiConformance.PUBLIC_ROOT + path))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body)));
  }

  /** Every request answered 500 (for failure cases of tools). */
  public void failEverything(int status) {
    server.stubFor(
        any(urlPathMatching("/api/(public/)?v1/(?!applications/token).*"))
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"title\":\"failure\",\"detail\":\"simulated failure\"}")));
  }

  public void token() {
    publicJson(
        "POST",
        "/applications/token",
        "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":180}");
  }

  /** The definition the fake's sources are made from (source-faker's). */
  public static final String SOURCE_DEFINITION = "dfd88b22-b603-4c3d-aad7-3701784586b1";

  public static String source(String name) {
    return "{\"sourceId\":\""
        + SOURCE
        + "\",\"name\":\""
        + name
        + "\",\"sourceType\":\"faker\","
        + "\"definitionId\":\""
        + SOURCE_DEFINITION
        + "\",\"workspaceId\":\""
        + WORKSPACE
        + "\","
        + "\"configuration\":{},\"createdAt\":1764151200}";
  }

  public static String destination(String name) {
    return "{\"destinationId\":\""
        + DESTINATION
        + "\",\"name\":\""
        + name
        + "\",\"destinationType\":\"dev-null\","
        + "\"definitionId\":\"a7bcc9d8-13b3-4e49-b80d-d020b90045e3\",\"workspaceId\":\""
        + WORKSPACE
        + "\","
        + "\"configuration\":{},\"createdAt\":1764151200}";
  }

  public static String connection(String name) {
    return "{\"connectionId\":\""
        + CONNECTION
        + "\",\"name\":\""
        + name
        + "\",\"sourceId\":\""
        + SOURCE
        + "\","
        + "\"destinationId\":\""
        + DESTINATION
        + "\",\"workspaceId\":\""
        + WORKSPACE
        + "\",\"status\":\"active\","
        + "\"schedule\":{\"scheduleType\":\"manual\"},\"configurations\":{\"streams\":[{\"name\":\"users\"},"
        + "{\"name\":\"products\"}]},\"prefix\":\"raw_\",\"createdAt\":1764151200,\"tags\":[]}";
  }

  public static String job(long id, String status) {
    return "{\"jobId\":"
        + id
        + ",\"status\":\""
        + status
        + "\",\"jobType\":\"sync\",\"startTime\":\"2026-11-26T10:00:00Z\","
        + "\"connectionId\":\""
        + CONNECTION
        + "\",\"bytesSynced\":2048,\"rowsSynced\":100}";
  }

  /** The source's catalog as Airbyte's stream properties list it: users and products. */
  public static final String STREAMS =
      "[{\"streamName\":\"users\",\"syncModes\":[\"full_refresh_overwrite\"]},"
          + "{\"streamName\":\"products\",\"syncModes\":[\"full_refresh_overwrite\",\"incremental_append\"]}]";

  public static String page(String... items) {
    return "{\"data\":[" + String.join(",", items) + "]}";
  }

  public static final String MANIFEST =
      "{\"version\":\"6.0.0\",\"type\":\"DeclarativeSource\",\"streams\":[],\"spec\":{\"type\":\"Spec\","
          + "\"connection_specification\":{\"type\":\"object\",\"properties\":{\"api_key\":{\"type\":\"string\","
          + "\"airbyte_secret\":true}}}}}";

  /** An Airbyte where every object of the tests exists and every call succeeds. */
  public FakeAirbyte happy() {
    token();
    String ws =
        "{\"workspaceId\":\""
            + WORKSPACE
            + "\",\"name\":\"Main\",\"dataResidency\":\"auto\",\"notifications\":{}}";
    publicJson("GET", "/workspaces/" + WORKSPACE, ws);
    publicJson("GET", "/workspaces", page(ws));
    publicJson(
        "GET",
        "/organizations",
        "{\"data\":[{\"organizationId\":\""
            + ORGANIZATION
            + "\",\"organizationName\":\"Acme\",\"email\":\"ops@acme.example\"}]}");
    for (String kind : new String[] {"sources", "destinations"}) {
      String id = kind.equals("sources") ? SOURCE : DESTINATION;
      String one = kind.equals("sources") ? source("my-source") : destination("my-destination");
      publicJson("GET", "/" + kind, page(one));
      publicJson("GET", "/" + kind + "/" + id, one);
      publicJson("POST", "/" + kind, one);
      publicJson("PATCH", "/" + kind + "/" + id, one);
      publicStatus("DELETE", "/" + kind + "/" + id, 204, "");
    }
    publicJson("GET", "/connections", page(connection("my-connection")));
    publicJson("GET", "/connections/" + CONNECTION, connection("my-connection"));
    publicJson("POST", "/connections", connection("my-connection"));
    publicJson("PATCH", "/connections/" + CONNECTION, connection("my-connection"));
    publicStatus("DELETE", "/connections/" + CONNECTION, 204, "");
    publicJson("GET", "/streams", STREAMS);
    publicJson("POST", "/jobs", job(JOB, "running"));
    publicJson("GET", "/jobs/" + JOB, job(JOB, "succeeded"));
    publicJson("DELETE", "/jobs/" + JOB, job(JOB, "cancelled"));
    publicJson("GET", "/jobs", page(job(JOB + 1, "running"), job(JOB, "failed")));
    String definitions = "/workspaces/" + WORKSPACE + "/definitions/declarative_sources";
    String definition =
        "{\"id\":\""
            + DEFINITION
            + "\",\"name\":\"my-yaml-source\",\"manifest\":"
            + MANIFEST
            + ",\"version\":3}";
    publicJson("GET", definitions, page(definition));
    publicJson("POST", definitions, definition);
    publicJson("GET", definitions + "/" + DEFINITION, definition);
    publicJson("PUT", definitions + "/" + DEFINITION, definition);
    publicStatus("DELETE", definitions + "/" + DEFINITION, 204, "");
    configJson(
        "/workspaces/get_organization_info",
        "{\"organizationId\":\"" + ORGANIZATION + "\",\"organizationName\":\"Acme\"}");
    configJson(
        "/organizations/get_organization_info",
        "{\"organizationId\":\""
            + ORGANIZATION
            + "\",\"organizationName\":\"Acme\",\"billing\":{\"paymentStatus\":\"okay\",\"subscriptionStatus\":\"subscribed\"}}");
    configJson(
        "/workspaces/list_by_organization_id",
        "{\"workspaces\":[{\"workspaceId\":\""
            + WORKSPACE
            + "\",\"name\":\"Main\",\"organizationId\":\""
            + ORGANIZATION
            + "\"}]}");
    configJson(
        "/jobs/get",
        "{\"job\":{\"id\":"
            + JOB
            + ",\"configType\":\"sync\",\"status\":\"failed\"},\"attempts\":["
            + "{\"attempt\":{\"id\":1,\"status\":\"failed\",\"bytesSynced\":10,\"recordsSynced\":1,\"createdAt\":1764151200},"
            + "\"logs\":{\"logLines\":[\"first try\"]}},"
            + "{\"attempt\":{\"id\":2,\"status\":\"failed\",\"bytesSynced\":20,\"recordsSynced\":2,\"createdAt\":1764151300},"
            + "\"logs\":{\"events\":[{\"timestamp\":1764151301000,\"level\":\"INFO\",\"message\":\"starting\"},"
            + "{\"timestamp\":1764151302000,\"level\":\"ERROR\",\"message\":\"boom\"},"
            + "{\"timestamp\":1764151303000,\"message\":\"done\"}]}}]}");
    configJson(
        "/state/get",
        "{\"connectionId\":\""
            + CONNECTION
            + "\",\"stateType\":\"stream\",\"streamState\":["
            + "{\"streamDescriptor\":{\"name\":\"users\"},\"streamState\":{\"updatedAt\":\"2026-01-01\"}}]}");
    configJson(
        "/web_backend/connections/get",
        "{\"connectionId\":\""
            + CONNECTION
            + "\",\"syncCatalog\":{\"streams\":["
            + "{\"stream\":{\"name\":\"users\",\"jsonSchema\":{\"type\":\"object\",\"properties\":{\"createdAt\":{}}},"
            + "\"supportedSyncModes\":[\"full_refresh\"]},\"config\":{\"syncMode\":\"full_refresh\","
            + "\"destinationSyncMode\":\"overwrite\",\"selected\":true,\"aliasName\":\"users\"}}]}}");
    configJson(
        "/connector_builder_projects/get_for_definition_id",
        "{\"builderProjectId\":\"" + PROJECT + "\",\"workspaceId\":\"" + WORKSPACE + "\"}");
    configJson(
        "/connector_builder_projects/get_with_manifest",
        "{\"builderProject\":{\"builderProjectId\":\""
            + PROJECT
            + "\",\"name\":\"my-yaml-source\",\"hasDraft\":true},\"declarativeManifest\":{\"manifest\":{\"version\":\"6.1.0\","
            + "\"type\":\"DeclarativeSource\"}}}");
    configJson("/connector_builder_projects/update_testing_values", "{}");
    // The signed-in user (a UserRead) and its grants (a PermissionReadList), answered only to
    // credentials whose token names a user (see userToken()).
    configJson(
        "/users/get_by_auth_id",
        "{\"userId\":\""
            + USER
            + "\",\"email\":\"ops@acme.example\",\"name\":\"Ops\",\"authUserId\":\""
            + AUTH_USER
            + "\",\"authProvider\":\"keycloak\",\"defaultWorkspaceId\":\""
            + WORKSPACE
            + "\"}");
    configJson(
        "/permissions/list_by_user",
        "{\"permissions\":[{\"permissionId\":\""
            + PROJECT
            + "\",\"permissionType\":\"workspace_admin\",\"userId\":\""
            + USER
            + "\",\"workspaceId\":\""
            + WORKSPACE
            + "\"}]}");
    configJson(
        "/users/update",
        "{\"userId\":\""
            + USER
            + "\",\"email\":\"ops@acme.example\",\"name\":\"Ops\","
            + "\"defaultWorkspaceId\":\""
            + WORKSPACE
            + "\"}");
    configJson(
        "/sources/check_connection", "{\"status\":\"succeeded\",\"jobInfo\":{\"succeeded\":true}}");
    configJson(
        "/destinations/check_connection", "{\"status\":\"failed\",\"message\":\"cannot connect\"}");
    return this;
  }

  @Override
  public void close() {
    server.stop();
  }
}
