package airbytemcp.server;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransport;
import java.time.Duration;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A Streamable HTTP session that runs {@code onEnd} when it ends (deleted by the client, evicted as
 * idle, or closed with the server), so per-session state does not outlive it.
 *
 * <p>MCP Java SDK 2.1.0 offers no hook for a session's end, and its session is a class, so this
 * stands in for the SDK's own session: every public method is passed on to it.
 */
final class ForgettingSession extends McpStreamableServerSession {
  private final McpStreamableServerSession session;
  private final Runnable onEnd;

  ForgettingSession(
      McpStreamableServerSession session, McpSchema.InitializeRequest request, Runnable onEnd) {
    // The superclass state is unused: every method below is answered by the SDK's session.
    super(
        session.getId(),
        request.capabilities(),
        request.clientInfo(),
        Duration.ZERO,
        Map.of(),
        Map.of());
    this.session = session;
    this.onEnd = onEnd;
  }

  @Override
  public Mono<Void> delete() {
    return session.delete().doFinally(signal -> onEnd.run());
  }

  @Override
  public Mono<Void> closeGracefully() {
    return session.closeGracefully().doFinally(signal -> onEnd.run());
  }

  @Override
  public void close() {
    try {
      session.close();
    } finally {
      onEnd.run();
    }
  }

  @Override
  public void setMinLoggingLevel(McpSchema.LoggingLevel minLoggingLevel) {
    session.setMinLoggingLevel(minLoggingLevel);
  }

  @Override
  public boolean isNotificationForLevelAllowed(McpSchema.LoggingLevel loggingLevel) {
    return session.isNotificationForLevelAllowed(loggingLevel);
  }

  @Override
  public String getId() {
    return session.getId();
  }

  @Override
  public <T> Mono<T> sendRequest(String method, Object requestParams, TypeRef<T> typeRef) {
    return session.sendRequest(method, requestParams, typeRef);
  }

  @Override
  public Mono<Void> sendNotification(String method, Object params) {
    return session.sendNotification(method, params);
  }

  @Override
  public Mono<Void> sendNotification(String method) {
    return session.sendNotification(method);
  }

  @Override
  public boolean hasListeningStream() {
    return session.hasListeningStream();
  }

  @Override
  public boolean hasOpenStream() {
    return session.hasOpenStream();
  }

  @Override
  public McpStreamableServerSessionStream listeningStream(McpStreamableServerTransport transport) {
    return session.listeningStream(transport);
  }

  @Override
  public void releaseListeningStream() {
    session.releaseListeningStream();
  }

  @Override
  public Flux<McpSchema.JSONRPCMessage> replay(Object lastEventId) {
    return session.replay(lastEventId);
  }

  @Override
  public McpStreamableServerSessionStream responseStream(McpStreamableServerTransport transport) {
    return session.responseStream(transport);
  }

  @Override
  public Mono<Void> responseStream(
      McpSchema.JSONRPCRequest jsonrpcRequest, McpStreamableServerTransport transport) {
    return session.responseStream(jsonrpcRequest, transport);
  }

  @Override
  public Mono<Void> accept(McpSchema.JSONRPCNotification notification) {
    return session.accept(notification);
  }

  @Override
  public Mono<Void> accept(McpSchema.JSONRPCResponse response) {
    return session.accept(response);
  }
}
