package airbytemcp.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.duckdb.DuckDBDriver;

/**
 * Connections from DuckDB's JDBC driver, for the cache and for reading back a DuckDB destination.
 *
 * <p>On a process's first connection the driver unpacks its 57 MB native library into the temporary
 * folder, and it deletes that copy only when the JVM exits normally. An MCP client that kills a
 * server slow to exit (the TypeScript SDK sends SIGKILL after a grace period) would leave 57 MB
 * behind each time. Once the library is loaded its file is no longer read, and on Linux an unlinked
 * file stays mapped, so the copy is deleted right after the first connection.
 *
 * <p>The driver asks for its delete at exit only once the copy is written, so a server stopped
 * while it copies (a client that closes right after a first cache call) left a partial copy: at
 * exit, a copy this process still has open is deleted. One killed outright leaves it, so copies an
 * hour old are swept at the first connection; by then no process still has to load one (a process
 * loads its copy right after writing it), and one that loaded it keeps its mapping.
 */
public final class DuckDbEngine {
  /** The file name the driver gives its unpacked copy: {@code libduckdb_java<random>.so}. */
  static final String UNPACKED_PREFIX = "libduckdb_java";

  private static final Path PROCESS_MAPS = Path.of("/proc/self/maps");
  private static final Path PROCESS_FILES = Path.of("/proc/self/fd");
  private static final AtomicBoolean DISCARDED = new AtomicBoolean();
  private static final AtomicBoolean EXIT_WATCHED = new AtomicBoolean();

  /** How old a copy is before the sweep takes it for one a killed process left. */
  static final Duration STALE = Duration.ofHours(1);

  private DuckDbEngine() {}

  /**
   * A connection from DuckDB's driver itself: {@link java.sql.DriverManager} would first load every
   * JDBC driver on the class path (Postgres's too), 0.1 to 0.2 s on the path of a fresh server's
   * first cache call.
   */
  public static Connection connect(String url, Properties config) throws SQLException {
    if (EXIT_WATCHED.compareAndSet(false, true)) {
      // before the driver's first use, which unpacks the library
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> discardAtExit(PROCESS_FILES, PROCESS_MAPS, tempDir()),
                  "duckdb-partial-copy"));
    }
    Connection connection = new DuckDBDriver().connect(url, config);
    if (DISCARDED.compareAndSet(false, true)) {
      discardUnpackedCopies(PROCESS_MAPS, tempDir());
      sweepStaleCopies(tempDir(), Instant.now());
    }
    return connection;
  }

  private static Path tempDir() {
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  /**
   * Deletes, as the process exits, the driver's copies in {@code tempDir} that it still has open
   * (being written) or has mapped: a copy loaded just before the exit is not yet deleted, and the
   * driver can no longer ask for its delete at exit once the exit has begun.
   */
  static Set<Path> discardAtExit(Path fds, Path maps, Path tempDir) {
    Set<Path> discarded = new LinkedHashSet<>(discardCopiesBeingWritten(fds, tempDir));
    discarded.addAll(discardUnpackedCopies(maps, tempDir));
    return discarded;
  }

  /**
   * Deletes the driver's copies in {@code tempDir} that this process has open (as {@code fds}, the
   * format of {@code /proc/self/fd}, lists them): a copy still being written as the process exits.
   */
  static Set<Path> discardCopiesBeingWritten(Path fds, Path tempDir) {
    Set<Path> discarded = new LinkedHashSet<>();
    List<Path> open;
    try (Stream<Path> links = Files.list(fds)) {
      open = links.toList();
    } catch (IOException | RuntimeException e) {
      return discarded;
    }
    Path folder = realPath(tempDir);
    for (Path link : open) {
      try {
        Path target = Files.readSymbolicLink(link);
        if (isUnpackedCopy(target, folder) && Files.deleteIfExists(target)) {
          discarded.add(target);
        }
      } catch (IOException | UnsupportedOperationException | SecurityException e) {
        // closed meanwhile, or no link: nothing of the driver's
      }
    }
    return discarded;
  }

  /** Deletes the driver's copies in {@code tempDir} last written {@link #STALE} before now. */
  static Set<Path> sweepStaleCopies(Path tempDir, Instant now) {
    Set<Path> swept = new LinkedHashSet<>();
    Path folder = realPath(tempDir);
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        try {
          if (isUnpackedCopy(file, folder)
              && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
              && Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS)
                  .toInstant()
                  .isBefore(now.minus(STALE))
              && Files.deleteIfExists(file)) {
            swept.add(file);
          }
        } catch (IOException | SecurityException e) {
          // another user's, or gone meanwhile
        }
      }
    } catch (IOException | RuntimeException e) {
      // no listing: nothing swept
    }
    return swept;
  }

  private static boolean isUnpackedCopy(Path file, Path folder) {
    Path name = file.getFileName();
    return name != null
        && name.toString().startsWith(UNPACKED_PREFIX)
        && name.toString().endsWith(".so")
        && folder.equals(file.getParent());
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
      if (!isUnpackedCopy(mapped, folder) || discarded.contains(mapped)) {
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
