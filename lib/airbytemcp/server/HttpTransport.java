package airbytemcp.server;

import airbytemcp.common.Folders;
import airbytemcp.secrets.Masker;
import airbytemcp.tools.Services;
import airbytemcp.tools.ToolDefinition;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * Streamable HTTP: the MCP SDK's servlet transport at {@code /mcp} and {@code GET /health} in an
 * embedded Tomcat. Every response passes through {@link MaskingResponse}, the HTTP counterpart of
 * the stdio output guard, and every message through {@link JsonRpcGate}.
 */
public final class HttpTransport implements AutoCloseable {
  static final String MCP_PATH = "/mcp";
  static final String HEALTH_PATH = "/health";

  /** How the name of Tomcat's base folder in the temporary folder starts. */
  static final String BASE_DIR_PREFIX = "airbyte-mcp-http";

  /** Requests larger than this are refused with 413 before they are read. */
  static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;

  /** How often open sessions are pinged, so dead clients are noticed. */
  static final Duration KEEP_ALIVE = Duration.ofSeconds(30);

  private final Tomcat tomcat;
  private final McpSyncServer server;
  private final int port;
  private final Path baseDir;

  private HttpTransport(Tomcat tomcat, McpSyncServer server, int port, Path baseDir) {
    this.tomcat = tomcat;
    this.server = server;
    this.port = port;
    this.baseDir = baseDir;
  }

  /** Starts serving; returns once the port is bound. */
  public static HttpTransport start(Services services, HttpOptions options) throws IOException {
    HttpServletStreamableServerTransportProvider transport =
        HttpServletStreamableServerTransportProvider.builder()
            .jsonMapper(McpJson.MAPPER)
            .mcpEndpoint(MCP_PATH)
            .maxRequestSize(MAX_REQUEST_BYTES)
            .keepAliveInterval(KEEP_ALIVE)
            .contextExtractor(HttpCallers::extract)
            .securityValidator(
                new StrictOrigins(
                    DefaultServerTransportSecurityValidator.builder()
                        .allowedHosts(options.allowedHosts())
                        .allowedOrigins(options.allowedOrigins())
                        .build(),
                    options.allowedOrigins()))
            .build();
    McpSyncServer server = AirbyteMcpServer.start(services, transport);

    // Tomcat fills its base folder with a work tree, so the folder is deleted with the server
    // (deleteOnExit skips a folder that is not empty)
    Path baseDir = Files.createTempDirectory(BASE_DIR_PREFIX);
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.toString());
    Connector connector = new Connector("HTTP/1.1");
    connector.setPort(options.port());
    connector.setProperty("address", options.host());
    connector.setProperty("maxPostSize", String.valueOf(MAX_REQUEST_BYTES));
    // The SDK marks event streams "Connection: keep-alive" itself; Tomcat's default of closing a
    // connection after
    // 100 requests then cuts a stream a client still reads.
    connector.setProperty("maxKeepAliveRequests", "-1");
    tomcat.getService().addConnector(connector);
    tomcat.setConnector(connector);

    Context context = tomcat.addContext("", null);
    Wrapper mcp = Tomcat.addServlet(context, "mcp", transport);
    mcp.setAsyncSupported(true);
    context.addServletMappingDecoded(MCP_PATH, "mcp");
    Tomcat.addServlet(context, "health", new HealthServlet());
    context.addServletMappingDecoded(HEALTH_PATH, "health");
    addFilters(
        context,
        services.masker(),
        AirbyteMcpServer.offeredTools(services).stream().map(ToolDefinition::name).toList());

    try {
      tomcat.start();
    } catch (LifecycleException e) {
      server.closeGracefully();
      Folders.deleteQuietly(baseDir);
      throw new IOException(
          "Cannot start the HTTP server on " + options.endpoint() + ": " + e.getMessage(), e);
    }
    int bound = connector.getLocalPort();
    if (bound <= 0) {
      stop(tomcat);
      server.closeGracefully();
      Folders.deleteQuietly(baseDir);
      throw new IOException(
          "Cannot listen on "
              + options.host()
              + ":"
              + options.port()
              + " (is the port in use, or the address not on this machine?).");
    }
    return new HttpTransport(tomcat, server, bound, baseDir);
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    server.closeGracefully();
    stop(tomcat);
    Folders.deleteQuietly(baseDir);
  }

  /** Tomcat's base folder, in the temporary folder while the server runs. */
  Path baseDir() {
    return baseDir;
  }

  private static void stop(Tomcat tomcat) {
    try {
      tomcat.stop();
      tomcat.destroy();
    } catch (LifecycleException e) {
      // shutting down anyway
    }
  }

  /**
   * Masking first (it must see every response, also the gate's), then the gate in front of the MCP
   * endpoint.
   */
  private static void addFilters(Context context, Masker masker, List<String> offeredTools) {
    addFilter(context, "masking", new HttpFilters.Masking(masker, offeredTools), "/*");
    addFilter(context, "jsonrpc-gate", new HttpFilters.Gate(MAX_REQUEST_BYTES), MCP_PATH);
  }

  private static void addFilter(Context context, String name, Filter filter, String pattern) {
    FilterDef def = new FilterDef();
    def.setFilterName(name);
    def.setFilter(filter);
    def.setAsyncSupported("true");
    context.addFilterDef(def);
    FilterMap map = new FilterMap();
    map.setFilterName(name);
    map.addURLPattern(pattern);
    context.addFilterMap(map);
  }

  /**
   * {@code GET /health}: answers as long as the server accepts requests (for load balancers and
   * probes).
   */
  private static final class HealthServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      response.setContentType("application/json");
      response.setCharacterEncoding("UTF-8");
      response.getWriter().write("{\"status\":\"ok\"}");
    }
  }
}
