package airbytemcp.server;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * With {@code -Dairbytemcp.startupTrace=true}, one stderr line per start-up step: when it ended
 * (milliseconds since the JVM started) and the CPU time its thread had used by then, which says
 * where a start spends its time even on a loaded machine. Off, it costs one property read.
 */
final class StartupTrace {
  static final String PROPERTY = "airbytemcp.startupTrace";
  private static final boolean ON = Boolean.getBoolean(PROPERTY);

  /** Protocol lines written so far, counted only while tracing. */
  private static final AtomicInteger LINES = new AtomicInteger();

  private StartupTrace() {}

  /** The first answers on stdio (initialize's, then tools/list's) end the start-up. */
  static void lineWritten() {
    if (ON && LINES.get() < 2) {
      mark("answer " + LINES.incrementAndGet() + " written");
    }
  }

  static void mark(String step) {
    if (!ON) {
      return;
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    System.err.println(
        String.format(
            Locale.ROOT,
            "airbyte-mcp startup: %s at %d ms (thread %s: %d ms CPU)",
            step,
            ManagementFactory.getRuntimeMXBean().getUptime(),
            Thread.currentThread().getName(),
            threads.getCurrentThreadCpuTime() / 1_000_000));
  }
}
