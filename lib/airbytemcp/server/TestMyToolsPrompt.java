package airbytemcp.server;

import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;

/**
 * The {@code test-my-tools} prompt: asks the agent to exercise every offered tool safely and
 * report.
 */
final class TestMyToolsPrompt {
  static final String NAME = "test-my-tools";

  static final String TEXT =
      """
      Exercise every tool this airbyte-mcp server offers and report how each one behaves.

      Work like this:
      - Go through the tools one by one; prefer read-only calls.
      - For tools that change things, use throw-away objects you created yourself, or skip them and say why.
      - Leave nothing behind: no real connections, deployments or data the user did not ask for.
      - Never ask for or print secret values; use secret_reference:: names from list_dotenv_secrets.
      - Note for each tool whether it accepted its arguments, what shape it returned, and how it handled a bad input.

      Finish with a table of tools and their status, then a short list of problems found.""";

  private TestMyToolsPrompt() {}

  static SyncPromptSpecification specification() {
    McpSchema.Prompt prompt =
        new McpSchema.Prompt(
            NAME,
            "Test all available tools and report on each",
            List.of(
                new McpSchema.PromptArgument(
                    "scope",
                    "Optional text that narrows or constrains the testing (a word, a sentence or a paragraph).",
                    false)));
    return new SyncPromptSpecification(
        prompt,
        (exchange, request) -> {
          Object scope = request.arguments() == null ? null : request.arguments().get("scope");
          String text = TEXT;
          if (scope != null && !String.valueOf(scope).isBlank()) {
            text += "\n\n---\n\nScope and constraints from the user:\n" + scope;
          }
          return new McpSchema.GetPromptResult(
              "Test the airbyte-mcp tools",
              List.of(
                  new McpSchema.PromptMessage(
                      McpSchema.Role.USER, new McpSchema.TextContent(text))));
        });
  }
}
