package airbytemcp.server;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Readies the JSON-RPC path of the first requests on a second thread while the main thread reads
 * the settings and builds the tools: slf4j, the session id's random source, Jackson's
 * (de)serializers for the SDK's message records (built by introspection the first time a type is
 * seen, per mapper), Reactor's schedulers. On two cores the first initialize and tools/list then
 * find that work done. It touches only the protocol's own types, nothing a tool loads, and writes
 * nothing anywhere; a failure only costs the time it would have saved.
 */
final class ProtocolPrimer {
  /** The messages a client sends first, with every capability a client may declare. */
  private static final List<String> REQUESTS =
      List.of(
          """
          {"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
          "capabilities":{"roots":{"listChanged":true},"sampling":{},"elicitation":{},\
          "experimental":{},"extensions":{"io.modelcontextprotocol/ui":{"mimeTypes":["text/html"]}}},\
          "clientInfo":{"name":"primer","title":"primer","version":"0"}}}""",
          """
          {"jsonrpc":"2.0","method":"notifications/initialized"}""",
          """
          {"jsonrpc":"2.0","id":1,"method":"tools/list","params":{}}""");

  private ProtocolPrimer() {}

  /** Starts priming on a daemon thread and returns at once. */
  static void start() {
    Thread thread = new Thread(ProtocolPrimer::prime, "airbyte-mcp-primer");
    thread.setDaemon(true);
    thread.start();
  }

  static void prime() {
    try {
      // What building the server needs first: slf4j's set-up, and the secure random source of the
      // session id (its first use loads the security providers).
      LoggerFactory.getILoggerFactory();
      UUID.randomUUID();
      McpJsonMapper mapper = McpJson.MAPPER;
      for (String line : REQUESTS) {
        JsonRpcGate.refusal(line);
        if (McpSchema.deserializeJsonRpcMessage(mapper, line)
                instanceof McpSchema.JSONRPCRequest request
            && request.method().equals(McpSchema.METHOD_INITIALIZE)) {
          mapper.convertValue(request.params(), new TypeRef<McpSchema.InitializeRequest>() {});
        }
      }
      mapper.writeValueAsString(
          new McpSchema.JSONRPCResponse(
              McpSchema.JSONRPC_VERSION,
              0,
              new McpSchema.InitializeResult(
                  "2025-06-18",
                  McpSchema.ServerCapabilities.builder()
                      .tools(true)
                      .prompts(true)
                      .resources(false, true)
                      .logging()
                      .build(),
                  new McpSchema.Implementation("primer", "0"),
                  "primer"),
              null));
      mapper.writeValueAsString(
          new McpSchema.JSONRPCResponse(
              McpSchema.JSONRPC_VERSION,
              1,
              new McpSchema.ListToolsResult(List.of(tool()), null),
              null));
      Mono.fromCallable(() -> 0)
          .subscribeOn(Schedulers.boundedElastic())
          .block(Duration.ofSeconds(10));
      StartupTrace.mark("protocol primed");
    } catch (IOException | RuntimeException e) {
      // Priming only saves time; the real requests do the same work if it failed.
    }
  }

  private static McpSchema.Tool tool() {
    return McpSchema.Tool.builder()
        .name("primer")
        .title("Primer")
        .description("primer")
        .inputSchema(
            Map.of(
                "type",
                "object",
                "properties",
                Map.of("name", Map.of("type", "string", "description", "primer")),
                "required",
                List.of("name"),
                "additionalProperties",
                false))
        .annotations(
            McpSchema.ToolAnnotations.builder()
                .readOnlyHint(true)
                .destructiveHint(false)
                .idempotentHint(true)
                .openWorldHint(false)
                .build())
        .meta(Map.of("ui", Map.of("resourceUri", "ui://primer")))
        .build();
  }
}
