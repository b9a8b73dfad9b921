package airbytemcp.server;

import airbytemcp.tools.Services;
import airbytemcp.tools.ToolDefinition;
import airbytemcp.tools.ToolTrait;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Readies what a tool needs on another thread as soon as a call of it arrives: before the SDK
 * checks its arguments (which loads the JSON-schema validator on a first call) and before the tool
 * resolves its connector, so on two cores that work and the readying overlap instead of adding up.
 * Today one thing is readied: DuckDB's native library, for {@link ToolTrait#OPENS_CACHE} tools,
 * once per process. Nothing is readied at start-up, which stays lazy.
 */
final class ArrivingCalls {
  /** The thread that loads DuckDB's library ahead of a call. */
  static final String ENGINE_THREAD = "airbyte-mcp-cache-engine";

  private static volatile ArrivingCalls installed = new ArrivingCalls(Map.of());

  private final Map<String, Runnable> readiers;

  ArrivingCalls(Map<String, Runnable> readiers) {
    this.readiers = Map.copyOf(readiers);
  }

  /** The readiers of the server's tools, used from now on by {@link #arriving}. */
  static void install(List<ToolDefinition> tools, Services services) {
    Runnable engine =
        once(
            ENGINE_THREAD,
            () -> {
              services.cache().loadEngine();
              StartupTrace.mark("cache engine loaded ahead of a call");
            });
    Map<String, Runnable> readiers = new HashMap<>();
    for (ToolDefinition tool : tools) {
      if (tool.has(ToolTrait.OPENS_CACHE)) {
        readiers.put(tool.name(), engine);
      }
    }
    installed = new ArrivingCalls(readiers);
  }

  /** A call of {@code tool} has arrived (its arguments not yet checked). */
  static void arriving(String tool) {
    installed.ready(tool);
  }

  void ready(String tool) {
    Runnable readier = readiers.get(tool);
    if (readier != null) {
      readier.run();
    }
  }

  /** Runs {@code work} on a daemon thread the first time, and does nothing after that. */
  static Runnable once(String threadName, Runnable work) {
    AtomicBoolean started = new AtomicBoolean();
    return () -> {
      if (started.compareAndSet(false, true)) {
        Thread thread = new Thread(work, threadName);
        thread.setDaemon(true);
        thread.start();
      }
    };
  }
}
