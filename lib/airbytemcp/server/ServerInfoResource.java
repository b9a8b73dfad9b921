package airbytemcp.server;

import airbytemcp.common.Json;
import airbytemcp.common.Version;
import airbytemcp.config.CloudSettings;
import airbytemcp.config.Domain;
import airbytemcp.config.DotenvFile;
import airbytemcp.config.Settings;
import airbytemcp.tools.Services;
import airbytemcp.tools.ToolCatalog;
import airbytemcp.tools.ToolDefinition;
import airbytemcp.tools.ToolTrait;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code airbyte-mcp://server/info}: version, runtime, modes, what was read from the dotenv files,
 * whether Cloud access is configured, and which tools this client is offered (and why the others
 * are not). Never a value.
 */
final class ServerInfoResource {
  static final String URI = "airbyte-mcp://server/info";

  private ServerInfoResource() {}

  static Map<String, Object> info(
      Services services, ToolVisibility visibility, boolean clientDeclaresUi) {
    Settings settings = services.settings();
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("name", "airbyte-mcp");
    info.put("version", Version.VERSION);
    info.put("java_version", System.getProperty("java.version"));
    info.put("transport", settings.transport().name().toLowerCase(Locale.ROOT));
    info.put(
        "enabled_domains", settings.enabledDomains().stream().map(Domain::id).sorted().toList());
    List<String> offered = new ArrayList<>();
    Map<String, String> hidden = new TreeMap<>();
    int olderNames = 0;
    for (ToolDefinition tool : ToolCatalog.all(services)) {
      if (tool.has(ToolTrait.UNLISTED)) {
        olderNames++; // an older name of a listed tool: answers calls, never listed
        continue;
      }
      String reason =
          visibility
              .reasonHidden(tool)
              .orElse(
                  tool.has(ToolTrait.NEEDS_UI) && !clientDeclaresUi
                      ? "needs a client that declares the MCP Apps UI extension"
                      : null);
      if (reason == null) {
        offered.add(tool.name());
      } else {
        hidden.put(tool.name(), reason);
      }
    }
    info.put("tools_offered", offered.size());
    info.put("tools_offered_to_this_client", offered);
    info.put("tools_hidden", hidden);
    info.put("older_tool_names_still_answering", olderNames);
    info.put("safe_mode", settings.safeMode());
    info.put("read_only_mode", settings.readOnlyMode());
    info.put("trusted_execution", settings.trustedExecution());
    info.put("offline_mode", settings.registry().offline());
    info.put("project_dir", settings.projectDir().toString());
    info.put("execution_backends", services.connectors().availableBackends());
    info.put("dotenv_files", dotenv(settings));
    CloudSettings cloud = settings.cloud();
    Map<String, Object> cloudInfo = new LinkedHashMap<>();
    cloudInfo.put(
        "credentials_configured",
        cloud.bearerToken().isPresent()
            || cloud.clientId().isPresent() && cloud.clientSecret().isPresent());
    cloudInfo.put("default_workspace_configured", cloud.workspaceId().isPresent());
    cloudInfo.put("api_url", cloud.apiUrl());
    info.put("cloud", cloudInfo);
    return info;
  }

  /**
   * Per file: whether it was read, how many names, skipped line numbers, or the problem. Never
   * names' values.
   */
  private static List<Map<String, Object>> dotenv(Settings settings) {
    List<Map<String, Object>> files = new ArrayList<>();
    for (DotenvFile file : settings.dotenvFiles()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("path", file.path().toString());
      entry.put("from", file.source());
      entry.put("read", file.problem().isEmpty());
      entry.put("names_read", file.values().size());
      if (!file.skippedLines().isEmpty()) {
        entry.put("skipped_lines", file.skippedLines());
      }
      file.problem().ifPresent(p -> entry.put("problem", p));
      files.add(entry);
    }
    return files;
  }

  static SyncResourceSpecification specification(Services services, ToolVisibility visibility) {
    McpSchema.Resource resource =
        McpSchema.Resource.builder(URI, "server-info")
            .description("How this airbyte-mcp server is set up, and why a tool is not offered.")
            .mimeType("application/json")
            .build();
    return new SyncResourceSpecification(
        resource,
        (exchange, request) ->
            new McpSchema.ReadResourceResult(
                List.of(
                    new McpSchema.TextResourceContents(
                        URI,
                        "application/json",
                        Json.write(
                            info(
                                services,
                                visibility,
                                UiExtension.declaredBy(exchange.getClientCapabilities())))))));
  }
}
