package airbytemcp.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import airbytemcp.common.Json;
import airbytemcp.testing.Prerequisites;
import airbytemcp.testing.SharedData;
import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.whitelist.ValidationErrorsWhitelist;
import com.atlassian.oai.validator.whitelist.rule.WhitelistRules;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks every request the client sent to the fake Airbyte: public API requests against Airbyte's
 * OpenAPI spec (a request the real API would reject fails the test), Config API requests against
 * the bodies the reference documents (they are not in the OpenAPI file).
 */
public final class ApiConformance {
  public static final String PUBLIC_ROOT = "/api/public/v1";
  public static final String CONFIG_ROOT = "/api/v1";
  private static final String SPEC = "public-api.openapi.yaml";

  /**
   * Config API path -> body fields it requires (reference section 10.3, plus the two check
   * endpoints).
   */
  static final Map<String, List<String>> CONFIG_BODIES =
      Map.ofEntries(
          Map.entry("/workspaces/get_organization_info", List.of("workspaceId")),
          Map.entry("/organizations/get_organization_info", List.of("organizationId")),
          Map.entry("/workspaces/list_by_organization_id", List.of("organizationId", "pagination")),
          Map.entry("/jobs/get", List.of("id")),
          Map.entry("/state/get", List.of("connectionId")),
          Map.entry(
              "/web_backend/connections/get", List.of("connectionId", "withRefreshedCatalog")),
          Map.entry(
              "/connector_builder_projects/get_for_definition_id",
              List.of("actorDefinitionId", "workspaceId")),
          Map.entry(
              "/connector_builder_projects/get_with_manifest",
              List.of("workspaceId", "builderProjectId")),
          Map.entry(
              "/connector_builder_projects/update_testing_values",
              List.of("workspaceId", "builderProjectId", "testingValues", "spec")),
          // Not in the public OpenAPI spec: the shapes of Airbyte's Config API
          // (UserAuthIdRequestBody, UserIdRequestBody, UserUpdate).
          Map.entry("/users/get_by_auth_id", List.of("authUserId", "authProvider")),
          Map.entry("/permissions/list_by_user", List.of("userId")),
          Map.entry("/users/update", List.of("userId", "defaultWorkspaceId")),
          Map.entry("/sources/check_connection", List.of("sourceId")),
          Map.entry("/destinations/check_connection", List.of("destinationId")));

  private static OpenApiInteractionValidator validator;

  private ApiConformance() {}

  public static void assertAllConform(WireMockServer server) {
    List<ServeEvent> events = server.getAllServeEvents();
    for (ServeEvent event : events) {
      LoggedRequest request = event.getRequest();
      String path = request.getUrl().split("\\?")[0];
      if (path.startsWith(PUBLIC_ROOT + "/") || path.equals(PUBLIC_ROOT)) {
        if (!specAvailable()) {
          assertPublicRequestShape(request, path);
          continue;
        }
        ValidationReport report = validator().validateRequest(toValidatorRequest(request, path));
        if (report.hasErrors()) {
          fail(
              "Request not allowed by Airbyte's OpenAPI spec: "
                  + request.getMethod()
                  + " "
                  + request.getUrl()
                  + " body="
                  + request.getBodyAsString()
                  + "\n"
                  + report.getMessages());
        }
      } else if (path.startsWith(CONFIG_ROOT + "/")) {
        assertConfigRequest(request, path.substring(CONFIG_ROOT.length()));
      } else {
        fail("Request to neither API root: " + request.getMethod() + " " + request.getUrl());
      }
    }
  }

  /**
   * Whether Airbyte's published OpenAPI spec is beside the project (../shared). Without it (a fresh
   * clone, off CI) public API requests get only the checks below; with CI=true its absence fails
   * the test.
   */
  static boolean specAvailable() {
    boolean present =
        Files.exists(SharedData.projectRoot().resolveSibling("shared").resolve("airbyte/" + SPEC));
    if (!present && Prerequisites.inCi()) {
      fail(
          "../shared/airbyte/"
              + SPEC
              + " is missing, and CI=true: requests must be checked against it in CI.");
    }
    if (!present && !warned) {
      warned = true;
      System.err.println(
          "ApiConformance: ../shared/airbyte/"
              + SPEC
              + " is missing; public API requests are checked"
              + " for method, JSON bodies and query values only, not against Airbyte's OpenAPI spec.");
    }
    return present;
  }

  private static boolean warned;

  /** For tests of the spec check itself: skips (fails in CI) without the spec. */
  static void requireSpec() {
    SharedData.airbyte(SPEC);
  }

  /**
   * What holds for every public API request whatever the spec says: a known method, and JSON where
   * there is a body.
   */
  private static void assertPublicRequestShape(LoggedRequest request, String path) {
    String method = request.getMethod().getName();
    assertTrue(
        List.of("GET", "POST", "PATCH", "PUT", "DELETE").contains(method),
        "method of " + path + ": " + method);
    String body = request.getBodyAsString();
    if (body != null && !body.isEmpty()) {
      assertTrue(
          request.getHeader("Content-Type").startsWith("application/json"),
          "JSON body for " + path);
      Json.parse(body);
    }
    request
        .getQueryParams()
        .forEach(
            (name, param) ->
                param
                    .values()
                    .forEach(
                        v ->
                            assertFalse(
                                v.isBlank(),
                                "query parameter " + name + " of " + path + " is empty")));
  }

  private static void assertConfigRequest(LoggedRequest request, String path) {
    assertEquals("POST", request.getMethod().getName(), "Config API calls are POST: " + path);
    List<String> required = CONFIG_BODIES.get(path);
    assertTrue(required != null, "Config API path not documented in the reference: " + path);
    JsonNode body = Json.parse(request.getBodyAsString());
    for (String field : required) {
      assertTrue(
          body.has(field), "Config API " + path + " needs body field " + field + ": " + body);
    }
    assertTrue(
        request.getHeader("Content-Type").startsWith("application/json"), "JSON body for " + path);
  }

  private static Request toValidatorRequest(LoggedRequest logged, String path) {
    SimpleRequest.Builder builder = new SimpleRequest.Builder(logged.getMethod().getName(), path);
    String body = logged.getBodyAsString();
    if (body != null && !body.isEmpty()) {
      builder.withBody(body);
    }
    if (logged.containsHeader("Content-Type")) {
      builder.withContentType(logged.getHeader("Content-Type"));
    }
    logged.getQueryParams().forEach((name, param) -> builder.withQueryParam(name, param.values()));
    return builder.build();
  }

  private static synchronized OpenApiInteractionValidator validator() {
    if (validator == null) {
      ValidationErrorsWhitelist whitelist =
          ValidationErrorsWhitelist.create()
              .withRule(
                  "The spec requires grant_type but declares the property as grant-type",
                  WhitelistRules.allOf(
                      WhitelistRules.pathContains("/applications/token"),
                      WhitelistRules.messageHasKey(
                          "validation.request.body.schema.additionalProperties")))
              .withRule(
                  "The spec requires workspaceId in the body of a declarative source create but does not declare it",
                  WhitelistRules.allOf(
                      WhitelistRules.pathContains("/definitions/declarative_sources"),
                      WhitelistRules.messageHasKey(
                          "validation.request.body.schema.additionalProperties")));
      validator =
          OpenApiInteractionValidator.createForInlineApiSpecification(loadableSpec())
              .withBasePathOverride(PUBLIC_ROOT)
              .withWhitelist(whitelist)
              .build();
    }
    return validator;
  }

  /**
   * The spec as published has two dangling references and discriminators the validator's JSON
   * Schema library cannot read (they are hints: the oneOf they sit on is still checked). It is also
   * read as OpenAPI 3.0, which the validator supports fully.
   */
  static String loadableSpec() {
    ObjectNode spec;
    try {
      spec = (ObjectNode) Json.YAML.readTree(SharedData.airbyte(SPEC).toFile());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    ObjectNode components = spec.with("components");
    Matcher refs = Pattern.compile("\"#/components/(\\w+)/([^\"]+)\"").matcher(spec.toString());
    while (refs.find()) {
      ObjectNode kind = components.with(refs.group(1));
      if (!kind.has(refs.group(2))) {
        kind.set(
            refs.group(2),
            refs.group(1).equals("responses")
                ? Json.object().put("description", "missing from the published spec")
                : Json.object());
      }
    }
    spec.put("openapi", "3.0.3");
    removeDiscriminators(spec);
    return Json.write(spec);
  }

  private static void removeDiscriminators(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.remove("discriminator");
    }
    node.forEach(ApiConformance::removeDiscriminators);
  }
}
