package airbytemcp.server;

import airbytemcp.cloud.CloudCaller;
import airbytemcp.common.CallScope;
import airbytemcp.common.Json;
import airbytemcp.common.UserError;
import airbytemcp.secrets.Masker;
import airbytemcp.tools.AnswerBudget;
import airbytemcp.tools.ToolArgs;
import airbytemcp.tools.ToolCall;
import airbytemcp.tools.ToolDefinition;
import airbytemcp.tools.ToolResult;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link ToolDefinition} into an MCP tool. This is the boundary: every failure becomes an
 * {@code isError} result, and everything that leaves (results, errors, notifications) is masked.
 */
final class ToolAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(ToolAdapter.class);

  private final Masker masker;
  private final ArgumentCheck arguments;

  /**
   * @param validator checks each call's arguments against its tool's schema (the SDK's own check is
   *     off, see {@link ArgumentCheck})
   */
  ToolAdapter(Masker masker, JsonSchemaValidator validator) {
    this.masker = masker;
    this.arguments = new ArgumentCheck(validator);
  }

  SyncToolSpecification adapt(ToolDefinition definition) {
    McpSchema.Tool.Builder tool =
        McpSchema.Tool.builder()
            .name(definition.name())
            .title(definition.title())
            .description(definition.description())
            .inputSchema(definition.inputSchema())
            .annotations(
                McpSchema.ToolAnnotations.builder()
                    .readOnlyHint(definition.hints().readOnly())
                    .destructiveHint(definition.hints().destructive())
                    .idempotentHint(definition.hints().idempotent())
                    .openWorldHint(definition.hints().openWorld())
                    .build());
    if (definition.uiResourceUri() != null) {
      tool.meta(UiExtension.toolMeta(definition.uiResourceUri()));
    }
    return SyncToolSpecification.builder()
        .tool(tool.build())
        .callHandler(
            (exchange, request) -> {
              CallToolResult refusal = UiExtension.refusalForCall(definition, exchange);
              return refusal != null ? refusal : call(definition, exchange, request);
            })
        .build();
  }

  CallToolResult call(
      ToolDefinition definition, McpSyncServerExchange exchange, CallToolRequest request) {
    Object key = request.meta() == null ? null : request.meta().get(InFlightCalls.META_KEY);
    try (CallScope scope = CallScope.open();
        CallScope.Registration running = InFlightCalls.register(key, scope)) {
      try {
        ToolResult result = run(definition, exchange, request);
        return scope.isCancelled() ? cancelled(definition) : toMcp(result);
      } catch (OutOfMemoryError e) {
        // Whatever filled the heap was reachable only from this call's frames, which are gone now;
        // the answer
        // below needs little memory. Logging comes after, as it may itself fail while memory is
        // short.
        CallToolResult answer = outOfMemory(definition);
        logQuietly(definition, e);
        return answer;
      }
    }
  }

  private ToolResult run(
      ToolDefinition definition, McpSyncServerExchange exchange, CallToolRequest request) {
    Optional<ToolResult> misfit = arguments.refusal(definition, request.arguments());
    if (misfit.isPresent()) {
      return mask(misfit.get());
    }
    try {
      ToolResult result =
          definition.handler().call(new ExchangeToolCall(exchange, request, masker));
      // Masked before the budget cuts it: a cut through a secret would leave a prefix that no
      // form of it matches. What the cut adds (a note of counts, the tool's name and its offset
      // argument) holds nothing to mask, so the answer is masked once.
      return AnswerBudget.fit(definition.name(), new ToolArgs(request.arguments()), mask(result));
    } catch (UserError e) {
      return mask(ToolResult.error(e.getMessage(), e.hint()));
    } catch (Exception | LinkageError | StackOverflowError e) {
      if (CallScope.current().isCancelled()) {
        return ToolResult.error("The call was cancelled.", null);
      }
      LOG.error("Tool {} failed unexpectedly", definition.name(), e);
      return mask(
          ToolResult.error(
              "The tool " + definition.name() + " failed unexpectedly: " + describe(e),
              "This is a bug in airbyte-mcp, not in your input; the server log (stderr) has the details."));
    }
  }

  /** The result with every secret hidden, in its text and in its structured content. */
  private ToolResult mask(ToolResult result) {
    @SuppressWarnings("unchecked")
    Map<String, Object> structured =
        result.structured() == null
            ? null
            : (Map<String, Object>) masker.maskValue(plain(result.structured()));
    return new ToolResult(structured, masker.maskMessage(result.text()), result.isError());
  }

  private static CallToolResult cancelled(ToolDefinition definition) {
    return CallToolResult.builder()
        .addTextContent(
            "The call of " + definition.name() + " was cancelled; its work " + "was stopped.")
        .isError(true)
        .build();
  }

  private static CallToolResult outOfMemory(ToolDefinition definition) {
    return CallToolResult.builder()
        .addTextContent(
            "The tool "
                + definition.name()
                + " ran out of memory and was stopped; the memory is free "
                + "again. Ask for less at once: fewer rows or columns in SQL (LIMIT, aggregates), fewer streams or "
                + "records, or a smaller input.")
        .isError(true)
        .build();
  }

  private static void logQuietly(ToolDefinition definition, OutOfMemoryError e) {
    try {
      LOG.error("Tool {} ran out of memory: {}", definition.name(), e.getMessage());
    } catch (Throwable ignored) {
      // nothing more to do
    }
  }

  /** {@code result} is masked already, its structured content plain maps ({@link #run}). */
  private static CallToolResult toMcp(ToolResult result) {
    if (result.isError()) {
      return CallToolResult.builder().addTextContent(result.text()).isError(true).build();
    }
    if (result.structured() != null) {
      Map<String, Object> structured = result.structured();
      String text = result.text() != null ? result.text() : Json.write(textView(structured));
      return CallToolResult.builder()
          .structuredContent(structured)
          .addTextContent(text)
          .isError(false)
          .build();
    }
    return CallToolResult.builder().addTextContent(result.text()).isError(false).build();
  }

  /** Records and other beans become maps, so masking sees every string (and MCP gets maps). */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> plain(Map<String, Object> value) {
    return Json.MAPPER.convertValue(value, Map.class);
  }

  /**
   * The text block shows a wrapped non-object result as the bare value, as the original server
   * does.
   */
  private static Object textView(Map<String, Object> structured) {
    return structured.size() == 1 && structured.containsKey("result")
        ? structured.get("result")
        : structured;
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** A tool call backed by the MCP exchange; progress and logs are masked on their way out. */
  private record ExchangeToolCall(
      McpSyncServerExchange exchange, CallToolRequest request, Masker masker) implements ToolCall {
    @Override
    public ToolArgs args() {
      return new ToolArgs(request.arguments());
    }

    @Override
    public <T> Optional<T> context(Class<T> type) {
      return type == CloudCaller.class
          ? Optional.of(type.cast(HttpCallers.callerOf(exchange)))
          : Optional.empty();
    }

    @Override
    public Optional<Boolean> askUser(String question) {
      return Elicitation.ask(exchange, masker.maskMessage(question));
    }

    @Override
    public void progress(double progress, Double total, String message) {
      Object token = request.progressToken();
      if (token == null || exchange == null) {
        return;
      }
      McpSchema.ProgressNotification.Builder notification =
          McpSchema.ProgressNotification.builder(token, progress);
      if (total != null) {
        notification.total(total);
      }
      if (message != null) {
        notification.message(masker.maskMessage(message));
      }
      exchange.progressNotification(notification.build());
    }

    @Override
    public void log(String level, String message) {
      if (exchange == null) {
        return;
      }
      McpSchema.LoggingLevel mcpLevel;
      try {
        mcpLevel = McpSchema.LoggingLevel.valueOf(level.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        mcpLevel = McpSchema.LoggingLevel.INFO;
      }
      exchange.loggingNotification(
          McpSchema.LoggingMessageNotification.builder(mcpLevel, masker.maskMessage(message))
              .logger("airbyte-mcp")
              .build());
    }
  }
}
