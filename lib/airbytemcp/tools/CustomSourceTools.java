package airbytemcp.tools;

import static airbytemcp.tools.CloudToolSupport.UNIQUE;
import static airbytemcp.tools.CloudToolSupport.define;
import static airbytemcp.tools.CloudToolSupport.withWorkspace;

import airbytemcp.cloud.CloudObject;
import airbytemcp.cloud.CustomSources;
import airbytemcp.common.Json;
import airbytemcp.secrets.ConfigInput;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tools for custom YAML (declarative) source definitions in a workspace and their Connector Builder
 * projects.
 */
final class CustomSourceTools {
  private static final ToolParam.Flag INCLUDE_DRAFT = ToolParam.flag("include_draft", false);
  private static final ToolParam.Flag PRE_VALIDATE = ToolParam.flag("pre_validate", true);

  private static final String MANIFEST_HELP =
      "Manifest YAML text, or a YAML file path (needs trusted execution).";
  private static final String TESTING_HELP =
      "Connector Builder testing values (object or JSON string); replace the saved ones.";

  private final CloudToolSupport support;

  CustomSourceTools(CloudToolSupport support) {
    this.support = support;
  }

  List<ToolDefinition> definitions() {
    return List.of(publish(), list(), get(), draft(), update(), delete());
  }

  private CustomSources sources(ToolCall call) {
    return support.cloud(call).customSources();
  }

  private ToolDefinition publish() {
    return define(
        "publish_custom_source_definition",
        "Publish a declarative (YAML) source as a custom connector of a workspace, with a Connector Builder "
            + "project to edit it in. Optionally saves testing values for the Builder. Only YAML connectors can "
            + "be published this way.",
        withWorkspace()
            .requiredString("name", "Name of the custom connector.")
            .string("manifest_yaml", MANIFEST_HELP)
            .bool(UNIQUE, "Refuse a name already in use.")
            .bool(PRE_VALIDATE, "Check the manifest first.")
            .objectOrString("testing_values", TESTING_HELP)
            .string(
                "testing_values_secret_name",
                "Name of a secret holding testing values (JSON/YAML), merged over "
                    + "testing_values."),
        null,
        ToolHints.writes().openWorld().build(),
        Set.of(ToolTrait.CHANGES_CLOUD),
        call -> {
          ToolArgs args = call.args();
          String workspace = support.workspace(call);
          JsonNode manifest =
              manifest(args)
                  .orElseThrow(
                      () ->
                          new ArgumentError(
                              "manifest_yaml is required.",
                              "Pass the manifest as YAML text or an absolute file path."));
          CustomSources.Published published =
              sources(call)
                  .publish(
                      workspace,
                      args.requiredString("name"),
                      manifest,
                      args.bool(UNIQUE),
                      args.bool(PRE_VALIDATE),
                      testingValues(args));
          return ToolResult.text(
              "Published custom YAML source definition:\n"
                  + " - Custom Source Name: "
                  + published.name()
                  + "\n"
                  + " - Definition ID: "
                  + published.definitionId()
                  + "\n"
                  + " - Definition Version: "
                  + published.version()
                  + "\n"
                  + " - Connector Builder Project ID: "
                  + published.projectId()
                  + "\n"
                  + " - Connector Builder Project URL: "
                  + published.projectUrl());
        });
  }

  private ToolDefinition list() {
    return define(
        "list_custom_source_definitions",
        "List the custom YAML source definitions of a workspace, with version and Connector Builder link.",
        withWorkspace(),
        OutputSchemas.listOf(
            OutputSchemas.object(
                "definition_id",
                OutputSchemas.string(),
                "name",
                OutputSchemas.string(),
                "version",
                OutputSchemas.nullableInteger(),
                "connector_builder_project_url",
                OutputSchemas.nullableString())),
        ToolHints.OPEN_WORLD_READ,
        Set.of(),
        call -> ToolResult.data(sources(call).list(support.workspace(call))));
  }

  private ToolDefinition get() {
    return define(
        "get_custom_source_definition",
        "Get one custom YAML source definition with its published manifest and Builder link; with include_draft, "
            + "also the Connector Builder's unpublished draft (has_draft, draft_manifest).",
        withWorkspace()
            .requiredString("definition_id", CloudToolSupport.DEFINITION_HELP)
            .bool(INCLUDE_DRAFT, "Also return the Builder's draft manifest."),
        null,
        ToolHints.OPEN_WORLD_READ,
        Set.of(),
        call -> {
          ToolArgs args = call.args();
          return ToolResult.data(
              sources(call)
                  .get(
                      support.workspace(call),
                      args.requiredString("definition_id"),
                      args.bool(INCLUDE_DRAFT)));
        });
  }

  private ToolDefinition draft() {
    return define(
        "get_connector_builder_draft_manifest",
        "Get the Connector Builder's unpublished draft of a custom source next to its published manifest. "
            + "has_draft is false (and draft_manifest null) when nobody has edited it since publishing.",
        withWorkspace().requiredString("definition_id", CloudToolSupport.DEFINITION_HELP),
        null,
        ToolHints.OPEN_WORLD_READ,
        Set.of(),
        call -> {
          ToolArgs args = call.args();
          return ToolResult.data(
              sources(call)
                  .draftManifest(support.workspace(call), args.requiredString("definition_id")));
        });
  }

  private ToolDefinition update() {
    return define(
        "update_custom_source_definition",
        "Replace the manifest and/or the Builder testing values of a custom YAML source definition. Safe mode: "
            + "only definitions this server published.",
        withWorkspace()
            .requiredString("definition_id", CloudToolSupport.DEFINITION_HELP)
            .string("manifest_yaml", MANIFEST_HELP)
            .bool(PRE_VALIDATE, "Check the manifest first.")
            .objectOrString("testing_values", TESTING_HELP)
            .string(
                "testing_values_secret_name",
                "Name of a secret holding testing values (JSON/YAML)."),
        null,
        ToolHints.writes().destructive().openWorld().build(),
        Set.of(ToolTrait.CHANGES_CLOUD),
        call -> {
          ToolArgs args = call.args();
          String id =
              support.guardedId(call, "definition_id", CloudObject.CUSTOM_SOURCE_DEFINITION);
          String workspace = support.workspace(call);
          Map<String, Object> now =
              sources(call)
                  .update(
                      workspace, id, manifest(args), args.bool(PRE_VALIDATE), testingValues(args));
          return ToolResult.text(
              "Updated custom YAML source definition:\n"
                  + " - Name: "
                  + now.get("name")
                  + "\n"
                  + " - Definition ID: "
                  + now.get("definition_id")
                  + "\n"
                  + " - Definition Version: "
                  + now.get("version")
                  + "\n"
                  + " - Connector Builder Project URL: "
                  + now.get("connector_builder_project_url"));
        });
  }

  private ToolDefinition delete() {
    return define(
        "permanently_delete_custom_source_definition",
        "Delete a custom YAML source definition for good. As confirmation, name must be its exact current name. "
            + "In safe mode only definitions this server published can be deleted.",
        withWorkspace()
            .requiredString("definition_id", CloudToolSupport.DEFINITION_HELP)
            .requiredString("name", "The definition's exact current name, as confirmation."),
        null,
        ToolHints.writes().destructive().openWorld().build(),
        Set.of(ToolTrait.CHANGES_CLOUD),
        call -> {
          ToolArgs args = call.args();
          String id =
              support.guardedId(call, "definition_id", CloudObject.CUSTOM_SOURCE_DEFINITION);
          String name = args.requiredString("name");
          sources(call).delete(support.workspace(call), id, name);
          return ToolResult.text(
              "Deleted custom source definition '" + name + "' (id " + id + ").");
        });
  }

  /**
   * YAML text (it has line breaks), or a path of a YAML file on this machine that the file rules
   * allow.
   */
  private Optional<JsonNode> manifest(ToolArgs args) {
    Optional<String> text = args.optionalString("manifest_yaml");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String yaml = text.get();
    // one line that is not JSON is a path (YAML text has line breaks)
    if (!yaml.contains("\n") && !yaml.startsWith("{")) {
      if (!support.services.settings().trustedExecution()) {
        throw new ArgumentError(
            "manifest_yaml looks like a file path, and reading files needs trusted execution.",
            "Pass the manifest's YAML text instead, or run the server with AIRBYTE_MCP_TRUSTED_EXECUTION=1.");
      }
      yaml = support.services.settings().agentPolicy().files().read(yaml, "manifest_yaml");
    }
    JsonNode manifest;
    try {
      manifest = Json.parseJsonOrYaml(yaml);
    } catch (IllegalArgumentException e) {
      // the message gives line and column only, never the text
      throw new ArgumentError(
          "manifest_yaml is not valid YAML: " + e.getMessage(), "Fix the YAML and try again.");
    }
    // Airbyte keeps a manifest as plain text, readable by every member of the workspace
    List<String> secrets = support.services.masker().pathsRevealingSecrets(manifest);
    if (!secrets.isEmpty()) {
      throw new ArgumentError(
          "manifest_yaml holds values of your secrets (the server masks them) at: "
              + String.join(", ", secrets)
              + ". Airbyte stores a manifest as plain text, so it was not sent.",
          "A manifest reads secrets from its config ({{ config['api_key'] }}), whose spec marks them "
              + "airbyte_secret; write none into the manifest itself.");
    }
    return Optional.of(manifest);
  }

  private Optional<ObjectNode> testingValues(ToolArgs args) {
    if (!args.has("testing_values")
        && args.optionalString("testing_values_secret_name").isEmpty()) {
      return Optional.empty();
    }
    if (args.optionalString("testing_values_secret_name").isPresent()
        && !support.services.settings().agentPolicy().trustAgentConnectors()) {
      // the Builder runs the manifest the agent wrote with these values: agent-supplied code
      throw new ArgumentError(
          "testing_values_secret_name is refused: the Connector Builder would run a manifest "
              + "the agent wrote with the secret, and code the agent supplies could send it anywhere.",
          "Pass testing_values with \"secret_reference::NAME\" (sent as written, not resolved), or ask the user to "
              + "set AIRBYTE_MCP_TRUST_AGENT_CONNECTORS=1 if they trust connectors the agent supplies.");
    }
    Optional<Object> given = args.optionalValue("testing_values");
    if (given.filter(ConfigInput::isPath).isPresent()) {
      // a path would be read like a config file's, and any JSON or YAML file of the user's sent
      throw new ArgumentError(
          "testing_values must be a JSON object or JSON text; a file path is not read.",
          "Pass the values themselves, with \"secret_reference::NAME\" where a secret belongs (sent as "
              + "written, not resolved).");
    }
    ObjectNode values =
        support
            .services
            .configResolver()
            .resolve(
                new ConfigInput(
                    given, Optional.empty(), args.optionalString("testing_values_secret_name")),
                Optional.empty());
    if (!support.services.settings().agentPolicy().trustAgentConnectors()) {
      List<String> secrets = support.services.masker().pathsRevealingSecrets(values);
      if (!secrets.isEmpty()) {
        // the same reason testing_values_secret_name is refused: the agent's manifest gets them
        throw new ArgumentError(
            "testing_values holds values of your secrets (the server masks them) at: "
                + String.join(", ", secrets)
                + ". The Connector Builder would run a manifest the agent wrote with them.",
            "Write \"secret_reference::NAME\" in those fields instead (sent as written, not resolved), or "
                + "ask the user to set AIRBYTE_MCP_TRUST_AGENT_CONNECTORS=1 if they trust connectors the "
                + "agent supplies.");
      }
    }
    return Optional.of(values);
  }
}
