package airbytemcp.connectors;

import airbytemcp.protocol.StopReading;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Runs a connector as a process of this machine: a local executable or the entry point of a Python venv. */
public final class ProcessRunner implements CommandRunner {
  private final List<String> command;
  private final Map<String, String> environment;
  private final String description;

  /**
   * @param command the program and any fixed leading arguments
   * @param environment added to the server's environment for the process
   */
  public ProcessRunner(List<String> command, Map<String, String> environment, String description) {
    this.command = List.copyOf(command);
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
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new ConnectorError(
          "Could not start " + description + ": " + e.getMessage(),
          "Check that the program exists and is executable.", e);
    }
    AtomicBoolean timedOut = new AtomicBoolean();
    Thread stderr = Threads.daemon("connector-stderr", () -> drain(process, invocation));
    Thread stdin = Threads.daemon("connector-stdin", () -> feed(process, invocation.stdin()));
    Thread watchdog = Threads.daemon("connector-timeout", () -> {
      try {
        if (!process.waitFor(invocation.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
          timedOut.set(true);
          kill(process);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    boolean stopped = false;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8), 1 << 16)) {
      String line;
      while ((line = out.readLine()) != null) {
        invocation.stdout().accept(line);
      }
    } catch (StopReading e) {
      stopped = true;
      kill(process);
    } catch (IOException e) {
      // the stream broke because the process was killed (timeout); reported through the outcome
    } finally {
      if (!stopped && !timedOut.get()) {
        waitQuietly(process);
      }
      kill(process);
      watchdog.interrupt();
      stdin.interrupt();
      joinQuietly(stderr);
    }
    return new RunOutcome(waitQuietly(process), timedOut.get(), stopped);
  }

  private static void drain(Process process, Invocation invocation) {
    try (BufferedReader err =
        new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = err.readLine()) != null) {
        invocation.stderr().accept(line);
      }
    } catch (IOException e) {
      // the process is gone
    }
  }

  private static void feed(Process process, Iterable<String> lines) {
    try (BufferedWriter in =
        new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8))) {
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

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private static int waitQuietly(Process process) {
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill(process);
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
