package airbytemcp.tools;

import airbytemcp.config.Domain;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the server needs to offer one tool. {@code outputSchema} is null for tools that answer
 * in text; {@code uiResourceUri} names the MCP Apps view of a {@link ToolTrait#NEEDS_UI} tool and
 * is null for all others.
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

  public ToolDefinition(
      String name,
      Domain domain,
      String description,
      Map<String, Object> inputSchema,
      Map<String, Object> outputSchema,
      ToolHints hints,
      Set<ToolTrait> traits,
      ToolHandler handler) {
    this(name, domain, description, inputSchema, outputSchema, hints, traits, handler, null);
  }

  public ToolDefinition {
    Objects.requireNonNull(name);
    Objects.requireNonNull(domain);
    Objects.requireNonNull(description);
    Objects.requireNonNull(inputSchema);
    outputSchema = outputSchema == null ? null : lean(outputSchema);
    Objects.requireNonNull(hints);
    traits = Set.copyOf(traits);
    handler = withDeclaredDefaults(inputSchema, Objects.requireNonNull(handler));
    if (traits.contains(ToolTrait.NEEDS_UI) != (uiResourceUri != null)) {
      throw new IllegalArgumentException(
          name + ": a tool has a UI resource exactly when it needs the UI extension");
    }
  }

  /**
   * The handler, seeing its arguments together with the defaults the input schema declares, so it
   * can read them only through the same {@link ToolParam}s (see {@link ToolArgs}).
   */
  private static ToolHandler withDeclaredDefaults(
      Map<String, Object> inputSchema, ToolHandler handler) {
    if (handler instanceof DeclaredDefaults) {
      return handler;
    }
    Map<String, Object> defaults = ToolArgs.declaredDefaults(inputSchema);
    return (DeclaredDefaults) call -> handler.call(call.withArgs(call.args().declaring(defaults)));
  }

  /** A handler already wrapped, e.g. when a definition is copied under other traits. */
  private interface DeclaredDefaults extends ToolHandler {}

  /**
   * The output schema as advertised: the top-level fields and their types only. Nested item schemas
   * and "required" lists repeat what every answer shows anyway, and the tool list must stay small
   * enough for an agent's context (see ToolListSizeTest); structured results still conform to this
   * shape.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> lean(Map<String, Object> schema) {
    Map<String, Object> copy = new LinkedHashMap<>();
    copy.put("type", schema.getOrDefault("type", "object"));
    if (schema.get("properties") instanceof Map<?, ?> properties) {
      Map<String, Object> fields = new LinkedHashMap<>();
      ((Map<String, Object>) properties)
          .forEach(
              (name, field) ->
                  fields.put(
                      name,
                      field instanceof Map<?, ?> f && f.containsKey("type")
                          ? Map.of("type", f.get("type"))
                          : Map.of()));
      copy.put("properties", fields);
    }
    return copy;
  }

  public boolean has(ToolTrait trait) {
    return traits.contains(trait);
  }

  /** Words of tool names that read as acronyms in a title. */
  private static final Map<String, String> ACRONYMS =
      Map.of("sql", "SQL", "api", "API", "json", "JSON", "ui", "UI", "id", "ID", "urls", "URLs");

  /**
   * The human-readable title clients show: the name in words ("read_source_stream_records" → "Read
   * source stream records").
   */
  public String title() {
    String[] words = name.split("_");
    StringBuilder title = new StringBuilder();
    for (int i = 0; i < words.length; i++) {
      String word = ACRONYMS.getOrDefault(words[i], words[i]);
      if (i == 0 && !word.isEmpty()) {
        word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
      }
      title.append(i == 0 ? "" : " ").append(word);
    }
    return title.toString();
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
