package airbytemcp.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * Streamable HTTP sessions: the SDK's own session factory, watched, remembers which sessions
 * declared the UI extension; the tool-list filter finds them by the session id in the transport
 * context. (Stdio is covered end to end in InteractiveToolsOverMcpTest.)
 */
class UiClientsTest {
  private final UiClients clients = new UiClients();
  private McpStreamableServerSession.Factory factory;
  private McpSyncServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private void startServer() {
    McpStreamableServerTransportProvider transport =
        new McpStreamableServerTransportProvider() {
          @Override
          public void setSessionFactory(McpStreamableServerSession.Factory sessionFactory) {
            factory = sessionFactory;
          }

          @Override
          public Mono<Void> notifyClients(String method, Object params) {
            return Mono.empty();
          }

          @Override
          public Mono<Void> closeGracefully() {
            return Mono.empty();
          }
        };
    server =
        McpServer.sync(clients.watch(transport))
            .jsonMapper(McpJsonDefaults.getMapper())
            .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
            .build();
  }

  private String initialize(McpSchema.ClientCapabilities capabilities) {
    McpSchema.InitializeRequest request =
        new McpSchema.InitializeRequest(
            "2025-06-18", capabilities, new McpSchema.Implementation("test", "1"));
    return factory.startSession(request).session().getId();
  }

  private static McpTransportContext session(String id) {
    return McpTransportContext.create(Map.of(UiClients.SESSION_ID, id));
  }

  @Test
  void remembersWhichStreamableSessionsDeclaredTheExtension() {
    startServer();
    String withUi =
        initialize(
            McpSchema.ClientCapabilities.builder()
                .extensions(
                    Map.of(
                        UiExtension.ID, Map.of("mimeTypes", List.of("text/html;profile=mcp-app"))))
                .build());
    String without = initialize(McpSchema.ClientCapabilities.builder().build());
    assertTrue(clients.declared(session(withUi)));
    assertFalse(clients.declared(session(without)));
  }

  @Test
  void aRequestWithoutSessionIdCountsAsNotDeclared() {
    startServer();
    initialize(
        McpSchema.ClientCapabilities.builder()
            .extensions(Map.of(UiExtension.ID, Map.of()))
            .build());
    assertFalse(clients.declared(McpTransportContext.EMPTY));
  }
}
