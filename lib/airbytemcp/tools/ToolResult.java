package airbytemcp.tools;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a tool answers: structured data (shown to the model as JSON text as well), plain text, or an
 * error with a hint. Non-object data is wrapped as {@code {"result": ...}}, as MCP requires an
 * object. A view's result carries both: structured data for the view and a compact text for the
 * model.
 */
public record ToolResult(Map<String, Object> structured, String text, boolean isError) {
  public static ToolResult data(Object value) {
    if (value instanceof Map<?, ?> map) {
      @SuppressWarnings("unchecked")
      Map<String, Object> object = (Map<String, Object>) map;
      return new ToolResult(object, null, false);
    }
    return new ToolResult(Map.of("result", value), null, false);
  }

  /**
   * An empty list with a message saying why it is empty: {@code result} first, as in every list
   * answer, then {@code message}, in that order every time.
   */
  public static Map<String, Object> emptyList(String message) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("result", List.of());
    answer.put("message", message);
    return answer;
  }

  /** Data an MCP Apps view draws, with the shorter text the model reads instead of the data. */
  public static ToolResult view(Map<String, Object> data, String textForModel) {
    return new ToolResult(data, textForModel, false);
  }

  public static ToolResult text(String text) {
    return new ToolResult(null, text, false);
  }

  public static ToolResult error(String message, String hint) {
    return new ToolResult(
        null, hint == null || hint.isBlank() ? message : message + "\n\nHint: " + hint, true);
  }
}
