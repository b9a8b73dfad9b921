package airbytemcp.server;

import airbytemcp.common.Version;
import airbytemcp.secrets.Masker;
import airbytemcp.tools.Services;
import airbytemcp.tools.ToolCatalog;
import airbytemcp.tools.ToolDefinition;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.time.Duration;
import java.util.ArrayList;
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
    ToolVisibility visibility = new ToolVisibility(services.settings());
    List<String> offered = offered(all, visibility).stream().map(ToolDefinition::name).toList();
    ToolListing listing = listing(all, visibility);
    // No SDK list filters here: the list is cut in the answer (ToolListing says why).
    uiClients.rewriteOutgoing(
        message ->
            listing.cut(
                UnofferedTools.answerUnknown(message, offered), uiClients.singleClientDeclared()));
    DeferredSchemaValidator validator = new DeferredSchemaValidator();
    McpSyncServer server =
        configure(McpServer.sync(uiClients.watch(transport)), services, all, validator).build();
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
    // In line, the SDK's list filters are safe too (ToolListing says why they are not over stdio).
    List<ToolDefinition> all = ToolCatalog.all(services);
    ToolListing listing = listing(all, new ToolVisibility(services.settings()));
    DeferredSchemaValidator validator = new DeferredSchemaValidator();
    McpSyncServer server =
        configure(McpServer.sync(uiClients.watch(transport)), services, all, validator)
            .addToolFilter((context, tool) -> listing.listed(tool, uiClients.declared(context)))
            .immediateExecution(true)
            .build();
    validator.serverBuilt();
    return server;
  }

  private static <S extends McpServer.SyncSpecification<S>>
      McpServer.SyncSpecification<S> configure(
          S spec, Services services, List<ToolDefinition> all, DeferredSchemaValidator validator) {
    Masker masker = services.masker();
    ToolAdapter adapter = new ToolAdapter(masker, validator);
    ToolVisibility visibility = new ToolVisibility(services.settings());
    List<ToolDefinition> offered = offered(all, visibility);
    List<SyncToolSpecification> tools =
        new ArrayList<>(offered.stream().map(adapter::adapt).toList());
    ArrivingCalls.install(offered, services);
    // Hidden tools are registered only as an answer saying why they are hidden, and never listed.
    for (ToolDefinition tool : all) {
      visibility
          .reasonHidden(tool)
          .ifPresent(reason -> tools.add(UnofferedTools.hidden(tool, reason)));
    }
    return spec.serverInfo("airbyte-mcp", Version.VERSION)
        .instructions(ServerInstructions.TEXT)
        .jsonMapper(McpJson.MAPPER)
        .jsonSchemaValidator(validator)
        .validateToolInputs(false) // ToolAdapter checks them, answering with what a tool takes
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
        // MCP Apps: the views; their tools are listed only to clients that declared the UI
        // extension (ToolListing).
        .resources(UiResources.specifications(offered));
  }

  /**
   * What each client is listed: the offered tools minus the older names, UI tools for UI clients.
   */
  private static ToolListing listing(List<ToolDefinition> all, ToolVisibility visibility) {
    Set<String> hidden =
        all.stream()
            .filter(t -> !visibility.offered(t))
            .map(ToolDefinition::name)
            .collect(Collectors.toSet());
    return ToolListing.of(offered(all, visibility), hidden);
  }
}
