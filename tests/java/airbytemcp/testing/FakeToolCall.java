package airbytemcp.testing;

import airbytemcp.cloud.CloudCaller;
import airbytemcp.tools.ToolArgs;
import airbytemcp.tools.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A tool call made directly on a handler, recording the progress and logs it sends. */
public final class FakeToolCall implements ToolCall {
  private final ToolArgs args;
  public final List<String> progress = new ArrayList<>();
  public final List<String> logs = new ArrayList<>();

  /** What the user answers when asked (empty: the client cannot be asked); the questions asked. */
  public Optional<Boolean> userAnswer = Optional.empty();

  public final List<String> questions = new ArrayList<>();

  /** Whom the call is for (an HTTP session with its headers, in tests that need one). */
  public CloudCaller caller = CloudCaller.PROCESS;

  public FakeToolCall(Map<String, Object> args) {
    this.args = new ToolArgs(args);
  }

  @Override
  public ToolArgs args() {
    return args;
  }

  @Override
  public void progress(double value, Double total, String message) {
    progress.add(value + "/" + total + " " + message);
  }

  @Override
  public <T> Optional<T> context(Class<T> type) {
    return type == CloudCaller.class ? Optional.of(type.cast(caller)) : Optional.empty();
  }

  @Override
  public Optional<Boolean> askUser(String question) {
    questions.add(question);
    return userAnswer;
  }

  @Override
  public void log(String level, String message) {
    logs.add(level + ": " + message);
  }
}
