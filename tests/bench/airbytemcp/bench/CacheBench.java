package airbytemcp.bench;

import airbytemcp.cache.CacheDatabase;
import airbytemcp.cache.DefaultCache;
import airbytemcp.cache.SyncOptions;
import airbytemcp.cache.SyncResult;
import airbytemcp.common.Json;
import airbytemcp.connectors.Connector;
import airbytemcp.connectors.ConnectorEnvironment;
import airbytemcp.connectors.ConnectorRequest;
import airbytemcp.connectors.ConnectorResolver;
import airbytemcp.connectors.DockerEngine;
import airbytemcp.connectors.ExecutionMode;
import airbytemcp.connectors.HostTools;
import airbytemcp.connectors.NativeConnectorFactory;
import airbytemcp.connectors.PythonVenvs;
import airbytemcp.connectors.RunLimits;
import airbytemcp.network.EgressRules;
import airbytemcp.registry.ConnectorRegistry;
import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Throughput of a sync into the cache through the local executor: a connector program that writes
 * pre-generated protocol lines (one incremental stream, a STATE every 100,000 records), against
 * DuckDB's own read_json ingestion of the same records into the same table layout. Not a test: run
 * it with {@code make bench}.
 */
public final class CacheBench {
  private static final String STREAM = "bench_events";
  private static final String CATALOG =
      "{\"type\":\"CATALOG\",\"catalog\":{\"streams\":[{\"name\":\""
          + STREAM
          + "\",\"json_schema\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},"
          + "\"name\":{\"type\":\"string\"},\"amount\":{\"type\":\"number\"},\"active\":{\"type\":\"boolean\"}}},"
          + "\"supported_sync_modes\":[\"full_refresh\",\"incremental\"],\"source_defined_cursor\":true,"
          + "\"default_cursor_field\":[\"id\"],\"source_defined_primary_key\":[]}]}}";

  /**
   * How many times each side runs per size: a 1M round takes about a second here, where the
   * machine's drift moves a single figure by a tenth, so small sizes take more rounds.
   */
  static int roundsFor(long size) {
    return size <= 1_000_000L ? 5 : 3;
  }

  /** The run of median wall time. */
  static Run median(List<Run> runs) {
    List<Run> sorted =
        runs.stream().sorted(java.util.Comparator.comparingDouble(Run::seconds)).toList();
    return sorted.get(sorted.size() / 2);
  }

  /** Wall seconds and the CPU seconds the whole process spent (JVM and DuckDB's threads). */
  record Run(double seconds, long records, long bytes, double cpuSeconds) {
    Run(double seconds, long records, long bytes) {
      this(seconds, records, bytes, Double.NaN);
    }

    double recordsPerSecond() {
      return records / seconds;
    }

    /** Records per CPU second: what the work costs, however busy the machine is. */
    double recordsPerCpuSecond() {
      return records / cpuSeconds;
    }

    double megabytesPerSecond() {
      return bytes / 1e6 / seconds;
    }
  }

  public static void main(String[] args) throws Exception {
    List<Long> sizes =
        args.length > 0
            ? java.util.Arrays.stream(args).map(Long::parseLong).toList()
            : List.of(100_000L, 1_000_000L, 3_000_000L, 10_000_000L);
    Path work = Path.of("target", "bench").toAbsolutePath();
    Files.createDirectories(work);
    System.out.printf(
        Locale.ROOT,
        "JVM options (the script's //RUNTIME_OPTIONS): %s; DuckDB memory_limit %s, "
            + "spill to <cache>/spill; load average before: %s%n",
        String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()),
        CacheDatabase.MEMORY_LIMIT,
        loadAverage());
    // the native library loads once per process: neither side's figure should carry it
    DriverManager.getConnection("jdbc:duckdb:").close();
    Map<Long, Double> ratios = new java.util.LinkedHashMap<>();
    Map<Long, Double> rates = new java.util.LinkedHashMap<>();
    Map<Long, Double> nativeRates = new java.util.LinkedHashMap<>();
    for (long size : sizes) {
      Path lines = generate(work, size, 100_000);
      // a shared 2-core machine varies by a tenth from run to run: each side runs roundsFor(size)
      // times,
      // alternately, and the medians are compared
      List<Run> syncs = new java.util.ArrayList<>();
      List<Run> natives = new java.util.ArrayList<>();
      int rounds = roundsFor(size);
      for (int round = 1; round <= rounds; round++) {
        syncs.add(measuredSync(work, lines, size, " (round " + round + ")"));
        natives.add(duckDbReadJson(work, lines, size, false));
        System.out.printf(
            Locale.ROOT,
            "duckdb read_json %,d records (round %d): %.2f s, CPU %.2f s%n",
            size,
            round,
            natives.get(natives.size() - 1).seconds(),
            natives.get(natives.size() - 1).cpuSeconds());
      }
      Run sync = median(syncs);
      Run nativeRun = median(natives);
      double ratio = sync.recordsPerSecond() / nativeRun.recordsPerSecond();
      ratios.put(size, ratio);
      rates.put(size, sync.recordsPerSecond());
      nativeRates.put(size, nativeRun.recordsPerSecond());
      System.out.printf(
          Locale.ROOT,
          "median of %d: sync %,d records: %.2f s, %,.0f records/s, CPU %.2f s; "
              + "duckdb read_json: %.2f s, %,.0f records/s, %.1f MB/s, CPU %.2f s%n",
          rounds,
          size,
          sync.seconds(),
          sync.recordsPerSecond(),
          sync.cpuSeconds(),
          nativeRun.seconds(),
          nativeRun.recordsPerSecond(),
          nativeRun.megabytesPerSecond(),
          nativeRun.cpuSeconds());
      System.out.printf(
          Locale.ROOT,
          "CPU time at %,d records: sync %.2f s (%,.0f records per CPU second, connector process "
              + "counted), read_json %.2f s (%,.0f); CPU ratio read_json/sync = %.2f%n",
          size,
          sync.cpuSeconds(),
          sync.recordsPerCpuSecond(),
          nativeRun.cpuSeconds(),
          nativeRun.recordsPerCpuSecond(),
          nativeRun.cpuSeconds() / sync.cpuSeconds());
      // the cache runs DuckDB with preserve_insertion_order=false; DuckDB's own ingest with the
      // same
      // setting is printed too, so the gain the setting brings is not mistaken for the sync's
      Run unordered = duckDbReadJson(work, lines, size, true);
      System.out.printf(
          Locale.ROOT,
          "duckdb read_json %,d records with the cache's preserve_insertion_order=false (one run): "
              + "%.2f s, %,.0f records/s; sync/that = %.2f%n",
          size,
          unordered.seconds(),
          unordered.recordsPerSecond(),
          sync.recordsPerSecond() / unordered.recordsPerSecond());
      System.out.printf(
          Locale.ROOT, "ratio at %,d records: sync/duckdb-native = %.2f%n", size, ratio);
      if (size == 1_000_000L) {
        Path chatty = generate(work, size, 100);
        measuredSync(work, chatty, size, " (a STATE every 100 records)");
        // the machine's speed drifts over a run: the calls take turns with in-process syncs, and
        // the call's figure is set against those
        List<Run> firstCalls = new java.util.ArrayList<>();
        List<Run> laterCalls = new java.util.ArrayList<>();
        List<Run> beside = new java.util.ArrayList<>();
        List<Run> coldBeside = new java.util.ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
          McpSync.Calls calls = McpSync.run(work, lines, size);
          firstCalls.add(calls.first());
          laterCalls.add(calls.later());
          beside.add(sync(work, lines, size));
          coldBeside.add(ColdSync.run(work, lines, size));
        }
        Run inProcess = median(beside);
        Run cold = median(coldBeside);
        Run first = median(firstCalls);
        Run later = median(laterCalls);
        System.out.printf(
            Locale.ROOT,
            "sync_source_to_cache over MCP stdio %,d records (medians of %d, in-process syncs run "
                + "between the servers: %.2f s in this JVM, %.2f s as a fresh JVM's first): next "
                + "call on the same server %.2f s from call to answer, %,.0f records/s = %.2f of the "
                + "in-process sync; first call of a fresh server %.2f s = %.2f of a fresh JVM's "
                + "first sync (both unpack DuckDB's library), %.2f of the in-process sync%n",
            size,
            rounds,
            inProcess.seconds(),
            cold.seconds(),
            later.seconds(),
            later.recordsPerSecond(),
            later.recordsPerSecond() / inProcess.recordsPerSecond(),
            first.seconds(),
            first.recordsPerSecond() / cold.recordsPerSecond(),
            first.recordsPerSecond() / inProcess.recordsPerSecond());
      }
    }
    if (rates.containsKey(1_000_000L) && rates.containsKey(10_000_000L)) {
      // DuckDB's own ingest has fixed costs too, so its figure is the yardstick: a cost that grew
      // with the stream would show as the sync's figure falling below it
      System.out.printf(
          Locale.ROOT,
          "records/s at 10M / records/s at 1M = %.2f (DuckDB's read_json in the same run: %.2f; "
              + "load average after: %s)%n",
          rates.get(10_000_000L) / rates.get(1_000_000L),
          nativeRates.get(10_000_000L) / nativeRates.get(1_000_000L),
          loadAverage());
    }
    // the figure that counts: the worse of 1M and 10M when both ran, else the last size
    double last =
        ratios.containsKey(1_000_000L) && ratios.containsKey(10_000_000L)
            ? Math.min(ratios.get(1_000_000L), ratios.get(10_000_000L))
            : ratios.get(sizes.get(sizes.size() - 1));
    System.out.printf(Locale.ROOT, "sync/duckdb-native = %.2f%n", last);
  }

  private static Run measuredSync(Path work, Path lines, long size, String what) throws Exception {
    resetPeaks();
    Run sync = sync(work, lines, size);
    long heap = peakHeapBytes();
    long rss = peakRssBytes();
    System.out.printf(
        Locale.ROOT,
        "sync %,d records%s (%.0f MB of protocol lines): %.2f s, %,.0f records/s, "
            + "%.1f MB/s, CPU %.2f s, peak heap %d MB, peak process RSS %d MB%n",
        size,
        what,
        sync.bytes() / 1e6,
        sync.seconds(),
        sync.recordsPerSecond(),
        sync.megabytesPerSecond(),
        sync.cpuSeconds(),
        heap >> 20,
        rss >> 20);
    return sync;
  }

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Protocol lines of small records, written once per size and reused by later runs. */
  static Path generate(Path work, long size, long stateEvery) throws IOException {
    Path file = work.resolve("records-" + size + "-state-" + stateEvery + ".jsonl");
    if (Files.exists(file)) {
      return file;
    }
    Path partial = work.resolve("records-" + size + ".jsonl.partial");
    try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
      out.write(
          "{\"type\":\"LOG\",\"log\":{\"level\":\"INFO\",\"message\":\"bench source starting\"}}\n");
      for (long i = 1; i <= size; i++) {
        out.write(
            "{\"type\":\"RECORD\",\"record\":{\"stream\":\""
                + STREAM
                + "\",\"data\":{\"id\":"
                + i
                + ",\"name\":\"name-"
                + i
                + "\",\"amount\":"
                + (i % 1000)
                + ".25,\"active\":"
                + (i % 2 == 0)
                + "},\"emitted_at\":1700000000000}}\n");
        if (i % stateEvery == 0 || i == size) {
          out.write(
              "{\"type\":\"STATE\",\"state\":{\"type\":\"STREAM\",\"stream\":{\"stream_descriptor\":"
                  + "{\"name\":\""
                  + STREAM
                  + "\"},\"stream_state\":{\"id\":"
                  + i
                  + "}}}}\n");
        }
      }
    }
    Files.move(partial, file);
    return file;
  }

  /**
   * A program named like a connector that answers spec/check/discover and replays the lines on
   * read.
   */
  static Path connectorProgram(Path work, Path lines) throws IOException {
    Path bin = Files.createDirectories(work.resolve("bin"));
    Path program = bin.resolve("source-bench");
    Files.writeString(
        program,
        "#!/bin/sh\ncase \"$1\" in\n"
            + "  spec) echo '{\"type\":\"SPEC\",\"spec\":{\"connectionSpecification\":{\"type\":\"object\"}}}' ;;\n"
            + "  check) echo '{\"type\":\"CONNECTION_STATUS\",\"connectionStatus\":{\"status\":\"SUCCEEDED\"}}' ;;\n"
            + "  discover) echo '"
            + CATALOG
            + "' ;;\n"
            + "  read) exec cat '"
            + lines
            + "' ;;\n"
            + "esac\n");
    Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
    return program;
  }

  /**
   * One sync of the bench connector into a new cache, timed from the sync's start to its result
   * (the connector's discover before it is not timed).
   */
  static Run sync(Path work, Path lines, long size) throws Exception {
    Path program = connectorProgram(work, lines);
    Masker masker = new Masker();
    for (int i = 0;
        i < 50;
        i++) { // a dotenv file's worth of secrets: every record goes through the masking pass
      masker.register(String.format(Locale.ROOT, "bench-secret-%02d-%08x", i, i * 2654435761L));
    }
    HostTools host = HostTools.ofPath(program.getParent().toString());
    RunLimits limits = RunLimits.defaults();
    ConnectorRegistry registry =
        ConnectorRegistry.parse(Json.parse("{\"sources\":[],\"destinations\":[]}"));
    ConnectorResolver resolver =
        new ConnectorResolver(
            new ConnectorResolver.Backends(
                () -> registry,
                host,
                new DockerEngine(URI.create("unix:///nonexistent/docker.sock")),
                new PythonVenvs(
                    work.resolve("venvs"),
                    host,
                    ConnectorEnvironment.NO_USER_SECRETS,
                    Map.of(),
                    masker,
                    limits.install()),
                NativeConnectorFactory.unavailable(),
                work.resolve("run"),
                masker,
                limits,
                null,
                EgressRules.NONE,
                ConnectorEnvironment.NO_USER_SECRETS));
    Connector source =
        resolver.resolve(ConnectorRequest.of("source-bench").withMode(ExecutionMode.LOCAL));
    Path cacheRoot = work.resolve("cache-" + size);
    deleteTree(cacheRoot);
    JsonNode config = Json.object();
    JsonNode catalog = source.discover(config);
    try (DefaultCache cache =
        new DefaultCache(CacheDatabase.defaultCache(cacheRoot), SyncOptions.defaults(), masker)) {
      long cpu = processCpuNanos();
      long start = System.nanoTime();
      SyncResult result = cache.sync(source, config, catalog, List.of(STREAM), progress -> {});
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (processCpuNanos() - cpu) / 1e9;
      long rows = result.streams().get(0).rowsInTable();
      if (rows != size || result.records() != size) {
        throw new IllegalStateException("sync wrote " + rows + " rows for " + size + " records");
      }
      return new Run(seconds, size, Files.size(lines), cpuSeconds);
    }
  }

  /**
   * DuckDB ingesting the same file itself (typed columns from the records), the reference: with its
   * default settings, or with insertion order not preserved as the cache runs it.
   */
  private static Run duckDbReadJson(Path work, Path lines, long size, boolean unordered)
      throws Exception {
    Path db = work.resolve("native-" + size + ".duckdb");
    Files.deleteIfExists(db);
    Files.deleteIfExists(Path.of(db + ".wal"));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
        Statement s = c.createStatement()) {
      if (unordered) {
        s.execute("SET preserve_insertion_order = false");
      }
      long cpu = processCpuNanos();
      long start = System.nanoTime();
      // the same table the sync writes: typed data columns plus the three Airbyte columns, each
      // computed the cheapest way DuckDB has (the sync's own expressions are no cheaper)
      s.execute(
          "CREATE TABLE "
              + STREAM
              + " AS SELECT r.data.id AS id, r.data.name AS name, "
              + "r.data.amount::DECIMAL(38,9) AS amount, r.data.active AS active, uuidv7()::VARCHAR AS _airbyte_raw_id, "
              + "make_timestamptz(r.emitted_at * 1000) AS _airbyte_extracted_at, '{}'::JSON AS _airbyte_meta FROM ("
              + "SELECT record AS r FROM read_json('"
              + lines
              + "', format = 'newline_delimited', columns = {"
              + "type: 'VARCHAR', record: 'STRUCT(stream VARCHAR, data STRUCT(id BIGINT, name VARCHAR, amount DOUBLE, "
              + "active BOOLEAN), emitted_at BIGINT)'}) WHERE type = 'RECORD')");
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (processCpuNanos() - cpu) / 1e9;
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + STREAM)) {
        rs.next();
        if (rs.getLong(1) != size) {
          throw new IllegalStateException(
              "read_json loaded " + rs.getLong(1) + " rows for " + size + " records");
        }
      }
      return new Run(seconds, size, Files.size(lines), cpuSeconds);
    }
  }

  /**
   * CPU time of this process, all threads (DuckDB's native ones too), and of the child processes it
   * has waited for (the connector program of a sync), from /proc.
   */
  static long processCpuNanos() throws IOException {
    String stat = Files.readString(Path.of("/proc/self/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // utime + stime, plus the same of ended child processes waited for (the connector program)
    long ticks =
        Long.parseLong(fields[11])
            + Long.parseLong(fields[12])
            + Long.parseLong(fields[13])
            + Long.parseLong(fields[14]);
    return ticks * 10_000_000L; // USER_HZ is 100 on Linux
  }

  private static void resetPeaks() throws IOException {
    System.gc();
    // the resident-set high-water mark restarts here (Linux), so it is this sync's peak
    Files.writeString(Path.of("/proc/self/clear_refs"), "5");
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  private static long peakHeapBytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }

  /** The process's high-water resident set (includes DuckDB's native memory), from /proc. */
  private static long peakRssBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return -1;
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
