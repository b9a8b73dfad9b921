package airbytemcp.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a child process for a test: stdout and stderr are drained at the same time (a child that
 * fills one pipe while the test reads the other would otherwise hang), and the wait is bounded; a
 * child still running at the limit is killed and reported as timed out.
 */
public final class ChildProcess {
  private ChildProcess() {}

  /**
   * What a finished (or killed) child printed; {@code code} is -1 when it was killed at the limit.
   */
  public record Result(int code, String stdout, String stderr, boolean timedOut) {
    public boolean succeeded() {
      return !timedOut && code == 0;
    }

    /** Everything it printed, for assertion messages. */
    public String output() {
      return stdout + (stderr.isEmpty() ? "" : "\n[stderr]\n" + stderr);
    }
  }

  public static Result run(Duration limit, List<String> command) {
    return run(limit, command, Map.of());
  }

  public static Result run(Duration limit, List<String> command, Map<String, String> env) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    return run(limit, builder);
  }

  /** Starts {@code builder} with an empty stdin and waits at most {@code limit} for it to end. */
  public static Result run(Duration limit, ProcessBuilder builder) {
    Process process;
    try {
      process = builder.start();
      process.getOutputStream().close();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + String.join(" ", builder.command()), e);
    }
    Drain out = new Drain(process.getInputStream(), "stdout of " + builder.command().get(0));
    Drain err = new Drain(process.getErrorStream(), "stderr of " + builder.command().get(0));
    try {
      boolean finished = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
      return new Result(finished ? process.exitValue() : -1, out.text(), err.text(), !finished);
    } catch (InterruptedException e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while waiting for " + String.join(" ", builder.command()), e);
    }
  }

  /** Reads one stream to its end on a daemon thread. */
  private static final class Drain {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Thread thread;

    Drain(InputStream in, String name) {
      thread =
          new Thread(
              () -> {
                byte[] buffer = new byte[8192];
                try (in) {
                  for (int n; (n = in.read(buffer)) >= 0; ) {
                    synchronized (bytes) {
                      bytes.write(buffer, 0, n);
                    }
                  }
                } catch (IOException e) {
                  // the process was killed; keep what was read
                }
              },
              name);
      thread.setDaemon(true);
      thread.start();
    }

    String text() throws InterruptedException {
      thread.join(TimeUnit.SECONDS.toMillis(10));
      synchronized (bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
      }
    }
  }
}
