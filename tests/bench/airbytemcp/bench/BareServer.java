package airbytemcp.bench;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The yardstick of StartupBench: a bare MCP Java SDK stdio server with one tool, started through
 * the same JBang route (catalog alias, jar, class-data archive) as airbyte-mcp.
 */
public final class BareServer {
  private BareServer() {}

  public static void main(String[] args) throws Exception {
    // Same fix as airbyte-mcp's ClassDataArchive: JBang's CDS folder for a jar must exist before
    // the JVM exits.
    for (String argument :
        new String(Files.readAllBytes(Path.of("/proc/self/cmdline")), StandardCharsets.UTF_8)
            .split("\0")) {
      if (argument.startsWith("-XX:ArchiveClassesAtExit=")) {
        Files.createDirectories(
            Path.of(argument.substring("-XX:ArchiveClassesAtExit=".length())).getParent());
      }
    }
    McpSchema.Tool echo =
        McpSchema.Tool.builder()
            .name("echo")
            .description("Echoes its text.")
            .inputSchema(
                McpJsonDefaults.getMapper(),
                "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}}}")
            .build();
    McpServer.sync(new StdioServerTransportProvider(McpJsonDefaults.getMapper()))
        .serverInfo("bare-mcp", "1")
        .tools(
            SyncToolSpecification.builder()
                .tool(echo)
                .callHandler(
                    (exchange, request) ->
                        McpSchema.CallToolResult.builder()
                            .addTextContent(String.valueOf(request.arguments().get("text")))
                            .build())
                .build())
        .build();
    Thread.currentThread().join();
  }
}
