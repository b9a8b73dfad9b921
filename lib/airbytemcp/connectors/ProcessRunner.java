package airbytemcp.connectors;

import airbytemcp.common.CallScope;
import airbytemcp.protocol.LineSplitter;
import airbytemcp.protocol.LineTooLong;
import airbytemcp.protocol.StopReading;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a connector as a process of this machine: a local executable or the entry point of a Python
 * venv.
 */
public final class ProcessRunner implements CommandRunner {
  private final List<String> command;
  private final ConnectorEnvironment inherited;
  private final Map<String, String> environment;
  private final String description;

  /**
   * @param command the program and any fixed leading arguments
   * @param inherited what of the server's environment the process may not inherit
   * @param environment added to the server's environment for the process
   */
  public ProcessRunner(
      List<String> command,
      ConnectorEnvironment inherited,
      Map<String, String> environment,
      String description) {
    this.command = List.copyOf(command);
    this.inherited = inherited;
    this.environment = Map.copyOf(environment);
    this.description = description;
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public String pathOf(Path runDir, Path file) {
    return file.toAbsolutePath().toString();
  }

  @Override
  public RunOutcome run(Invocation invocation) {
    List<String> argv = new ArrayList<>(command);
    argv.addAll(invocation.args());
    ProcessBuilder builder = new ProcessBuilder(argv).directory(invocation.runDir().toFile());
    inherited.withhold(builder.environment());
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new ConnectorError(
          "Could not start " + description + ": " + e.getMessage(),
          "Check that the program exists and is executable.",
          e);
    }
    RunningConnectors.started(process);
    AtomicBoolean timedOut = new AtomicBoolean();
    AtomicReference<LineTooLong> tooLong = new AtomicReference<>();
    Thread stderr = Threads.daemon("connector-stderr", () -> drain(process, invocation, tooLong));
    Thread stdin = Threads.daemon("connector-stdin", () -> feed(process, invocation.stdin()));
    Thread watchdog =
        Threads.daemon(
            "connector-timeout",
            () -> {
              try {
                if (!process.waitFor(invocation.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                  timedOut.set(true);
                  RunningConnectors.killTree(process);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    boolean stopped = false;
    // a cancelled tool call kills the connector and all it started; the read below then ends
    try (CallScope.Registration cancel =
            CallScope.current().onCancel(() -> RunningConnectors.killTree(process));
        InputStream out = process.getInputStream()) {
      new LineSplitter(invocation.stdout(), LineSplitter.MAX_LINE_BYTES, "stdout").readAll(out);
    } catch (StopReading e) {
      stopped = true;
    } catch (LineTooLong e) {
      tooLong.compareAndSet(null, e);
    } catch (IOException e) {
      // the stream broke because the process was killed (timeout, cancel); reported through the
      // outcome
    } finally {
      if (!stopped
          && !timedOut.get()
          && tooLong.get() == null
          && !CallScope.current().isCancelled()) {
        waitQuietly(process);
      }
      RunningConnectors.killTree(process);
      watchdog.interrupt();
      stdin.interrupt();
      joinQuietly(stderr);
      RunningConnectors.ended(process);
    }
    if (tooLong.get() != null) {
      throw lineTooLong(description, tooLong.get());
    }
    if (CallScope.current().isCancelled()) {
      throw new ConnectorError(description + " was stopped because the call was cancelled.", null);
    }
    return new RunOutcome(waitQuietly(process), timedOut.get(), stopped);
  }

  /** The error for a connector that wrote a line beyond the limit (it has been stopped). */
  static ConnectorError lineTooLong(String description, LineTooLong e) {
    return new ConnectorError(
        description
            + " wrote a line longer than "
            + (LineSplitter.MAX_LINE_BYTES >> 20)
            + " MB on its "
            + e.stream()
            + " and was stopped; one message (one record) may not be that large.",
        "The connector or its data is broken for this server: exclude the stream with the oversized records, or "
            + "check the connector.");
  }

  private static void drain(
      Process process, Invocation invocation, AtomicReference<LineTooLong> tooLong) {
    try (InputStream err = process.getErrorStream()) {
      new LineSplitter(invocation.stderr(), LineSplitter.MAX_LINE_BYTES, "stderr").readAll(err);
    } catch (LineTooLong e) {
      tooLong.compareAndSet(null, e);
      RunningConnectors.killTree(process);
    } catch (IOException e) {
      // the process is gone
    }
  }

  private static void feed(Process process, Iterable<String> lines) {
    try (BufferedWriter in =
        new BufferedWriter(
            new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8))) {
      if (lines != null) {
        for (String line : lines) {
          in.write(line);
          in.write('\n');
        }
      }
    } catch (IOException e) {
      // the connector stopped reading (it failed or finished); its exit code tells
    }
  }

  private static int waitQuietly(Process process) {
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      RunningConnectors.killTree(process);
      return -1;
    }
  }

  private static void joinQuietly(Thread thread) {
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
