package airbytemcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.time.Duration;
import java.util.ArrayList;
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
    return start(capabilities).getId();
  }

  private McpStreamableServerSession start(McpSchema.ClientCapabilities capabilities) {
    McpSchema.InitializeRequest request =
        new McpSchema.InitializeRequest(
            "2025-06-18", capabilities, new McpSchema.Implementation("test", "1"));
    return factory.startSession(request).session();
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
  void forgetsEverySessionThatDeclaredTheExtensionOnceItEnds() {
    startServer();
    McpSchema.ClientCapabilities withUi =
        McpSchema.ClientCapabilities.builder().extensions(Map.of(UiExtension.ID, Map.of())).build();
    List<McpStreamableServerSession> sessions = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      sessions.add(start(withUi));
      sessions.add(start(McpSchema.ClientCapabilities.builder().build()));
    }
    assertEquals(50, clients.declaringSessionCount(), "the 50 UI sessions are remembered");
    for (int i = 0; i < sessions.size(); i++) {
      McpStreamableServerSession session = sessions.get(i);
      // The three ways the SDK ends a session: the client's DELETE, the idle sweep, a hard close.
      switch (i % 3) {
        case 0 -> session.delete().block(Duration.ofSeconds(10));
        case 1 -> session.closeGracefully().block(Duration.ofSeconds(10));
        default -> session.close();
      }
      assertFalse(
          clients.declared(session(session.getId())),
          "session " + i + " still counts as declared after it ended");
    }
    assertEquals(0, clients.declaringSessionCount(), "ended sessions are all forgotten");
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
