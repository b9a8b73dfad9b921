package airbytemcp.tools;

import static airbytemcp.tools.OutputSchemas.nullableObject;
import static airbytemcp.tools.OutputSchemas.nullableString;
import static airbytemcp.tools.OutputSchemas.string;

import airbytemcp.config.Domain;
import airbytemcp.registry.ApiDocsFinder;
import airbytemcp.registry.ApiDocsUrl;
import airbytemcp.registry.ConnectorMetadata;
import airbytemcp.registry.ConnectorRegistry;
import airbytemcp.registry.ConnectorSpecs;
import airbytemcp.registry.ConnectorType;
import airbytemcp.registry.ConnectorVersion;
import airbytemcp.registry.InstallType;
import airbytemcp.registry.VersionHistory;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Tools that browse Airbyte's connector registry. None of them installs or runs anything. */
public final class RegistryTools {
  private static final String NAME_HELP = "Full name, e.g. source-postgres.";

  private static final ToolParam.Int VERSIONS_TO_VALIDATE =
      ToolParam.integer("num_versions_to_validate", 5);
  private static final ToolParam.Int VERSIONS_OFFSET = ToolParam.integer("offset", 0);

  private final Services services;
  private final ConnectorSpecs specs;
  private final ApiDocsFinder apiDocs;
  private final VersionHistory versionHistory;

  public RegistryTools(Services services) {
    this.services = services;
    this.specs = new ConnectorSpecs(services.connectorFiles());
    this.apiDocs = new ApiDocsFinder(services.connectorFiles());
    this.versionHistory = new VersionHistory(services.settings().registry());
  }

  public List<ToolDefinition> definitions() {
    return List.of(
        listConnectors(), getConnectorInfo(), getApiDocsUrls(), getConnectorVersionHistory());
  }

  private ToolDefinition listConnectors() {
    return new ToolDefinition(
        "list_connectors",
        Domain.REGISTRY,
        """
        List the names of Airbyte connectors in the registry, narrowed by keyword, type and install type (all \
        must match). 'yaml' connectors run natively here (no Python, no Docker); 'docker' covers all.""",
        InputSchema.builder()
            .string("keyword_filter", "Name or title words, any case.")
            .stringEnum(
                "connector_type_filter",
                "Keep only sources or only destinations.",
                List.of("source", "destination"))
            .stringOrList(
                "install_types",
                "Keep connectors installable in any of these ways.",
                List.of("java", "python", "yaml", "docker"),
                null)
            .build(),
        OutputSchemas.listOf(string()),
        ToolHints.LOCAL_READ,
        Set.of(),
        call -> {
          ToolArgs args = call.args();
          Optional<ConnectorType> type =
              args.optionalString("connector_type_filter")
                  .map(t -> ConnectorType.valueOf(t.toUpperCase(Locale.ROOT)));
          Set<InstallType> installTypes = EnumSet.noneOf(InstallType.class);
          for (String id : args.stringList("install_types")) {
            installTypes.add(
                InstallType.fromId(id)
                    .orElseThrow(
                        () ->
                            new ArgumentError(
                                "Unknown install type '" + id + "'.",
                                "Use java, python, yaml or docker.")));
          }
          ConnectorRegistry.Search search =
              services
                  .registry()
                  .registry()
                  .search(args.optionalString("keyword_filter"), type, installTypes);
          if (search.whyNone().isPresent()) { // an empty list alone would say nothing
            return ToolResult.data(ToolResult.emptyList(search.whyNone().get()));
          }
          return ToolResult.data(search.names());
        });
  }

  private ToolDefinition getConnectorInfo() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("connector_name", string());
    properties.put("connector_metadata", nullableObject());
    properties.put("documentation_url", nullableString());
    properties.put("config_spec_jsonschema", nullableObject());
    properties.put("manifest_url", nullableString());
    return new ToolDefinition(
        "get_connector_info",
        Domain.REGISTRY,
        """
        Describe one connector: registry metadata, documentation URL, the JSON Schema of its config (nothing is \
        installed) and, for declarative connectors, its manifest URL.""",
        InputSchema.builder().requiredString("connector_name", NAME_HELP).build(),
        OutputSchemas.object(properties, List.of("connector_name")),
        ToolHints.LOCAL_READ,
        Set.of(),
        call -> {
          ConnectorMetadata connector =
              services.registry().registry().require(call.args().requiredString("connector_name"));
          Map<String, Object> info = new LinkedHashMap<>();
          info.put("connector_name", connector.name());
          info.put("connector_metadata", metadataView(connector));
          info.put("documentation_url", versionHistory.docsPageUrl(connector));
          info.put("config_spec_jsonschema", specs.connectionSpecification(connector).orElse(null));
          info.put(
              "manifest_url",
              connector.isManifestOnly()
                  ? services
                      .connectorFiles()
                      .url(connector.name(), connector.latestVersion(), "manifest.yaml")
                  : null);
          return ToolResult.data(info);
        });
  }

  private ToolDefinition getApiDocsUrls() {
    Map<String, Object> item =
        OutputSchemas.object(
            Map.of(
                "title",
                string(),
                "url",
                string(),
                "source",
                string(),
                "type",
                string(),
                "requiresLogin",
                Map.of("type", "boolean")),
            List.of("title", "url", "source"));
    return new ToolDefinition(
        "get_api_docs_urls",
        Domain.REGISTRY,
        """
        List documentation links for a connector: Airbyte's page and the service's API reference, \
        authentication guide, status page and the like.""",
        InputSchema.builder().requiredString("connector_name", NAME_HELP).build(),
        OutputSchemas.listOf(item),
        ToolHints.LOCAL_READ,
        Set.of(),
        call -> {
          ConnectorMetadata connector =
              services.registry().registry().require(call.args().requiredString("connector_name"));
          List<Map<String, Object>> links = new ArrayList<>();
          for (ApiDocsUrl url : apiDocs.find(connector)) {
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("title", url.title());
            link.put("url", url.url());
            link.put("source", url.source());
            link.put("type", url.docType());
            link.put("requiresLogin", url.requiresLogin());
            links.add(link);
          }
          return ToolResult.data(links);
        });
  }

  private ToolDefinition getConnectorVersionHistory() {
    Map<String, Object> item =
        OutputSchemas.object(
            Map.of(
                "version",
                string(),
                "release_date",
                nullableString(),
                "docker_image_url",
                string(),
                "changelog_url",
                string(),
                "pr_url",
                nullableString(),
                "pr_title",
                nullableString(),
                "parsing_errors",
                Map.of("type", "array", "items", string())),
            List.of("version"));
    return new ToolDefinition(
        "get_connector_version_history",
        Domain.REGISTRY,
        """
        List a connector's released versions, newest first, with release date, pull request and change \
        summary, from its changelog; pages with offset and limit.""",
        InputSchema.builder()
            .requiredString("connector_name", NAME_HELP)
            .integer(
                VERSIONS_TO_VALIDATE, "How many of the newest versions get registry release dates.")
            .nonNegative("limit", "Most versions to return (newest first); all when left out.")
            .integer(VERSIONS_OFFSET, "Versions to skip first, for the next page.")
            .build(),
        OutputSchemas.listOf(item),
        ToolHints.OPEN_WORLD_READ,
        Set.of(),
        call -> {
          ToolArgs args = call.args();
          ConnectorMetadata connector =
              services.registry().registry().require(args.requiredString("connector_name"));
          List<ConnectorVersion> versions =
              versionHistory.versions(connector, args.integer(VERSIONS_TO_VALIDATE));
          Optional<Integer> limit = args.optionalNonNegative("limit");
          int offset = Math.min(versions.size(), args.nonNegative(VERSIONS_OFFSET));
          versions = versions.subList(offset, versions.size());
          if (limit.isPresent() && limit.get() > 0 && versions.size() > limit.get()) {
            versions = versions.subList(0, limit.get());
          }
          List<Map<String, Object>> rows = new ArrayList<>();
          for (ConnectorVersion v : versions) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("version", v.version());
            row.put("release_date", v.releaseDate());
            row.put("docker_image_url", v.dockerImageUrl());
            row.put("changelog_url", v.changelogUrl());
            row.put("pr_url", v.prUrl());
            row.put("pr_title", v.prTitle());
            row.put("parsing_errors", v.parsingErrors());
            rows.add(row);
          }
          return ToolResult.data(rows);
        });
  }

  static Map<String, Object> metadataView(ConnectorMetadata c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", c.name());
    m.put("display_name", c.displayName());
    m.put("connector_type", c.connectorType().id());
    m.put("definition_id", c.definitionId());
    m.put("docker_repository", c.dockerRepository());
    m.put("latest_available_version", c.latestVersion());
    m.put("pypi_package_name", c.pypiPackageName().orElse(null));
    m.put("language", c.language());
    m.put("install_types", c.installTypes().stream().map(InstallType::id).sorted().toList());
    m.put("suggested_streams", c.suggestedStreams());
    m.put("support_level", c.supportLevel());
    m.put("release_stage", c.releaseStage());
    m.put("source_type", c.sourceType());
    m.put("documentation_url", c.documentationUrl());
    m.put("release_date", c.releaseDate());
    m.put("github_issue_label", c.githubIssueLabel());
    return m;
  }
}
