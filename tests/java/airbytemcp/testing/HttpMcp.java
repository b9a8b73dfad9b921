package airbytemcp.testing;

import airbytemcp.server.HttpOptions;
import airbytemcp.server.HttpTransport;
import airbytemcp.tools.Services;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The server on Streamable HTTP in this JVM (a free port on 127.0.0.1), and MCP clients that talk
 * to it.
 */
public final class HttpMcp implements AutoCloseable {
  public final HttpTransport transport;
  public final String baseUrl;

  private HttpMcp(HttpTransport transport) {
    this.transport = transport;
    this.baseUrl = "http://localhost:" + transport.port();
  }

  public static HttpMcp start(Services services) {
    try {
      return new HttpMcp(
          HttpTransport.start(services, HttpOptions.parse(List.of("--port", "0"), Map.of())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String mcpUrl() {
    return baseUrl + "/mcp";
  }

  /**
   * An initialized client sending these headers with every request (one MCP session per client).
   */
  public McpSyncClient client(Map<String, String> headers) {
    HttpClientStreamableHttpTransport clientTransport =
        HttpClientStreamableHttpTransport.builder(baseUrl)
            .endpoint("/mcp")
            .jsonMapper(McpJsonDefaults.getMapper())
            .httpRequestCustomizer(
                (request, method, uri, body, context) -> headers.forEach(request::header))
            .build();
    McpSyncClient client =
        McpClient.sync(clientTransport).requestTimeout(Duration.ofSeconds(60)).build();
    client.initialize();
    return client;
  }

  @Override
  public void close() {
    transport.close();
  }
}
