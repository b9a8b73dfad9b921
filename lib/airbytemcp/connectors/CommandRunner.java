package airbytemcp.connectors;

import airbytemcp.protocol.LineSplitter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Starts a connector's command on one back-end (a process, a container) and streams its output.
 * Everything above it (files, messages, failures) is shared by all back-ends in {@link
 * ProtocolConnector}.
 */
public interface CommandRunner {
  /** Says what runs, for messages: {@code docker image airbyte/source-faker:6.2.1}. */
  String describe();

  /**
   * Whether the command reads the run folder's files as another user (a container's), so they must
   * be readable by others; the run root around them stays private.
   */
  default boolean readsFilesAsAnotherUser() {
    return false;
  }

  /**
   * The path under which the command sees {@code file}, a file in the run folder {@code runDir}.
   */
  String pathOf(Path runDir, Path file);

  /**
   * Runs the command to its end. A {@link airbytemcp.protocol.StopReading} thrown by {@code stdout}
   * stops the command early and is reported as {@link RunOutcome#stopped()}.
   */
  RunOutcome run(Invocation invocation);

  /**
   * @param stdin lines for the command's stdin, or null to close it at once
   * @param stdout receives stdout's lines as bytes (a sync stores most of them as they are)
   */
  record Invocation(
      List<String> args,
      Path runDir,
      Iterable<String> stdin,
      LineSplitter.Lines stdout,
      Consumer<String> stderr,
      Duration timeout) {}

  record RunOutcome(int exitCode, boolean timedOut, boolean stopped) {}
}
