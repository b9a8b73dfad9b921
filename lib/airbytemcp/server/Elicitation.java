package airbytemcp.server;

import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Yes/no questions to the user through MCP elicitation, for clients that declared they support it.
 */
final class Elicitation {
  private static final Logger LOG = LoggerFactory.getLogger(Elicitation.class);
  static final String FIELD = "confirm";

  private Elicitation() {}

  /** Empty when the client cannot be asked (no elicitation capability, or the request failed). */
  static Optional<Boolean> ask(McpSyncServerExchange exchange, String question) {
    if (exchange == null
        || exchange.getClientCapabilities() == null
        || exchange.getClientCapabilities().elicitation() == null) {
      return Optional.empty();
    }
    Map<String, Object> schema =
        Map.of(
            "type",
            "object",
            "properties",
            Map.of(
                FIELD, Map.of("type", "boolean", "title", "Allow this?", "description", question)),
            "required",
            List.of(FIELD));
    try {
      McpSchema.ElicitResult answer =
          exchange.createElicitation(
              McpSchema.ElicitRequest.builder().message(question).requestedSchema(schema).build());
      boolean accepted =
          answer.action() == McpSchema.ElicitResult.Action.ACCEPT
              && answer.content() != null
              && Boolean.TRUE.equals(answer.content().get(FIELD));
      return Optional.of(accepted);
    } catch (RuntimeException e) {
      LOG.warn(
          "Could not ask the user through elicitation ({}); falling back to name confirmation",
          e.toString());
      return Optional.empty();
    }
  }
}
