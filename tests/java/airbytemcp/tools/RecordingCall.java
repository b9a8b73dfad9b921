package airbytemcp.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A tool call with fixed arguments that keeps the progress messages the tool sends. */
final class RecordingCall implements ToolCall {
  private final ToolArgs args;
  final List<String> progress = new ArrayList<>();

  RecordingCall(Map<String, Object> args) {
    this.args = new ToolArgs(args);
  }

  @Override
  public ToolArgs args() {
    return args;
  }

  @Override
  public void progress(double value, Double total, String message) {
    progress.add(message);
  }

  @Override
  public void log(String level, String message) {}
}
