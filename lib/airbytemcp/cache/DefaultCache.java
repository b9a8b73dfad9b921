package airbytemcp.cache;

import airbytemcp.common.Redactor;
import airbytemcp.protocol.MessageSource;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.duckdb.DuckDBConnection;

/**
 * The server's local cache: PyAirbyte's default DuckDB cache under the cache root. This is the API
 * tools use: sync a source into it, list and describe what it holds, run read-only SQL over it.
 */
public final class DefaultCache implements AutoCloseable {
  /** The most rows one query may return, whatever max_records asks for. */
  public static final int MAX_RECORDS_LIMIT = 100_000;

  private final CacheDatabase database;
  private final SyncOptions syncOptions;
  private final Redactor masker;
  private final QueryLimits queryLimits;
  private final SecretFuse fuse;

  public DefaultCache(Path cacheRoot) {
    this(cacheRoot, Redactor.NONE);
  }

  /**
   * @param masker the server's masker: what it knows never reaches the cache file, nor a query's
   *     answer
   */
  public DefaultCache(Path cacheRoot, Redactor masker) {
    this(CacheDatabase.defaultCache(cacheRoot), SyncOptions.defaults(), masker);
  }

  public DefaultCache(CacheDatabase database, SyncOptions syncOptions) {
    this(database, syncOptions, Redactor.NONE);
  }

  public DefaultCache(CacheDatabase database, SyncOptions syncOptions, QueryLimits queryLimits) {
    this(database, syncOptions, Redactor.NONE, queryLimits);
  }

  public DefaultCache(CacheDatabase database, SyncOptions syncOptions, Redactor masker) {
    this(database, syncOptions, masker, QueryLimits.defaults());
  }

  public DefaultCache(
      CacheDatabase database, SyncOptions syncOptions, Redactor masker, QueryLimits queryLimits) {
    this.database = database;
    this.syncOptions = syncOptions;
    this.masker = masker;
    this.queryLimits = queryLimits;
    this.fuse = new SecretFuse(masker);
  }

  public QueryLimits queryLimits() {
    return queryLimits;
  }

  /** Where DuckDB spills to disk what does not fit in its memory limit. */
  public Path spillDir() {
    return database.spillDir();
  }

  public Path dbPath() {
    return database.path();
  }

  public Path cacheDir() {
    return database.cacheDir();
  }

  /**
   * Loads DuckDB's engine ahead of a call that will open the cache (see {@link
   * CacheDatabase#loadEngine}).
   */
  public void loadEngine() {
    CacheDatabase.loadEngine();
  }

  /** Syncs the streams of a source into the cache; see {@link SyncEngine}. */
  public SyncResult sync(
      MessageSource source,
      JsonNode config,
      JsonNode discoveredCatalog,
      List<String> streams,
      SyncListener listener) {
    return new SyncEngine(database, syncOptions, new FuseOnMaskedRecords(masker, fuse, config))
        .sync(source, config, discoveredCatalog, streams, listener);
  }

  /** The state the next sync of these streams of the source will resume from. */
  public Optional<JsonNode> storedState(String sourceName, List<String> streams) {
    return new SyncEngine(database, syncOptions, masker).storedState(sourceName, streams);
  }

  /**
   * The streams the cache holds; empty when nothing has been synced yet (the file is not created
   * for this).
   */
  public List<CacheTables.CachedStream> cachedStreams() {
    if (!database.exists()) {
      return List.of();
    }
    try (DuckDBConnection connection = database.connect()) {
      return CacheTables.cachedStreams(connection);
    } catch (SQLException e) {
      throw new CacheError("Could not read the cache's stream list: " + e.getMessage(), null, e);
    }
  }

  /**
   * How the last sync of each stream ended, by stream name; empty for a cache no sync of this
   * server has written yet.
   */
  public Map<String, LastSyncs.LastSync> lastSyncs() {
    if (!database.exists()) {
      return Map.of();
    }
    try (DuckDBConnection connection = database.connect()) {
      return LastSyncs.read(connection, database.syncLock().isLocked());
    } catch (SQLException e) {
      throw new CacheError("Could not read how the last syncs ended: " + e.getMessage(), null, e);
    }
  }

  /**
   * Runs one read-only statement and returns at most {@code maxRecords} rows as JSON-safe values. A
   * result or failure that would show a secret is withheld, and queries stop ({@link SecretFuse}).
   */
  public List<Map<String, Object>> query(String sql, int maxRecords) {
    fuse.ensureIntact();
    try {
      return fuse.screen(queryUnscreened(sql, maxRecords));
    } catch (RuntimeException e) {
      throw fuse.screen(e);
    }
  }

  private List<Map<String, Object>> queryUnscreened(String sql, int maxRecords) {
    if (maxRecords < 1 || maxRecords > MAX_RECORDS_LIMIT) {
      throw new CacheError(
          "max_records must be between 1 and " + MAX_RECORDS_LIMIT + ".",
          // Said both ways: the same refusal answers max_records=0 and a request for too many rows.
          "Give max_records from 1 to "
              + MAX_RECORDS_LIMIT
              + "; for more rows, page with offset, or aggregate in SQL.");
    }
    if (!database.exists()) {
      throw new CacheError(
          "The cache at " + database.path() + " does not exist yet.",
          "Run sync_source_to_cache first to load data into it.");
    }
    try (DuckDBConnection connection = database.connect()) {
      return ReadOnlyQuery.run(connection, sql, maxRecords, queryLimits);
    } catch (SQLException e) {
      throw new CacheError("The query failed: " + e.getMessage(), null, e);
    }
  }

  @Override
  public void close() {
    database.close();
  }
}
