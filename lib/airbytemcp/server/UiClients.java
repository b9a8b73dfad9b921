package airbytemcp.server;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpServerTransportProviderBase;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Remembers which clients declared the UI extension, so tools/list can leave the UI tools out for
 * the others.
 *
 * <p>MCP Java SDK 2.1.0 hands a tool-list filter only the request's transport context, not the
 * session's client capabilities (those reach tool calls through the exchange). So this watches
 * initialize on its way in: on a single-session transport (stdio) through the session transport
 * that decodes the request; on Streamable HTTP through the session factory, keyed by session id,
 * which the transport's context extractor must then put into the transport context under {@link
 * #SESSION_ID}. Without a session id in the context, a client counts as not having declared the
 * extension, so the tools stay hidden.
 */
final class UiClients {
  /** Transport-context key of the Streamable HTTP session id ({@code Mcp-Session-Id}). */
  static final String SESSION_ID = "airbyte-mcp.mcp-session-id";

  private static final Logger LOG = LoggerFactory.getLogger(UiClients.class);

  private volatile boolean singleClientDeclared;
  private UnaryOperator<McpSchema.JSONRPCMessage> outgoing = UnaryOperator.identity();

  /**
   * Rewrites what the single-session transport (stdio) sends: the SDK's protocol error for an
   * unknown tool, the tool list.
   */
  void rewriteOutgoing(UnaryOperator<McpSchema.JSONRPCMessage> rewrite) {
    outgoing = rewrite;
  }

  /** Streamable HTTP sessions that declared the extension, until they close. */
  private final Set<String> declaringSessions = ConcurrentHashMap.newKeySet();

  /** Whether the one client of a single-session transport (stdio) declared the extension. */
  boolean singleClientDeclared() {
    return singleClientDeclared;
  }

  /** How many open HTTP sessions are remembered as having declared the extension. */
  int declaringSessionCount() {
    return declaringSessions.size();
  }

  boolean declared(McpTransportContext context) {
    Object sessionId = context == null ? null : context.get(SESSION_ID);
    return sessionId == null
        ? singleClientDeclared
        : declaringSessions.contains(sessionId.toString());
  }

  /** The stdio provider, watching the initialize of its one session. */
  McpServerTransportProvider watch(McpServerTransportProvider provider) {
    return new WatchedStdio(provider);
  }

  /** A Streamable HTTP provider, recording the sessions whose initialize declared the extension. */
  McpStreamableServerTransportProvider watch(McpStreamableServerTransportProvider provider) {
    return new WatchedStreamable(provider);
  }

  private final class WatchedStdio extends Delegating implements McpServerTransportProvider {
    private final McpServerTransportProvider provider;

    WatchedStdio(McpServerTransportProvider provider) {
      super(provider);
      this.provider = provider;
    }

    @Override
    public void setSessionFactory(McpServerSession.Factory factory) {
      provider.setSessionFactory(transport -> factory.create(new InitializeWatch(transport)));
    }
  }

  private final class WatchedStreamable extends Delegating
      implements McpStreamableServerTransportProvider {
    private final McpStreamableServerTransportProvider provider;

    WatchedStreamable(McpStreamableServerTransportProvider provider) {
      super(provider);
      this.provider = provider;
    }

    @Override
    public void setSessionFactory(McpStreamableServerSession.Factory factory) {
      provider.setSessionFactory(
          request -> {
            McpStreamableServerSession.McpStreamableServerSessionInit init =
                factory.startSession(request);
            boolean declared = UiExtension.declaredBy(request.capabilities());
            logClient(request, declared);
            if (!declared) {
              return init;
            }
            McpStreamableServerSession session = init.session();
            declaringSessions.add(session.getId());
            return new McpStreamableServerSession.McpStreamableServerSessionInit(
                new ForgettingSession(
                    session, request, () -> declaringSessions.remove(session.getId())),
                init.initResult());
          });
    }
  }

  /**
   * Which client connected, in place of the SDK's own line (silenced in {@link
   * Launcher#nameLoggingProvider}): that one prints the request's records, and a record's first
   * {@code toString} links a call site per record class, a tenth of the start-up's CPU time.
   */
  private static void logClient(McpSchema.InitializeRequest request, boolean declaredUi) {
    McpSchema.Implementation client = request.clientInfo();
    LOG.info(
        "Client initialize request: {} {} (protocol {}; MCP Apps views {})",
        client == null ? "unnamed client" : client.name(),
        client == null ? "" : client.version(),
        request.protocolVersion(),
        declaredUi ? "declared" : "not declared");
  }

  /** What both providers pass on unchanged. */
  private abstract static class Delegating implements McpServerTransportProviderBase {
    private final McpServerTransportProviderBase provider;

    Delegating(McpServerTransportProviderBase provider) {
      this.provider = provider;
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
      return provider.notifyClients(method, params);
    }

    @Override
    public Mono<Void> notifyClient(String sessionId, String method, Object params) {
      return provider.notifyClient(sessionId, method, params);
    }

    @Override
    public Mono<Void> closeGracefully() {
      return provider.closeGracefully();
    }

    @Override
    public void close() {
      provider.close();
    }

    @Override
    public List<String> protocolVersions() {
      return provider.protocolVersions();
    }
  }

  /**
   * The session transport; the session decodes initialize's params through it, which is where we
   * look.
   */
  private final class InitializeWatch implements McpServerTransport {
    private final McpServerTransport transport;
    private final Object sending = new Object();

    InitializeWatch(McpServerTransport transport) {
      this.transport = transport;
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
      T value = transport.unmarshalFrom(data, typeRef);
      if (value instanceof McpSchema.InitializeRequest request) {
        singleClientDeclared = UiExtension.declaredBy(request.capabilities());
        logClient(request, singleClientDeclared);
      }
      return value;
    }

    /**
     * One message at a time. The SDK's stdio transport puts every message into a sink that takes
     * one emitter at a time and gives up on a message after 100 ms of contention ("Failed to
     * enqueue message"): answers finishing together on several threads, one of them slowed by the
     * machine's load, lost an answer for good (StdioAnswersTogetherTest).
     */
    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
      McpSchema.JSONRPCMessage rewritten = outgoing.apply(message);
      return Mono.defer(
          () -> {
            synchronized (sending) { // the SDK's Mono enqueues as it is subscribed
              return Mono.fromFuture(transport.sendMessage(rewritten).toFuture());
            }
          });
    }

    @Override
    public Mono<Void> closeGracefully() {
      return transport.closeGracefully();
    }

    @Override
    public void close() {
      transport.close();
    }

    @Override
    public List<String> protocolVersions() {
      return transport.protocolVersions();
    }
  }
}
