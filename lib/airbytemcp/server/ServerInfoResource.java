package airbytemcp.server;

import airbytemcp.common.Json;
import airbytemcp.common.Version;
import airbytemcp.config.Domain;
import airbytemcp.config.Settings;
import airbytemcp.tools.Services;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code airbyte-mcp://server/info}: version, runtime, enabled domains and modes. */
final class ServerInfoResource {
  static final String URI = "airbyte-mcp://server/info";

  private ServerInfoResource() {}

  static Map<String, Object> info(Services services, int toolsOffered) {
    Settings settings = services.settings();
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("name", "airbyte-mcp");
    info.put("version", Version.VERSION);
    info.put("java_version", System.getProperty("java.version"));
    info.put("transport", settings.transport().name().toLowerCase(Locale.ROOT));
    info.put("enabled_domains", settings.enabledDomains().stream().map(Domain::id).sorted().toList());
    info.put("tools_offered", toolsOffered);
    info.put("safe_mode", settings.safeMode());
    info.put("read_only_mode", settings.readOnlyMode());
    info.put("trusted_execution", settings.trustedExecution());
    info.put("offline_mode", settings.registry().offline());
    info.put("project_dir", settings.projectDir().toString());
    info.put("execution_backends", services.connectors().availableBackends());
    return info;
  }

  static SyncResourceSpecification specification(Services services, int toolsOffered) {
    McpSchema.Resource resource =
        McpSchema.Resource.builder(URI, "server-info")
            .description("What this airbyte-mcp server is and how it is set up.")
            .mimeType("application/json")
            .build();
    return new SyncResourceSpecification(
        resource,
        (exchange, request) ->
            new McpSchema.ReadResourceResult(List.of(
                new McpSchema.TextResourceContents(URI, "application/json", Json.write(info(services, toolsOffered))))));
  }
}
