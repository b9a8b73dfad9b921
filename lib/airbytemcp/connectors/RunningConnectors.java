package airbytemcp.connectors;

import airbytemcp.common.Folders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a running connector holds outside the JVM — its process tree, its container, its run
 * folder (with a plain-text config) — so a server that stops (stdin closed, SIGTERM, HTTP stop)
 * removes all of it, and a server that starts removes what a killed one left. Run folders carry the
 * owning server's process id in their name.
 */
public final class RunningConnectors {
  private static final Logger LOG = LoggerFactory.getLogger(RunningConnectors.class);
  private static final Pattern RUN_DIR = Pattern.compile("run-(\\d+)-.*");

  /**
   * Run folders of the old naming (no process id): removed once older than the longest read may
   * run.
   */
  private static final Duration LEGACY_AGE = Duration.ofHours(7);

  private static final Set<Process> PROCESSES = ConcurrentHashMap.newKeySet();
  private static final Map<String, Runnable> CONTAINERS = new ConcurrentHashMap<>();
  private static final Set<Path> RUN_DIRS = ConcurrentHashMap.newKeySet();

  private RunningConnectors() {}

  /** The name prefix of this server's run folders. */
  static String runDirPrefix() {
    return "run-" + ProcessHandle.current().pid() + "-";
  }

  static void started(Process process) {
    PROCESSES.add(process);
  }

  static void ended(Process process) {
    PROCESSES.remove(process);
  }

  /** A container that runs until {@link #containerEnded}; {@code remove} kills and removes it. */
  static void containerStarted(String id, Runnable remove) {
    CONTAINERS.put(id, remove);
  }

  static void containerEnded(String id) {
    CONTAINERS.remove(id);
  }

  static void runDirCreated(Path dir) {
    RUN_DIRS.add(dir);
  }

  static void runDirDeleted(Path dir) {
    RUN_DIRS.remove(dir);
  }

  /**
   * Kills the process and every process below it (children first, so none is reparented and
   * missed).
   */
  static void killTree(Process process) {
    killTree(process.toHandle());
  }

  static void killTree(ProcessHandle handle) {
    handle.descendants().forEach(ProcessHandle::destroyForcibly);
    handle.destroyForcibly();
    // a child that forked between the first sweep and the parent's death is still found through the
    // parent
    handle.descendants().forEach(ProcessHandle::destroyForcibly);
  }

  /**
   * Stops every connector of this server: process trees killed, containers removed, run folders
   * deleted.
   */
  public static void stopAll() {
    PROCESSES.forEach(RunningConnectors::killTree);
    CONTAINERS
        .values()
        .forEach(
            remove -> {
              try {
                remove.run();
              } catch (RuntimeException e) {
                LOG.warn("Could not remove a connector container: {}", e.getMessage());
              }
            });
    CONTAINERS.clear();
    RUN_DIRS.forEach(Folders::deleteQuietly);
    RUN_DIRS.clear();
  }

  /**
   * Removes the run folders under {@code runRoot} whose server is gone (it was killed before
   * cleaning up).
   */
  public static void removeAbandonedRunDirs(Path runRoot) {
    if (!Files.isDirectory(runRoot)) {
      return;
    }
    try (Stream<Path> dirs = Files.list(runRoot)) {
      dirs.filter(RunningConnectors::abandoned)
          .forEach(
              dir -> {
                LOG.info("Removing the run folder {} left by a server that is gone.", dir);
                Folders.deleteQuietly(dir);
              });
    } catch (IOException e) {
      LOG.warn("Could not look for abandoned run folders in {}: {}", runRoot, e.getMessage());
    }
  }

  private static boolean abandoned(Path dir) {
    String name = dir.getFileName().toString();
    if (!name.startsWith("run-") || !Files.isDirectory(dir)) {
      return false;
    }
    Matcher m = RUN_DIR.matcher(name);
    if (m.matches()) {
      long pid = Long.parseLong(m.group(1));
      Optional<ProcessHandle> owner = ProcessHandle.of(pid);
      return pid != ProcessHandle.current().pid() && (owner.isEmpty() || !isServer(owner.get()));
    }
    try {
      return Files.getLastModifiedTime(dir).toInstant().isBefore(Instant.now().minus(LEGACY_AGE));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * A live process with that id is taken for the owner only if it is a JVM (process ids are
   * reused).
   */
  private static boolean isServer(ProcessHandle handle) {
    return handle.info().command().map(c -> c.endsWith("java") || c.contains("jbang")).orElse(true);
  }
}
