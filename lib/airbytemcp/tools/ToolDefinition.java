package airbytemcp.tools;

import airbytemcp.config.Domain;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the server needs to offer one tool. {@code outputSchema} is null for tools that answer in text;
 * {@code uiResourceUri} names the MCP Apps view of a {@link ToolTrait#NEEDS_UI} tool and is null for all others.
 */
public record ToolDefinition(
    String name,
    Domain domain,
    String description,
    Map<String, Object> inputSchema,
    Map<String, Object> outputSchema,
    ToolHints hints,
    Set<ToolTrait> traits,
    ToolHandler handler,
    String uiResourceUri) {

  public ToolDefinition(String name, Domain domain, String description, Map<String, Object> inputSchema,
      Map<String, Object> outputSchema, ToolHints hints, Set<ToolTrait> traits, ToolHandler handler) {
    this(name, domain, description, inputSchema, outputSchema, hints, traits, handler, null);
  }

  public ToolDefinition {
    Objects.requireNonNull(name);
    Objects.requireNonNull(domain);
    Objects.requireNonNull(description);
    Objects.requireNonNull(inputSchema);
    Objects.requireNonNull(hints);
    traits = Set.copyOf(traits);
    Objects.requireNonNull(handler);
    if (traits.contains(ToolTrait.NEEDS_UI) != (uiResourceUri != null)) {
      throw new IllegalArgumentException(name + ": a tool has a UI resource exactly when it needs the UI extension");
    }
  }

  public boolean has(ToolTrait trait) {
    return traits.contains(trait);
  }

  /** The first sentence of the description, for tables. */
  public String summary() {
    String text = description.strip();
    int end = text.indexOf(". ");
    int newline = text.indexOf('\n');
    if (newline >= 0 && (end < 0 || newline < end)) {
      end = newline - 1;
    }
    return end < 0 ? text : text.substring(0, end + 1).strip();
  }
}
