package airbytemcp.tools;

import java.util.Optional;

/** A tool call seen with other arguments; everything else goes to the original call. */
record ArgumentsReplaced(ToolCall original, ToolArgs args) implements ToolCall {
  @Override
  public void progress(double progress, Double total, String message) {
    original.progress(progress, total, message);
  }

  @Override
  public void log(String level, String message) {
    original.log(level, message);
  }

  @Override
  public Optional<Boolean> askUser(String question) {
    return original.askUser(question);
  }

  @Override
  public <T> Optional<T> context(Class<T> type) {
    return original.context(type);
  }
}
