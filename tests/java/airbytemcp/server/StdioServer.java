package airbytemcp.server;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** The real server in its own JVM, spoken to over stdio by the SDK's client, as an MCP client would. */
final class StdioServer implements AutoCloseable {
  final McpSyncClient client;
  final List<String> stderr = new CopyOnWriteArrayList<>();

  StdioServer(Map<String, String> env) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ServerParameters parameters = ServerParameters.builder(java)
        .args("-cp", System.getProperty("java.class.path"), Launcher.class.getName())
        .env(env)
        .build();
    StdioClientTransport transport =
        new StdioClientTransport(parameters, new JacksonMcpJsonMapper(new com.fasterxml.jackson.databind.ObjectMapper()));
    transport.setStdErrorHandler(stderr::add);
    client = McpClient.sync(transport).requestTimeout(Duration.ofMinutes(3)).build();
    client.initialize();
  }

  McpSchema.CallToolResult call(String tool, Map<String, Object> args) {
    return client.callTool(new McpSchema.CallToolRequest(tool, args));
  }

  static String text(McpSchema.CallToolResult result) {
    return result.content().stream()
        .map(c -> c instanceof McpSchema.TextContent t ? t.text() : c.toString())
        .collect(Collectors.joining("\n"));
  }

  @Override
  public void close() {
    client.closeGracefully();
  }
}
