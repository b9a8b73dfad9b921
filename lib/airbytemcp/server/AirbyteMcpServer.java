package airbytemcp.server;

import airbytemcp.common.Version;
import airbytemcp.secrets.Masker;
import airbytemcp.tools.Services;
import airbytemcp.tools.ToolCatalog;
import airbytemcp.tools.ToolDefinition;
import airbytemcp.tools.ToolTrait;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Assembles the MCP server: the offered tools, the prompt, the info resource, identity and
 * instructions.
 */
public final class AirbyteMcpServer {
  private AirbyteMcpServer() {}

  /** The tools offered under the services' settings, in catalog order. */
  public static List<ToolDefinition> offeredTools(Services services) {
    return offered(ToolCatalog.all(services), new ToolVisibility(services.settings()));
  }

  private static List<ToolDefinition> offered(List<ToolDefinition> all, ToolVisibility visibility) {
    return all.stream().filter(visibility::offered).toList();
  }

  public static McpSyncServer start(Services services, McpServerTransportProvider transport) {
    UiClients uiClients = new UiClients();
    // The catalog is built once per start: every tool's schema and handler are made on the way.
    List<ToolDefinition> all = ToolCatalog.all(services);
    List<String> offered =
        offered(all, new ToolVisibility(services.settings())).stream()
            .map(ToolDefinition::name)
            .toList();
    uiClients.answerUnknownTools(message -> UnofferedTools.answerUnknown(message, offered));
    DeferredSchemaValidator validator = new DeferredSchemaValidator();
    McpSyncServer server =
        configure(McpServer.sync(uiClients.watch(transport)), services, all, uiClients, validator)
            .build();
    validator.serverBuilt();
    return server;
  }

  /** The same server over Streamable HTTP: one server, one MCP session per client. */
  public static McpSyncServer start(
      Services services, McpStreamableServerTransportProvider transport) {
    UiClients uiClients = new UiClients();
    // The servlet transport already holds a container thread per request until its answer is
    // written, so handlers and list filters run on it. Handed to Reactor's boundedElastic instead,
    // a filter's subscribeOn can be cancelled before its task is registered, and Reactor then
    // cancels the task with an interrupt while the worker goes on to write the answer: Tomcat
    // aborts an interrupted write and closes the connection mid-response.
    DeferredSchemaValidator validator = new DeferredSchemaValidator();
    McpSyncServer server =
        configure(
                McpServer.sync(uiClients.watch(transport)),
                services,
                ToolCatalog.all(services),
                uiClients,
                validator)
            .immediateExecution(true)
            .build();
    validator.serverBuilt();
    return server;
  }

  private static <S extends McpServer.SyncSpecification<S>>
      McpServer.SyncSpecification<S> configure(
          S spec,
          Services services,
          List<ToolDefinition> all,
          UiClients uiClients,
          DeferredSchemaValidator validator) {
    Masker masker = services.masker();
    ToolAdapter adapter = new ToolAdapter(masker);
    ToolVisibility visibility = new ToolVisibility(services.settings());
    List<ToolDefinition> offered = offered(all, visibility);
    List<SyncToolSpecification> tools =
        new ArrayList<>(offered.stream().map(adapter::adapt).toList());
    // Hidden tools are registered only as an answer saying why they are hidden, and never listed.
    Set<String> hidden = new HashSet<>();
    for (ToolDefinition tool : all) {
      visibility
          .reasonHidden(tool)
          .ifPresent(
              reason -> {
                hidden.add(tool.name());
                tools.add(UnofferedTools.hidden(tool, reason));
              });
    }
    Set<String> unlisted = unlistedNames(offered);
    return spec.serverInfo("airbyte-mcp", Version.VERSION)
        .instructions(ServerInstructions.TEXT)
        .jsonMapper(McpJson.MAPPER)
        .jsonSchemaValidator(validator)
        .requestTimeout(Duration.ofHours(6))
        .capabilities(
            McpSchema.ServerCapabilities.builder()
                .tools(true)
                .prompts(true)
                .resources(false, true)
                .logging()
                .build())
        .tools(tools)
        .prompts(TestMyToolsPrompt.specification())
        .resources(ServerInfoResource.specification(services, visibility))
        // MCP Apps: the views, and their tools listed only to clients that declared the UI
        // extension.
        .resources(UiResources.specifications(offered))
        .addToolFilter(uiClients.filter(uiToolNames(offered)))
        .addToolFilter((context, tool) -> !hidden.contains(tool.name()))
        // Older names answer calls but stay out of the list, keeping it lean.
        .addToolFilter((context, tool) -> !unlisted.contains(tool.name()));
  }

  private static Set<String> unlistedNames(List<ToolDefinition> offered) {
    return offered.stream()
        .filter(t -> t.has(ToolTrait.UNLISTED))
        .map(ToolDefinition::name)
        .collect(Collectors.toSet());
  }

  private static Set<String> uiToolNames(List<ToolDefinition> offered) {
    return offered.stream()
        .filter(t -> t.has(ToolTrait.NEEDS_UI))
        .map(ToolDefinition::name)
        .collect(Collectors.toSet());
  }
}
