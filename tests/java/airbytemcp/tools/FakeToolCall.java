package airbytemcp.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A tool call from a test: given arguments, progress and log messages collected. */
public final class FakeToolCall implements ToolCall {
  public record Progress(double progress, Double total, String message) {}

  private final ToolArgs args;
  public final List<Progress> progress = new ArrayList<>();
  public final List<String> logs = new ArrayList<>();

  public FakeToolCall(Map<String, Object> args) {
    this.args = new ToolArgs(args);
  }

  @Override
  public ToolArgs args() {
    return args;
  }

  @Override
  public void progress(double value, Double total, String message) {
    progress.add(new Progress(value, total, message));
  }

  @Override
  public void log(String level, String message) {
    logs.add(level + ": " + message);
  }
}
