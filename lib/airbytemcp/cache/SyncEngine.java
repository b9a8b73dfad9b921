package airbytemcp.cache;

import airbytemcp.common.CallScope;
import airbytemcp.common.Plural;
import airbytemcp.common.PrivateFiles;
import airbytemcp.common.Redactor;
import airbytemcp.common.UserError;
import airbytemcp.protocol.MessageSource;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syncs streams of any {@link MessageSource} (a source connector) into the cache. Records flow from
 * the connector's read straight into per-stream staging tables (nothing is held per stream in
 * memory); at checkpoints the staged records move into the stream tables and the states that
 * followed them are stored, in one transaction. A failure or a killed connector rolls back to the
 * last checkpoint, so stored state never runs ahead of committed data.
 */
public final class SyncEngine {
  private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);

  private final CacheDatabase database;
  private final SyncOptions options;
  private final Redactor masker;

  /**
   * @param masker every secret it knows is masked in records and states before they are written
   */
  public SyncEngine(CacheDatabase database, SyncOptions options, Redactor masker) {
    this.database = database;
    this.options = options;
    this.masker = masker;
  }

  /**
   * Reads {@code streams} of the source into the cache, resuming from the state the cache holds for
   * it.
   *
   * @param discoveredCatalog the CATALOG payload of the source's discover
   */
  public SyncResult sync(
      MessageSource source,
      JsonNode config,
      JsonNode discoveredCatalog,
      List<String> streams,
      SyncListener listener) {
    CatalogPlanner.Plan plan = CatalogPlanner.plan(discoveredCatalog, streams, masker);
    if (!database.syncLock().tryLock()) {
      throw new CacheError(
          "Another sync into the cache is running.", "Wait for it to finish, then sync again.");
    }
    long started = System.nanoTime();
    try (DuckDBConnection connection = database.connectForSync()) {
      Map<String, StreamStage> stages = new LinkedHashMap<>();
      Optional<JsonNode> state;
      try {
        state = prepare(connection, source.name(), plan, stages, database.stagingDir());
      } catch (SQLException e) {
        throw new CacheError(
            "Could not prepare the cache for the sync: " + e.getMessage(), null, e);
      }
      SyncRun run =
          new SyncRun(connection, source.name(), stages, options, listener, started, masker);
      String outcome = LastSyncs.FAILED;
      try {
        source.read(config, plan.configuredCatalog(), state, run); // records pass as raw lines
        run.finish();
        outcome = LastSyncs.COMPLETED;
      } catch (RuntimeException e) {
        run.abort();
        if (CallScope.current().isCancelled()) {
          outcome = LastSyncs.CANCELLED;
        }
        throw failure(source.name(), run, e);
      } finally {
        cleanUp(connection, stages);
        LastSyncs.ended(connection, recordsByStream(run, stages), outcome);
      }
      SyncResult result = summary(connection, source.name(), plan, run, started);
      LOG.info(
          "Synced {} records of {} streams from {} into {} in {} ms",
          result.records(),
          result.streams().size(),
          source.name(),
          database.path(),
          result.elapsed().toMillis());
      return result;
    } catch (SQLException e) {
      throw new CacheError("The cache failed during the sync: " + e.getMessage(), null, e);
    } finally {
      PrivateFiles.restrictEntries(
          database.cacheDir()); // a new write-ahead log, 0600 like the rest
      database.syncLock().unlock();
    }
  }

  /**
   * The state the cache holds for a source's streams (what the next sync will pass to the
   * connector).
   */
  public Optional<JsonNode> storedState(String sourceName, List<String> streams) {
    if (!database.exists()) {
      return Optional.empty();
    }
    try (DuckDBConnection connection = database.connect()) {
      return StateStore.load(connection, sourceName, streams);
    } catch (SQLException e) {
      throw new CacheError("Could not read the stored state: " + e.getMessage(), null, e);
    }
  }

  private static Optional<JsonNode> prepare(
      DuckDBConnection connection,
      String source,
      CatalogPlanner.Plan plan,
      Map<String, StreamStage> stages,
      Path staging)
      throws SQLException {
    CacheTables.ensureInternalTables(connection);
    LastSyncs.ensureTable(connection);
    dropHeldTables(connection);
    emptyStaging(staging);
    List<String> names = new ArrayList<>();
    for (StreamPlan stream : plan.streams()) {
      List<Column> columns = CacheTables.ensureStreamTable(connection, stream);
      if (stream.strategy() == WriteStrategy.REPLACE) {
        columns = stream.columns(); // the table is rebuilt from the current schema
      }
      CacheTables.registerStream(connection, source, stream);
      names.add(stream.streamName());
      stages.put(
          stream.streamName(), StreamStage.create(stream, columns, staging, "s" + stages.size()));
    }
    LastSyncs.started(connection, source, names);
    Optional<JsonNode> state = StateStore.load(connection, source, names);
    connection.setAutoCommit(false);
    return state;
  }

  private static Map<String, Long> recordsByStream(SyncRun run, Map<String, StreamStage> stages) {
    Map<String, Long> records = new LinkedHashMap<>();
    stages.keySet().forEach(stream -> records.put(stream, run.recordsOf(stream)));
    return records;
  }

  /** Staging files left by a sync that did not finish hold nothing anyone needs. */
  private static void emptyStaging(Path staging) throws SQLException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(staging)) {
      for (Path file : files) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new SQLException("Could not empty the staging folder " + staging, e);
    }
  }

  private void cleanUp(DuckDBConnection connection, Map<String, StreamStage> stages) {
    try {
      for (StreamStage stage : stages.values()) {
        stage.close();
      }
      emptyStaging(database.stagingDir());
      connection.rollback(); // nothing is pending here; this only ends the open transaction
      connection.setAutoCommit(true);
      dropHeldTables(connection);
    } catch (SQLException e) {
      LOG.warn(
          "Could not remove the staging tables; the next sync removes them: {}", e.getMessage());
    }
  }

  /**
   * Held tables left by a sync that did not finish (or by this one) hold nothing anyone may read.
   */
  private static void dropHeldTables(DuckDBConnection connection) throws SQLException {
    List<String> held = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = 'main' AND starts_with(table_name, '"
                    + StreamStage.HELD_PREFIX
                    + "')")) {
      while (rs.next()) {
        held.add(rs.getString(1));
      }
    }
    try (Statement s = connection.createStatement()) {
      for (String table : held) {
        s.execute("DROP TABLE IF EXISTS main." + TableNames.quote(table));
      }
    }
  }

  private static CacheError failure(String source, SyncRun run, RuntimeException cause) {
    String reason =
        (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage())
            .strip();
    if (!reason.endsWith(".") && !reason.endsWith("!") && !reason.endsWith("?")) {
      reason += "."; // the reason is a sentence of its own: what the cache kept follows it
    }
    String hint =
        cause instanceof UserError userError && userError.hint() != null
            ? userError.hint()
            : "Fix the cause and sync again; the next sync resumes from the last stored state.";
    return new CacheError(
        "The sync of "
            + source
            + " failed after "
            + Plural.of(run.records(), "record")
            + ": "
            + reason
            + " The cache keeps "
            + "what was committed before the failure ("
            + Plural.of(run.statesStored(), "state")
            + " stored); nothing after "
            + "the last checkpoint was kept.",
        hint,
        cause);
  }

  private static SyncResult summary(
      DuckDBConnection connection,
      String source,
      CatalogPlanner.Plan plan,
      SyncRun run,
      long started)
      throws SQLException {
    List<SyncResult.StreamSummary> streams = new ArrayList<>();
    for (StreamPlan stream : plan.streams()) {
      streams.add(
          new SyncResult.StreamSummary(
              stream.streamName(),
              stream.tableName(),
              stream.strategy(),
              run.recordsOf(stream.streamName()),
              CacheTables.rowCount(connection, stream.tableName())));
    }
    return new SyncResult(
        source,
        streams,
        run.records(),
        run.statesStored(),
        Duration.ofNanos(System.nanoTime() - started));
  }
}
