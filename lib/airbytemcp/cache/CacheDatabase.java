package airbytemcp.cache;

import airbytemcp.common.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import org.duckdb.DuckDBConnection;

/**
 * The cache's DuckDB database, opened once per process and shared by every connection (DuckDB
 * allows one read-write instance per file). It is opened with file and network access disabled and
 * its configuration locked, so no statement on any connection can read or write files, attach
 * databases or change settings. The exceptions are the staging folder, whose record lines the sync
 * engine has DuckDB parse with {@code read_json}, and the files DuckDB itself allows (its database,
 * WAL and spill files): DuckDB would let any connection read those, queries included. Queries are
 * kept from them by {@link SqlGuard}, which checks on DuckDB's parse tree that a query reads only
 * the cache's tables ({@link QuerySources}).
 */
public final class CacheDatabase implements AutoCloseable {
  /**
   * The most memory DuckDB may use (queries and syncs); beyond it, work spills to {@link
   * #spillDir()} or fails. Small on purpose: a sync streams checkpoint-sized batches, so with the
   * JVM a 10M-record sync stays under 512 MB of resident memory, and larger work spills.
   */
  public static final String MEMORY_LIMIT = "256MB";

  /** The most disk the spill folder may take. */
  public static final String MAX_SPILL_SIZE = "10GB";

  private final Path dbPath;
  private final Map<String, String> limits;
  private final ReentrantLock syncLock = new ReentrantLock();
  private DuckDBConnection root;

  /** The root of the sync connections (see {@link #connectForSync}). */
  private DuckDBConnection syncRoot;

  public CacheDatabase(Path dbPath) {
    this(dbPath, Map.of());
  }

  /**
   * Other DuckDB limits than the server's ({@code memory_limit}, {@code max_temp_directory_size},
   * {@code threads}): tests make a sync larger than DuckDB's memory with these.
   */
  CacheDatabase(Path dbPath, Map<String, String> limits) {
    this.dbPath = dbPath.toAbsolutePath().normalize();
    this.limits = Map.copyOf(limits);
  }

  /**
   * Loads DuckDB's native library (the first connection of a process unpacks and loads about 57 MB,
   * half a second on two cores) by opening and closing an in-memory database; a no-op once loaded.
   * A failure is left for the real connection to report.
   */
  public static void loadEngine() {
    try {
      DuckDbEngine.connect("jdbc:duckdb:", new Properties()).close();
    } catch (SQLException | RuntimeException | LinkageError e) {
      // the call that needs the cache opens it and says what went wrong
    }
  }

  /** PyAirbyte's default cache: {@code <cacheRoot>/default_cache/default_cache.duckdb}. */
  public static CacheDatabase defaultCache(Path cacheRoot) {
    return new CacheDatabase(cacheRoot.resolve("default_cache").resolve("default_cache.duckdb"));
  }

  public Path path() {
    return dbPath;
  }

  public Path cacheDir() {
    return dbPath.getParent();
  }

  /** Where DuckDB spills what does not fit in memory: inside the cache folder, private like it. */
  public Path spillDir() {
    return cacheDir().resolve("spill");
  }

  /**
   * Where a sync stages record lines for DuckDB to parse: inside the cache folder, private like it,
   * and the one folder DuckDB may read files from.
   */
  public Path stagingDir() {
    return cacheDir().resolve("staging");
  }

  public boolean exists() {
    return Files.isRegularFile(dbPath);
  }

  /** A new connection to the cache (creating the file when needed); close it after use. */
  public synchronized DuckDBConnection connect() {
    return duplicate(false);
  }

  /**
   * A new connection for a sync's writes: it inserts rows in no set order, so DuckDB writes a
   * load's row groups in parallel (about a third faster, measured). Only its own statements are
   * affected: every other connection keeps insertion order, so a query without ORDER BY returns a
   * table's rows the same way each time, and paging through it holds.
   */
  synchronized DuckDBConnection connectForSync() {
    return duplicate(true);
  }

  private DuckDBConnection duplicate(boolean forSync) {
    try {
      open();
      return (DuckDBConnection) (forSync ? syncRoot : root).duplicate();
    } catch (SQLException | IOException e) {
      throw new CacheError(
          "Could not open the DuckDB cache at " + dbPath + ": " + e.getMessage(),
          "Another process (for example a Python session using PyAirbyte) may hold the file open; close it and "
              + "retry, or point AIRBYTE_CACHE_ROOT at another folder.",
          e);
    }
  }

  private void open() throws SQLException, IOException {
    if (root != null && !root.isClosed()) {
      return;
    }
    PrivateFiles.createDirectories(dbPath.getParent());
    PrivateFiles.createDirectories(spillDir());
    PrivateFiles.createDirectories(stagingDir());
    root =
        (DuckDBConnection)
            DuckDbEngine.connect(
                "jdbc:duckdb:" + dbPath, lockedDown(spillDir(), stagingDir(), limits));
    PrivateFiles.restrictEntries(dbPath.getParent());
    syncRoot = (DuckDBConnection) root.duplicate();
    try (Statement s = syncRoot.createStatement()) {
      // a session setting, kept by the connections duplicated from this one
      s.execute("SET SESSION preserve_insertion_order = false");
    }
    try (Statement s = root.createStatement()) {
      // times without an offset are read as UTC, whatever the machine's zone; then nothing may
      // change settings
      s.execute("SET GLOBAL TimeZone = 'UTC'");
      s.execute("SET GLOBAL lock_configuration = true");
    }
  }

  /** Only one sync writes to the cache at a time; syncs hold this lock while they run. */
  ReentrantLock syncLock() {
    return syncLock;
  }

  private static Properties lockedDown(Path spillDir, Path stagingDir, Map<String, String> limits) {
    Properties config = new Properties();
    config.setProperty("memory_limit", MEMORY_LIMIT);
    config.setProperty("temp_directory", spillDir.toString());
    config.setProperty("max_temp_directory_size", MAX_SPILL_SIZE);
    limits.forEach(config::setProperty);
    config.setProperty("enable_external_access", "false");
    // the exception: the sync's own staging files, which DuckDB parses itself
    config.setProperty(
        "allowed_directories", "[" + TableNames.literal(stagingDir.toString() + "/") + "]");
    config.setProperty("autoinstall_known_extensions", "false");
    config.setProperty("autoload_known_extensions", "false");
    // results are fetched as they are read, so a capped query over a huge result never materialises
    // it
    config.setProperty("jdbc_stream_results", "true");
    return config;
  }

  @Override
  public synchronized void close() {
    if (syncRoot != null) {
      try {
        syncRoot.close();
      } catch (SQLException e) {
        // closed with the database below either way
      }
      syncRoot = null;
    }
    if (root != null) {
      try {
        root.close();
      } catch (SQLException e) {
        // closing is best effort: the process is done with the cache either way
      }
      root = null;
    }
  }
}
