package airbytemcp.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.duckdb.DuckDBDriver;

/**
 * Connections from DuckDB's JDBC driver, for the cache and for reading back a DuckDB destination.
 *
 * <p>On a process's first connection the driver unpacks its 57 MB native library into the temporary
 * folder, and it deletes that copy only when the JVM exits normally. An MCP client that kills a
 * server slow to exit (the TypeScript SDK sends SIGKILL after a grace period) would leave 57 MB
 * behind each time. Once the library is loaded its file is no longer read, and on Linux an unlinked
 * file stays mapped, so the copy is deleted right after the first connection.
 */
public final class DuckDbEngine {
  /** The file name the driver gives its unpacked copy: {@code libduckdb_java<random>.so}. */
  static final String UNPACKED_PREFIX = "libduckdb_java";

  private static final Path PROCESS_MAPS = Path.of("/proc/self/maps");
  private static final AtomicBoolean DISCARDED = new AtomicBoolean();

  private DuckDbEngine() {}

  /**
   * A connection from DuckDB's driver itself: {@link java.sql.DriverManager} would first load every
   * JDBC driver on the class path (Postgres's too), 0.1 to 0.2 s on the path of a fresh server's
   * first cache call.
   */
  public static Connection connect(String url, Properties config) throws SQLException {
    Connection connection = new DuckDBDriver().connect(url, config);
    if (DISCARDED.compareAndSet(false, true)) {
      discardUnpackedCopies(PROCESS_MAPS, Path.of(System.getProperty("java.io.tmpdir")));
    }
    return connection;
  }

  /**
   * Deletes the driver's unpacked copies in {@code tempDir} that this process has mapped (as {@code
   * maps}, the format of {@code /proc/self/maps}, lists them), and returns them. A library
   * elsewhere (a build's own, a system one) is never touched, nor is another process's copy. Where
   * there is no {@code /proc} (macOS, Windows) nothing changes: the driver's delete at exit stays.
   */
  static Set<Path> discardUnpackedCopies(Path maps, Path tempDir) {
    Set<Path> discarded = new LinkedHashSet<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(maps, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return discarded;
    }
    Path folder = realPath(tempDir);
    for (String line : lines) {
      int slash = line.indexOf('/');
      if (slash < 0) {
        continue;
      }
      Path mapped = Path.of(line.substring(slash).strip());
      Path name = mapped.getFileName();
      if (name == null
          || !name.toString().startsWith(UNPACKED_PREFIX)
          || !folder.equals(mapped.getParent())
          || discarded.contains(mapped)) {
        continue;
      }
      try {
        if (Files.deleteIfExists(mapped)) {
          discarded.add(mapped);
        }
      } catch (IOException | SecurityException e) {
        // left for the driver's delete at exit
      }
    }
    return discarded;
  }

  /** The folder as the process maps name it (macOS's {@code /var} is a link, for one). */
  private static Path realPath(Path folder) {
    try {
      return folder.toRealPath();
    } catch (IOException e) {
      return folder.toAbsolutePath().normalize();
    }
  }
}
