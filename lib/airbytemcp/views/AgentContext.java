package airbytemcp.views;

import java.util.Locale;

/**
 * How much a view tool tells the model besides drawing: a line, the key numbers, or the data
 * itself.
 */
public enum AgentContext {
  MIN,
  SUMMARY,
  VERBOSE;

  public static AgentContext parse(String value) {
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ViewError("Unknown agent_context '" + value + "'.", "Use min, summary or verbose.");
    }
  }
}
