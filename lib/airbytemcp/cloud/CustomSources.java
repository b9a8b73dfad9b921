package airbytemcp.cloud;

import static airbytemcp.cloud.Workspaces.text;
import static airbytemcp.cloud.Workspaces.textOr;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * Custom YAML (declarative) source definitions of a workspace, and the Connector Builder project
 * that goes with each (its testing values and draft manifest).
 */
public final class CustomSources {
  public record Published(
      String definitionId, String name, Long version, String projectId, String projectUrl) {}

  private final AirbyteApi api;
  private final WebUrls urls;
  private final SafeModeLedger ledger;

  CustomSources(AirbyteApi api, WebUrls urls, SafeModeLedger ledger) {
    this.api = api;
    this.urls = urls;
    this.ledger = ledger;
  }

  private static String path(String workspaceId) {
    return "/workspaces/"
        + CloudIds.uuid("workspace_id", workspaceId)
        + "/definitions/declarative_sources";
  }

  static String definitionId(String value) {
    return CloudIds.uuid("definition_id", value);
  }

  public Published publish(
      String workspaceId,
      String name,
      JsonNode manifest,
      boolean unique,
      boolean preValidate,
      Optional<ObjectNode> testingValues) {
    requireManifestShape(manifest);
    if (preValidate) {
      validate(manifest);
    }
    if (unique) {
      for (JsonNode existing : api.get(path(workspaceId), ApiQuery.of()).path("data")) {
        if (name.equals(text(existing, "name"))) {
          throw new CloudError(
              "A custom source definition named '"
                  + name
                  + "' already exists (id "
                  + text(existing, "id")
                  + ").",
              "Pick another name, or pass unique=false.");
        }
      }
    }
    ObjectNode body = Json.object().put("name", name).put("workspaceId", workspaceId);
    body.set("manifest", manifest);
    JsonNode created = api.post(path(workspaceId), body);
    String id = text(created, "id");
    ledger.recordCreated(CloudObject.CUSTOM_SOURCE_DEFINITION, id);
    String projectId = projectId(workspaceId, id).orElse(null);
    if (testingValues.isPresent() && projectId != null) {
      updateTestingValues(workspaceId, projectId, testingValues.get(), manifest);
    }
    return new Published(
        id,
        textOr(created, "name"),
        created.path("version").isNumber() ? created.path("version").asLong() : null,
        projectId,
        projectId == null ? null : urls.builderProject(workspaceId, projectId));
  }

  public List<Map<String, Object>> list(String workspaceId) {
    return StreamSupport.stream(
            api.get(path(workspaceId), ApiQuery.of()).path("data").spliterator(), false)
        .map(
            definition -> {
              Map<String, Object> row = new LinkedHashMap<>();
              row.put("definition_id", text(definition, "id"));
              row.put("name", text(definition, "name"));
              row.put(
                  "version",
                  definition.path("version").isNumber()
                      ? definition.path("version").asLong()
                      : null);
              row.put(
                  "connector_builder_project_url",
                  projectId(workspaceId, text(definition, "id"))
                      .map(p -> urls.builderProject(workspaceId, p))
                      .orElse(null));
              return row;
            })
        .toList();
  }

  public Map<String, Object> get(String workspaceId, String id, boolean includeDraft) {
    JsonNode definition = api.get(path(workspaceId) + "/" + definitionId(id), ApiQuery.of());
    Optional<String> projectId = projectId(workspaceId, id);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("definition_id", text(definition, "id"));
    out.put("name", text(definition, "name"));
    out.put(
        "version",
        definition.path("version").isNumber() ? definition.path("version").asLong() : null);
    out.put("connector_builder_project_id", projectId.orElse(null));
    out.put(
        "connector_builder_project_url",
        projectId.map(p -> urls.builderProject(workspaceId, p)).orElse(null));
    out.put("manifest", definition.get("manifest"));
    if (includeDraft) {
      JsonNode draft = projectId.map(p -> draft(workspaceId, p)).orElse(null);
      out.put("has_draft", draft != null);
      out.put("draft_manifest", draft);
    }
    return out;
  }

  public Map<String, Object> draftManifest(String workspaceId, String id) {
    Map<String, Object> definition = get(workspaceId, id, true);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("definition_id", definition.get("definition_id"));
    out.put("name", definition.get("name"));
    out.put("connector_builder_project_id", definition.get("connector_builder_project_id"));
    out.put("connector_builder_project_url", definition.get("connector_builder_project_url"));
    out.put("has_draft", definition.get("has_draft"));
    out.put("draft_manifest", definition.get("draft_manifest"));
    out.put("published_manifest", definition.get("manifest"));
    return out;
  }

  /**
   * Replaces the manifest and/or the Builder testing values; returns the definition as it is now.
   */
  public Map<String, Object> update(
      String workspaceId,
      String id,
      Optional<JsonNode> manifest,
      boolean preValidate,
      Optional<ObjectNode> testingValues) {
    ledger.requireCreatedHere(CloudObject.CUSTOM_SOURCE_DEFINITION, definitionId(id));
    if (manifest.isEmpty() && testingValues.isEmpty()) {
      throw new CloudError(
          "Nothing to update.",
          "Pass manifest_yaml, testing_values or testing_values_secret_name (or several).");
    }
    if (manifest.isPresent()) {
      requireManifestShape(manifest.get());
      if (preValidate) {
        validate(manifest.get());
      }
      ObjectNode body = Json.object();
      body.set("manifest", manifest.get());
      api.put(path(workspaceId) + "/" + definitionId(id), body);
    }
    if (testingValues.isPresent()) {
      String projectId =
          projectId(workspaceId, id)
              .orElseThrow(
                  () ->
                      new CloudError(
                          "Definition '"
                              + id
                              + "' has no Connector Builder project, so it has no testing values.",
                          "Check the definition id with list_custom_source_definitions; definitions published through the API get "
                              + "a Builder project, others may not."));
      JsonNode current =
          manifest.orElseGet(
              () ->
                  api.get(path(workspaceId) + "/" + definitionId(id), ApiQuery.of())
                      .path("manifest"));
      updateTestingValues(workspaceId, projectId, testingValues.get(), current);
    }
    return get(workspaceId, id, false);
  }

  public void delete(String workspaceId, String id, String expectedName) {
    ledger.requireCreatedHere(CloudObject.CUSTOM_SOURCE_DEFINITION, definitionId(id));
    String actual =
        textOr(api.get(path(workspaceId) + "/" + definitionId(id), ApiQuery.of()), "name");
    if (!actual.equals(expectedName)) {
      throw Actors.nameMismatch("custom source definition", id, actual, expectedName);
    }
    api.delete(path(workspaceId) + "/" + definitionId(id));
  }

  private Optional<String> projectId(String workspaceId, String definitionId) {
    try {
      JsonNode answer =
          api.config(
              "/connector_builder_projects/get_for_definition_id",
              Json.object().put("actorDefinitionId", definitionId).put("workspaceId", workspaceId));
      return Optional.ofNullable(text(answer, "builderProjectId"));
    } catch (CloudError e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private JsonNode draft(String workspaceId, String projectId) {
    JsonNode answer =
        api.config(
            "/connector_builder_projects/get_with_manifest",
            Json.object().put("workspaceId", workspaceId).put("builderProjectId", projectId));
    return answer.path("builderProject").path("hasDraft").asBoolean(false)
        ? answer.path("declarativeManifest").get("manifest")
        : null;
  }

  private void updateTestingValues(
      String workspaceId, String projectId, ObjectNode values, JsonNode manifest) {
    JsonNode spec = manifest.path("spec");
    ObjectNode body =
        Json.object().put("workspaceId", workspaceId).put("builderProjectId", projectId);
    body.set("testingValues", values);
    ObjectNode specBody = body.putObject("spec");
    if (spec.hasNonNull("documentation_url")) {
      specBody.set("documentationUrl", spec.get("documentation_url"));
    }
    specBody.set(
        "connectionSpecification",
        spec.path("connection_specification").isObject()
            ? spec.get("connection_specification")
            : Json.object());
    if (spec.hasNonNull("advanced_auth")) {
      specBody.set("advancedAuth", spec.get("advanced_auth"));
    }
    api.config("/connector_builder_projects/update_testing_values", body);
  }

  /**
   * Checked whatever pre_validate says: only something shaped like a declarative manifest is
   * uploaded, so no other file or text can be sent as one. A file-based source's config has a
   * {@code streams} list too, so the shape asks for a {@code version} and streams that are
   * components: an object with a {@code type} or a {@code $ref}, or a reference string.
   */
  static void requireManifestShape(JsonNode manifest) {
    boolean streams =
        manifest.path("streams").isArray() || manifest.path("dynamic_streams").isArray();
    JsonNode type = manifest.path("type");
    if (!manifest.isObject()
        || !streams
        || !(manifest.path("version").isTextual() || manifest.path("version").isNumber())
        || !(type.isMissingNode() || "DeclarativeSource".equals(type.asText(null)))
        || !allComponents(manifest.path("streams"))) {
      throw new CloudError(
          "manifest_yaml is not a declarative source manifest, so it was not sent.",
          "A manifest is a YAML mapping with a 'version', a 'streams' list (or 'dynamic_streams') whose "
              + "items are components (each with a 'type' or a '$ref'), and, if it has a type, "
              + "'type: DeclarativeSource'; pre_validate=false does not skip this check.");
    }
  }

  private static boolean allComponents(JsonNode streams) {
    for (JsonNode stream : streams) {
      boolean component =
          stream.isObject() ? stream.has("type") || stream.has("$ref") : stream.isTextual();
      if (!component) {
        return false;
      }
    }
    return true;
  }

  static void validate(JsonNode manifest) {
    if (!manifest.isObject()
        || !manifest.hasNonNull("version")
        || !"DeclarativeSource".equals(text(manifest, "type"))) {
      throw new CloudError(
          "The manifest is not a declarative source manifest.",
          "A manifest is a YAML object with 'version' and 'type: DeclarativeSource' at the top "
              + "(pre_validate=false skips this check).");
    }
  }
}
