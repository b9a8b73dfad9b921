package airbytemcp.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server exits within 10 s when its client goes (stdin closed) or it is terminated, even with a
 * connector hanging: the connector's whole process tree dies and its run folder (with the hydrated
 * config) is deleted. A run folder left by a killed server is removed at the next start, and a
 * killed server leaves no copy of DuckDB's native library in its temporary folder, nor does one
 * stopped while it still unpacks that library.
 */
@Timeout(120)
class CleanExitTest {
  @TempDir Path dir;

  private static List<Long> hangAConnector(SmallHeapServer server) throws Exception {
    server.callTool(
        "validate_connector_config",
        Json.object().put("connector_name", "source-hostile").set("config", Json.object()));
    return server.connectorPids(Duration.ofSeconds(30));
  }

  @Test
  void closingStdinDuringAHungConnectorEndsTheServerItsConnectorsAndTheirFiles() throws Exception {
    try (SmallHeapServer server = SmallHeapServer.start(dir, "hang")) {
      List<Long> pids = hangAConnector(server);
      Path config = server.connectorConfigPath();
      server.closeStdin();
      assertTrue(
          server.exited(Duration.ofSeconds(10)),
          "the server should exit within 10 s of stdin closing");
      assertTrue(
          SmallHeapServer.allGone(pids, Duration.ofSeconds(2)),
          "the connector tree " + pids + " should die");
      assertFalse(
          Files.exists(config.getParent()),
          "the run folder " + config.getParent() + " should be deleted");
    }
  }

  @Test
  void terminatingTheServerDuringAHungConnectorEndsItsConnectorsAndTheirFiles() throws Exception {
    try (SmallHeapServer server = SmallHeapServer.start(dir, "hang")) {
      List<Long> pids = hangAConnector(server);
      Path config = server.connectorConfigPath();
      server.terminate();
      assertTrue(
          server.exited(Duration.ofSeconds(10)), "the server should exit within 10 s of SIGTERM");
      assertTrue(
          SmallHeapServer.allGone(pids, Duration.ofSeconds(2)),
          "the connector tree " + pids + " should die");
      assertFalse(
          Files.exists(config.getParent()),
          "the run folder " + config.getParent() + " should be deleted");
    }
  }

  @Test
  void runFoldersOfAServerThatIsGoneAreRemovedAtStart() throws Exception {
    long deadPid = deadPid();
    Path left =
        Files.createDirectories(
            dir.resolve("project").resolve("run").resolve("run-" + deadPid + "-x1"));
    Files.writeString(left.resolve("config.json"), "{\"api_key\": \"left-behind\"}");
    Path mine =
        Files.createDirectories(
            dir.resolve("project")
                .resolve("run")
                .resolve("run-" + ProcessHandle.current().pid() + "-x2"));
    try (SmallHeapServer server = SmallHeapServer.start(dir, "none")) {
      assertFalse(
          Files.exists(left),
          "the run folder of the dead server " + deadPid + " should be removed");
      assertTrue(
          Files.exists(mine), "the run folder of a live JVM must stay: it may be another server's");
    }
  }

  @Test
  void aServerKilledAfterOpeningTheCacheLeavesNoCopyOfDuckDbsLibrary() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "needs /proc (Linux)");
    try (SmallHeapServer server = SmallHeapServer.start(dir, "none")) {
      JsonNode answer =
          server.await(
              server.callTool("list_cached_streams", Json.object()), Duration.ofSeconds(60));
      assertFalse(SmallHeapServer.isError(answer), "list_cached_streams failed: " + answer);
      Path maps = Path.of("/proc", Long.toString(server.pid()), "maps");
      assertTrue(
          eventually(Duration.ofSeconds(20), () -> Files.readString(maps).contains("libduckdb")),
          "the server should have loaded DuckDB's library for a cache tool");
      // the load finishes a moment after the library is mapped; without the fix this just times out
      eventually(Duration.ofSeconds(5), () -> Files.readString(maps).contains(".so (deleted)"));
      server.kill();
      assertTrue(server.exited(Duration.ofSeconds(10)), "the server should die on SIGKILL");
      try (Stream<Path> left = Files.list(server.tempDir())) {
        assertEquals(
            List.of(),
            left.filter(p -> p.getFileName().toString().startsWith("libduckdb")).toList(),
            "a killed server must not leave DuckDB's 57 MB library behind in its temp folder");
      }
    }
  }

  @Test
  void aServerTerminatedWhileItUnpacksDuckDbLeavesNoPartialCopy() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/self/fd")), "needs /proc (Linux)");
    try (SmallHeapServer server = SmallHeapServer.start(dir, "none")) {
      // the call's arrival starts the unpack of DuckDB's library on another thread
      server.callTool("list_cached_streams", Json.object());
      assertTrue(
          eventually(Duration.ofSeconds(20), () -> !unpackedCopies(server.tempDir()).isEmpty()),
          "the server should start unpacking DuckDB's library for a cache tool");
      server.terminate();
      assertTrue(server.exited(Duration.ofSeconds(10)), "the server should exit on SIGTERM");
      assertEquals(
          List.of(),
          unpackedCopies(server.tempDir()),
          "a server stopped while it unpacks DuckDB's library must not leave a partial copy");
    }
  }

  private static List<Path> unpackedCopies(Path tempDir) throws Exception {
    try (Stream<Path> files = Files.list(tempDir)) {
      return files.filter(p -> p.getFileName().toString().startsWith("libduckdb")).toList();
    }
  }

  private interface Probe {
    boolean holds() throws Exception;
  }

  private static boolean eventually(Duration timeout, Probe probe) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (probe.holds()) {
        return true;
      }
      Thread.sleep(50);
    }
    return probe.holds();
  }

  /** A process id no process has now. */
  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    long pid = p.pid();
    assertFalse(ProcessHandle.of(pid).isPresent(), "the probe process should be gone");
    return pid;
  }
}
