package airbytemcp.server;

import airbytemcp.common.Json;
import airbytemcp.tools.Services;
import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code --warm-up}: one in-memory MCP session (initialize, then tools/list), then exit. Run once
 * after install, it leaves the JVM's class-data archive (JBang's CDS, recorded when the first run
 * exits) holding every class a real start needs, so later starts load them from the archive instead
 * of from the jars.
 */
final class WarmUp {
  private static final String REQUESTS =
      """
      {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"airbyte-mcp-warm-up","version":"1"}}}
      {"jsonrpc":"2.0","method":"notifications/initialized"}
      {"jsonrpc":"2.0","id":2,"method":"tools/list","params":{}}
      """;

  private WarmUp() {}

  /** Returns how many tools the session listed. */
  static int run(Services services) throws IOException, InterruptedException {
    CompletableFuture<Integer> listed = new CompletableFuture<>();
    PipedOutputStream requests = new PipedOutputStream();
    PipedInputStream serverIn = new PipedInputStream(requests, 64 * 1024);
    StdioServerTransportProvider transport =
        new StdioServerTransportProvider(McpJson.MAPPER, serverIn, new ResponseWatcher(listed));
    McpSyncServer server = AirbyteMcpServer.start(services, transport);
    try {
      requests.write(REQUESTS.getBytes(StandardCharsets.UTF_8));
      requests.flush();
      return listed.get(60, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("the warm-up session got no tools/list answer", e);
    } finally {
      requests.close();
      server.closeGracefully();
    }
  }

  /** Completes with the tool count when the answer to tools/list (id 2) goes by. */
  private static final class ResponseWatcher extends OutputStream {
    private final CompletableFuture<Integer> listed;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    ResponseWatcher(CompletableFuture<Integer> listed) {
      this.listed = listed;
    }

    @Override
    public synchronized void write(int b) {
      if (b != '\n') {
        line.write(b);
        return;
      }
      JsonNode message = Json.parse(line.toString(StandardCharsets.UTF_8));
      line.reset();
      if (message.path("id").asInt() == 2) {
        listed.complete(message.path("result").path("tools").size());
      }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      for (int i = off; i < off + len; i++) {
        write(b[i]);
      }
    }
  }
}
