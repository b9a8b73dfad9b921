package airbytemcp.cache;

import airbytemcp.common.Redactor;
import airbytemcp.protocol.AirbyteMessage;
import airbytemcp.protocol.RawLineSink;
import airbytemcp.protocol.RecordFields;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.duckdb.DuckDBConnection;

/**
 * One running sync: the sink of the connector's messages. Records go to their stream's stage; a
 * STATE waits until every record before it is committed. States of replaced streams (and global or
 * legacy states, which cover every stream, while any stream is replaced) wait for the end, because
 * replaced tables only change then.
 *
 * <p>A RECORD line reaches a stage one of three ways, cheapest first: in bulk from the chunk it
 * arrived in, when it has the shape of its stream's last line staged as it is ({@link
 * #takePlainLines}); as a plain line whose keys and values are checked one by one, and staged as it
 * is when they pass ({@link #acceptPlainLine}, which learns the shape); or parsed, masked value by
 * value and written anew. Each way scans the line for secrets first.
 *
 * <p>Two threads share the work: the connector's reader stages lines into files while one ingest
 * thread has DuckDB load finished files into the open transaction, independently of the states: a
 * file goes as soon as it is full. A checkpoint loads what is staged and commits it with its
 * states; a failure rolls the transaction back to the last one. At most two loads or checkpoints
 * wait for the ingest thread at a time, so the staging folder stays small, and the connection is
 * used by one thread at a time.
 */
final class SyncRun implements RawLineSink {
  private final DuckDBConnection connection;
  private final String source;
  private final Map<String, StreamStage> stages;
  private final SyncOptions options;
  private final SyncListener listener;
  private final Redactor masker;
  private final long started;
  private final boolean anyReplaced;
  private final Map<String, JsonNode> pendingStates = new LinkedHashMap<>();
  private final Map<String, JsonNode> statesForTheEnd = new LinkedHashMap<>();
  private final Map<String, long[]> recordsByStream = new HashMap<>();
  private final List<String> errors = new ArrayList<>();
  private long records;
  private long sinceApply;
  private long lastApply;
  private long lastProgress;
  private volatile long statesStored;
  private final ExecutorService ingest =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "cache-ingest");
            t.setDaemon(true);
            return t;
          });

  SyncRun(
      DuckDBConnection connection,
      String source,
      Map<String, StreamStage> stages,
      SyncOptions options,
      SyncListener listener,
      long started,
      Redactor masker) {
    this.connection = connection;
    this.source = source;
    this.stages = stages;
    this.options = options;
    this.listener = listener;
    this.masker = masker;
    this.started = started;
    this.lastApply = started;
    this.lastProgress = started;
    this.anyReplaced =
        stages.values().stream().anyMatch(s -> s.plan().strategy() == WriteStrategy.REPLACE);
    stages.values().forEach(stage -> stage.checkSeams(masker));
  }

  /** Reused for every record: a sync reads its records one at a time. */
  private final RecordFields fields = new RecordFields();

  @Override
  public synchronized void accept(AirbyteMessage message) {
    try {
      switch (message.type()) {
        case RECORD -> record(message);
        case STATE -> state(message.payload());
        case TRACE -> trace(message.payload());
        default -> {}
      }
    } catch (SQLException e) {
      throw new CacheError("Writing to the cache failed: " + e.getMessage(), null, e);
    }
  }

  /**
   * A connector's plain line, taken when it is a RECORD of the usual shape: its bytes go to the
   * stage as they are, with no string, message or tree built for it.
   */
  @Override
  public synchronized boolean acceptPlainLine(byte[] bytes, int offset, int length) {
    int end = offset + length;
    int nameStart = RecordLines.streamNameStart(bytes, offset, end);
    int nameEnd = nameStart < 0 ? -1 : RecordLines.stringEnd(bytes, nameStart, end);
    if (nameEnd < 0) {
      return false; // not a record, or not written the usual way: parsed
    }
    StreamStage stage = stageNamed(bytes, nameStart, nameEnd);
    if (stage == null) {
      return true; // a stream that was not selected
    }
    try {
      if (stagePlain(stage, bytes, offset, end, nameEnd, null)) {
        stage.learnShape(bytes, offset, end, nameEnd);
      }
      counted(stage);
    } catch (SQLException e) {
      throw new CacheError("Writing to the cache failed: " + e.getMessage(), null, e);
    }
    return true;
  }

  /**
   * Takes the RECORD lines at the start of a chunk of the connector's stdout that have the shape of
   * their stream's last line staged as it is (see {@link RecordTemplate}): each is staged in one
   * pass, with no line cut out or scanned key by key first. Stops at the first other line, which
   * the caller passes on by itself.
   */
  @Override
  public synchronized int takePlainLines(byte[] bytes, int from, int end) {
    int at = from;
    try {
      while (at < end) {
        StreamStage stage = lastStage;
        int newline = stage == null ? -1 : stage.takeLine(bytes, at, end, masker);
        if (newline < 0) {
          // another stream's line, or one of another shape
          int nameStart = RecordLines.compactNameStart(bytes, at, end);
          int nameEnd = nameStart < 0 ? -1 : RecordLines.stringEnd(bytes, nameStart, end);
          StreamStage named = nameEnd < 0 ? null : stageNamed(bytes, nameStart, nameEnd);
          if (named == null || named == stage) {
            break;
          }
          newline = named.takeLine(bytes, at, end, masker);
          if (newline < 0) {
            break;
          }
          stage = named;
        }
        counted(stage);
        at = newline + 1;
      }
    } catch (SQLException e) {
      throw new CacheError("Writing to the cache failed: " + e.getMessage(), null, e);
    }
    return at;
  }

  private void record(AirbyteMessage message) throws SQLException {
    String line = message.unparsedLine().orElse(null);
    byte[] bytes = line == null ? null : line.getBytes(StandardCharsets.UTF_8);
    int nameStart =
        bytes != null && RecordLines.isPlainText(bytes, line.length())
            ? RecordLines.streamNameStart(bytes)
            : -1;
    int nameEnd = nameStart < 0 ? -1 : RecordLines.stringEnd(bytes, nameStart);
    StreamStage stage;
    if (nameEnd >= 0) {
      stage = stageNamed(bytes, nameStart, nameEnd);
      if (stage == null) {
        return; // a stream that was not selected
      }
      stagePlain(stage, bytes, 0, bytes.length, nameEnd, line);
    } else {
      RecordFields record =
          line != null ? fields.readMessageLine(line) : fields.readPayload(message.payload());
      stage = stages.get(record.stream());
      if (stage == null) {
        return;
      }
      stage.append(maskedLine(record, stage));
    }
    counted(stage);
  }

  /**
   * Stages a plain RECORD line's record as its bytes. One pass of every secret over the bytes
   * staged; the rare line that holds one is masked value by value. Either way no secret is ever
   * written: SQL and later processes find nothing to undo.
   *
   * @param line the line as text when the caller has it, else null
   * @return whether the line was staged as it is
   */
  private boolean stagePlain(
      StreamStage stage, byte[] bytes, int offset, int end, int nameEnd, String line) {
    if (stage.appendPlain(bytes, nameEnd, end, masker)) {
      return true;
    }
    String text =
        line != null ? line : new String(bytes, offset, end - offset, StandardCharsets.US_ASCII);
    stage.append(maskedLine(fields.readMessageLine(text), stage));
    return false;
  }

  /** The stage of the stream named at {@code [start, end)} (ASCII), null when not selected. */
  private StreamStage stageNamed(byte[] bytes, int start, int end) {
    // records of one stream come in runs: the last name is compared before a string is made
    if (!StreamStage.sameBytes(bytes, start, end, lastName)) {
      lastName = Arrays.copyOfRange(bytes, start, end);
      lastStage = stages.get(new String(lastName, StandardCharsets.US_ASCII));
      lastCount =
          lastStage == null
              ? null
              : recordsByStream.computeIfAbsent(lastStage.plan().streamName(), k -> new long[1]);
    }
    return lastStage;
  }

  private byte[] lastName = new byte[0];
  private StreamStage lastStage;
  private long[] lastCount;

  /** Counts a staged record; hands the stage's file to DuckDB when it is full. */
  private void counted(StreamStage stage) throws SQLException {
    long[] count =
        stage == lastStage
            ? lastCount
            : recordsByStream.computeIfAbsent(stage.plan().streamName(), k -> new long[1]);
    count[0]++;
    records++;
    sinceApply++;
    long divisor = fileDivisor(loadsSubmitted);
    if (stage.isFull(options.maxStagedRows() / divisor, StreamStage.FULL_BYTES / divisor)) {
      load(stage);
    }
    if ((records & 1023) == 0) {
      maybeReportProgress();
    }
  }

  /**
   * Has the ingest thread load the stage's file into the open transaction: nothing is committed
   * until the next checkpoint, so a rollback still drops every record after the last stored state,
   * while DuckDB parses records all along instead of only at checkpoints.
   */
  private void load(StreamStage stage) throws SQLException {
    StreamStage.Staged staged = stage.rotate();
    loadsSubmitted++;
    submit(
        () -> {
          try (Statement s = connection.createStatement()) {
            stage.load(s, List.of(staged));
          }
        });
  }

  private String maskedLine(RecordFields record, StreamStage stage) {
    if (!masker.isEmpty()) {
      record.replaceValues(masker::maskRecordValue);
    }
    return RecordLines.of(record, stage::fieldOf, System.currentTimeMillis());
  }

  private void state(JsonNode state) throws SQLException {
    String key = StateStore.keyOf(state);
    StreamStage stage = stages.get(key);
    boolean waitsForEnd =
        stage != null
            ? stage.plan().strategy() == WriteStrategy.REPLACE
            : anyReplaced
                && (key.equals(StateStore.GLOBAL)
                    || key.equals(StateStore.LEGACY)); // they cover all streams
    (waitsForEnd ? statesForTheEnd : pendingStates).put(key, masker.mask(state));
    long now = System.nanoTime();
    if (!pendingStates.isEmpty()
        && (sinceApply >= options.applyEveryRecords()
            || now - lastApply >= options.applyInterval().toNanos())) {
      apply();
    }
  }

  private void trace(JsonNode trace) {
    if ("ERROR".equals(trace.path("type").asText())) {
      errors.add(trace.path("error").path("message").asText("the connector reported an error"));
    }
  }

  /**
   * Commits the staged records of merged and appended streams together with the states that
   * followed them: the files are ended here and loaded by the ingest thread.
   */
  private void apply() throws SQLException {
    Map<StreamStage, List<StreamStage.Staged>> files = new LinkedHashMap<>();
    for (StreamStage stage : stages.values()) {
      if (stage.plan().strategy() != WriteStrategy.REPLACE) {
        StreamStage.Staged staged = stage.rotate();
        files.put(stage, staged == null ? List.of() : List.of(staged));
      }
    }
    List<JsonNode> states = List.copyOf(pendingStates.values());
    pendingStates.clear();
    sinceApply = 0;
    lastApply = System.nanoTime();
    submit(() -> commit(files, states));
    reportProgress();
  }

  private void commit(Map<StreamStage, List<StreamStage.Staged>> files, List<JsonNode> states)
      throws SQLException {
    try (Statement s = connection.createStatement()) {
      for (Map.Entry<StreamStage, List<StreamStage.Staged>> stage : files.entrySet()) {
        stage.getKey().apply(s, stage.getValue());
      }
    }
    for (JsonNode state : states) {
      StateStore.save(connection, source, state);
    }
    connection.commit();
    statesStored += states.size();
  }

  /** Work for the connection, run after the work before it has finished; its failure is raised. */
  private interface Ingest {
    void run() throws SQLException;
  }

  /**
   * Queues work for the ingest thread without waiting for it, unless {@link #MAX_QUEUED} jobs are
   * queued already (the staging folder stays small): a checkpoint's commit follows a file's load
   * while the reader goes on. After a failed job the later ones do nothing, so nothing after a
   * failure is ever committed.
   */
  private void submit(Ingest work) throws SQLException {
    while (!queued.isEmpty() && (queued.size() >= MAX_QUEUED || queued.peekFirst().isDone())) {
      await(queued.pollFirst());
    }
    queued.addLast(
        ingest.submit(
            () -> {
              if (failed) {
                return null;
              }
              try {
                work.run();
              } catch (SQLException | RuntimeException e) {
                failed = true;
                throw e;
              }
              return null;
            }));
  }

  private static final int MAX_QUEUED = 2;

  /**
   * What a full staging file is divided by for the sync's first files: DuckDB sits idle until the
   * first file is handed over and again until the second one is, so they go at a quarter and at
   * half the size; every later one is full, as each load costs DuckDB a fixed share on top of its
   * records. At 10M records a second file of full size left DuckDB idle for about a second.
   */
  private static final long[] FIRST_FILE_DIVISORS = {4, 2};

  /** By how much the file handed over after {@code loadsSubmitted} earlier ones is smaller. */
  private static long fileDivisor(long loadsSubmitted) {
    return loadsSubmitted < FIRST_FILE_DIVISORS.length
        ? FIRST_FILE_DIVISORS[(int) loadsSubmitted]
        : 1;
  }

  /** Staging files handed to DuckDB so far (see {@link #fileDivisor}). */
  private long loadsSubmitted;

  private final ArrayDeque<Future<?>> queued = new ArrayDeque<>();
  private volatile boolean failed;

  /** Waits for all queued ingest work; raises the first failure. */
  private void awaitInFlight() throws SQLException {
    while (!queued.isEmpty()) {
      await(queued.pollFirst());
    }
  }

  private static void await(Future<?> running) throws SQLException {
    try {
      running.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("Interrupted while the cache was loading records", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new SQLException(e.getCause());
    }
  }

  /**
   * The read ended normally: applies everything, replaces the replaced streams' tables, stores all
   * states.
   */
  void finish() {
    try {
      awaitInFlight();
      if (!errors.isEmpty()) {
        throw new CacheError("The connector reported an error: " + String.join("; ", errors), null);
      }
      pendingStates.putAll(statesForTheEnd);
      try (Statement s = connection.createStatement()) {
        for (StreamStage stage : stages.values()) {
          if (stage.plan().strategy() == WriteStrategy.REPLACE) {
            StreamStage.Staged staged = stage.rotate();
            stage.replaceTable(s, staged == null ? List.of() : List.of(staged));
          }
        }
      }
      apply();
      awaitInFlight();
    } catch (SQLException e) {
      throw new CacheError("Committing the sync failed: " + e.getMessage(), null, e);
    } finally {
      ingest.shutdownNow();
    }
  }

  /** Drops everything after the last checkpoint. */
  void abort() {
    try {
      awaitInFlight();
    } catch (SQLException | RuntimeException e) {
      // the sync fails with its own cause; this checkpoint is rolled back below either way
    } finally {
      ingest.shutdownNow();
    }
    try {
      connection.rollback();
    } catch (SQLException e) {
      // the connection is closed right after; DuckDB discards an unfinished transaction then
    }
  }

  private void maybeReportProgress() {
    if (System.nanoTime() - lastProgress >= options.progressInterval().toNanos()) {
      reportProgress();
    }
  }

  private void reportProgress() {
    lastProgress = System.nanoTime();
    listener.onProgress(
        new SyncProgress(
            records,
            recordsByStream.size(),
            stages.size(),
            Duration.ofNanos(lastProgress - started)));
  }

  long records() {
    return records;
  }

  long recordsOf(String stream) {
    long[] count = recordsByStream.get(stream);
    return count == null ? 0 : count[0];
  }

  long statesStored() {
    return statesStored;
  }

  /** How many staging files were handed to DuckDB so far (for tests of their sizes). */
  long loadsSubmitted() {
    return loadsSubmitted;
  }
}
