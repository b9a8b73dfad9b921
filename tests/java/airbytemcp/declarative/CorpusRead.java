package airbytemcp.declarative;

import airbytemcp.common.Json;
import airbytemcp.protocol.AirbyteMessage;
import airbytemcp.protocol.MessageType;
import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;

/**
 * {@code make corpus-read MANIFESTS=DIR}: reads every stream of every manifest in DIR end to end
 * against a fake of its API made from the manifest ({@link CorpusFake}), with a config made from
 * its spec ({@link CorpusConfig}). The fake is an OkHttp interceptor on the client this harness
 * hands the runtime, so every request, whatever its host, reaches it and none leaves the process.
 *
 * <p>A stream reads end to end when it completes without error, follows page 2 where it paginates,
 * and emits records from every page served (a record filter may drop them: then completing and
 * paging is what counts).
 */
public final class CorpusRead {
  private static final long STREAM_CPU_SECONDS = 20;
  private static final long STREAM_WALL_SECONDS = 300;

  /** One stream's verdict: null cause when it read end to end. */
  record StreamResult(String stream, String cause, String detail) {
    boolean ok() {
      return cause == null;
    }
  }

  /** One manifest's verdicts; skipped (custom components) manifests have none. */
  record ManifestResult(
      String connector, String version, String skipped, List<StreamResult> streams) {
    long ok() {
      return streams.stream().filter(StreamResult::ok).count();
    }
  }

  private CorpusRead() {}

  public static void main(String[] args) throws Exception {
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    Path dir = args.length > 0 && !args[0].isEmpty() ? Path.of(args[0]) : ManifestCorpus.dir();
    Path report = args.length > 1 ? Path.of(args[1]) : null;
    int jobs = Math.max(1, Integer.getInteger("corpus.jobs", 1));
    List<ManifestResult> results = readAll(dir, jobs, r -> out.println(line(r)));
    Map<String, Integer> causes = new TreeMap<>();
    int streams = 0;
    int okStreams = 0;
    int manifests = 0;
    int okManifests = 0;
    for (ManifestResult r : results) {
      if (r.skipped() != null) {
        continue;
      }
      manifests++;
      streams += r.streams().size();
      okStreams += (int) r.ok();
      if (r.ok() == r.streams().size() && !r.streams().isEmpty()) {
        okManifests++;
      }
      for (StreamResult s : r.streams()) {
        if (!s.ok()) {
          causes.merge(s.cause(), 1, Integer::sum);
        }
      }
    }
    if (report != null) {
      writeReport(report, results);
    }
    out.println("failures by cause:");
    causes.entrySet().stream()
        .sorted((a, b) -> b.getValue() - a.getValue())
        .forEach(e -> out.println("  " + e.getValue() + "  " + e.getKey()));
    long skipped = results.stream().filter(r -> r.skipped() != null).count();
    out.println("skipped (custom Python components): " + skipped + " manifests");
    out.println(
        "streams read end to end: "
            + okStreams
            + "/"
            + streams
            + " (manifests: "
            + okManifests
            + "/"
            + manifests
            + ")");
    System.exit(0);
  }

  /**
   * Reads every manifest in {@code dir}, {@code jobs} manifests at a time (each stream's limits
   * stay those of its own thread), and hands each result on in name order as soon as it and all
   * before it are done.
   */
  static List<ManifestResult> readAll(Path dir, int jobs, Consumer<ManifestResult> each)
      throws IOException, InterruptedException {
    ExecutorService streams = daemons("corpus-read", 0);
    ExecutorService manifests = daemons("corpus-manifest", jobs);
    try {
      List<Path> paths = manifests(dir);
      List<Future<ManifestResult>> pending = new ArrayList<>();
      for (Path manifest : paths) {
        pending.add(manifests.submit(() -> readManifest(manifest, streams)));
      }
      List<ManifestResult> results = new ArrayList<>();
      for (int i = 0; i < pending.size(); i++) {
        ManifestResult r = result(pending.get(i), paths.get(i));
        results.add(r);
        each.accept(r);
      }
      return results;
    } finally {
      manifests.shutdownNow();
      streams.shutdownNow();
    }
  }

  /** A pool of daemon threads: {@code size} of them, or as many as asked when 0. */
  private static ExecutorService daemons(String name, int size) {
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(r, name);
          t.setDaemon(true);
          return t;
        };
    return size == 0
        ? Executors.newCachedThreadPool(factory)
        : Executors.newFixedThreadPool(size, factory);
  }

  /** A manifest's result; a harness failure becomes that manifest's one failing entry. */
  private static ManifestResult result(Future<ManifestResult> pending, Path manifest)
      throws InterruptedException {
    try {
      return pending.get();
    } catch (ExecutionException e) {
      return new ManifestResult(
          connectorOf(manifest),
          version(manifest),
          null,
          List.of(new StreamResult("(manifest)", "harness error", String.valueOf(e.getCause()))));
    }
  }

  static List<Path> manifests(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".manifest.yaml"))
          .sorted()
          .toList();
    }
  }

  static String line(ManifestResult r) {
    String head = r.connector() + " " + r.version() + ": ";
    if (r.skipped() != null) {
      return head + "skipped (" + r.skipped() + ")";
    }
    StringBuilder b =
        new StringBuilder(head)
            .append(r.ok())
            .append('/')
            .append(r.streams().size())
            .append(" streams");
    for (StreamResult s : r.streams()) {
      if (!s.ok()) {
        b.append("; ").append(s.stream()).append(": ").append(s.cause());
        if (s.detail() != null) {
          b.append(" [").append(s.detail().replace('\n', ' ')).append(']');
        }
      }
    }
    return b.toString();
  }

  private static void writeReport(Path report, List<ManifestResult> results) throws IOException {
    StringBuilder b = new StringBuilder("connector,manifest_version,streams_ok,streams\n");
    for (ManifestResult r : results) {
      if (r.skipped() == null) {
        b.append(r.connector())
            .append(',')
            .append(r.version())
            .append(',')
            .append(r.ok())
            .append(',')
            .append(r.streams().size())
            .append('\n');
      }
    }
    Files.createDirectories(report.toAbsolutePath().getParent());
    Files.writeString(report, b.toString());
  }

  static String connectorOf(Path manifest) {
    return manifest.getFileName().toString().replace(".manifest.yaml", "");
  }

  static String version(Path manifest) {
    Path metadata = manifest.resolveSibling(connectorOf(manifest) + ".metadata.yaml");
    try {
      return Json.YAML.readTree(metadata.toFile()).path("data").path("dockerImageTag").asText("?");
    } catch (IOException e) {
      return "?";
    }
  }

  /** Reads every static stream of one manifest. */
  static ManifestResult readManifest(Path path, ExecutorService pool) {
    String connector = connectorOf(path);
    String version = version(path);
    Manifest manifest;
    try {
      manifest = loader().fromPath(path);
    } catch (CustomComponentsError e) {
      return new ManifestResult(connector, version, "custom Python components", List.of());
    } catch (RuntimeException e) {
      return new ManifestResult(
          connector,
          version,
          null,
          List.of(new StreamResult("(manifest)", "manifest does not load", e.getMessage())));
    }
    ObjectNode config =
        CorpusConfig.of(manifest.spec().path("connection_specification"), manifest.definition());
    List<StreamResult> out = new ArrayList<>();
    String only = System.getProperty("corpus.stream");
    for (JsonNode def : manifest.definition().path("streams")) {
      if (only != null && !only.equals(def.path("name").asText())) {
        continue;
      }
      out.add(readStream(manifest, def, config, pool));
    }
    return new ManifestResult(connector, version, null, out);
  }

  private static ManifestLoader loader() {
    try {
      return SharedManifests.loader();
    } catch (RuntimeException | AssertionError e) {
      return new ManifestLoader(null, Optional::empty);
    }
  }

  static StreamResult readStream(
      Manifest manifest, JsonNode def, ObjectNode config, ExecutorService pool) {
    String name = def.path("name").asText("?");
    JsonNode chosen =
        "StateDelegatingStream".equals(def.path("type").asText())
            ? def.path("incremental_stream")
            : def;
    CorpusStream stream;
    try {
      stream = new CorpusStream(chosen, config);
      name = stream.name;
    } catch (RuntimeException e) {
      return new StreamResult(name, "fake: stream not modelled", String.valueOf(e));
    }
    CorpusFake fake = new CorpusFake(stream, config);
    OkHttpClient client = new OkHttpClient.Builder().addInterceptor(fake).build();
    Masker masker = new Masker();
    masker.register(CorpusConfig.SECRET);
    RuntimeOptions options = new RuntimeOptions(client, masker, u -> u, d -> {});
    DeclarativeConnector connector = DeclarativeConnector.of(manifest, options);
    boolean incremental = chosen.has("incremental_sync");
    JsonNode catalog = catalog(name, incremental ? "incremental" : "full_refresh");
    List<AirbyteMessage> messages = Collections.synchronizedList(new ArrayList<>());
    String thrown = null;
    AtomicReference<Thread> worker = new AtomicReference<>();
    // pool threads are reused: the limit is on the CPU time spent since this read began
    AtomicLong cpuBefore = new AtomicLong();
    Future<?> run =
        pool.submit(
            () -> {
              cpuBefore.set(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
              worker.set(Thread.currentThread());
              connector.read(config, catalog, Optional.empty(), messages::add);
            });
    try {
      String over = awaitWithin(run, worker, cpuBefore);
      if (over != null) {
        if (Boolean.getBoolean("corpus.debug") && worker.get() != null) {
          for (StackTraceElement e : worker.get().getStackTrace()) {
            System.err.println("  at " + e);
          }
        }
        fake.abandoned = true;
        run.cancel(true);
        return new StreamResult(name, over, fake.requests + " requests" + notes(fake));
      }
    } catch (ExecutionException e) {
      thrown = String.valueOf(e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new StreamResult(name, "interrupted", null);
    }
    if (Boolean.getBoolean("corpus.debug")) {
      messages.stream()
          .filter(m -> m.type() != MessageType.RECORD)
          .forEach(m -> System.err.println("corpus-read message " + m.payload()));
    }
    return verdict(name, stream, fake, List.copyOf(messages), thrown);
  }

  /**
   * Waits for a stream's read; the limit is the CPU time its thread spends (the machine may be
   * shared, so wall-clock time says little), with a far wall-clock bound for a read that waits.
   * Returns the timeout cause, or null when the read ended.
   */
  private static String awaitWithin(
      Future<?> run, AtomicReference<Thread> worker, AtomicLong cpuBefore)
      throws ExecutionException, InterruptedException {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long started = System.nanoTime();
    while (true) {
      try {
        run.get(200, TimeUnit.MILLISECONDS);
        return null;
      } catch (TimeoutException e) {
        Thread t = worker.get();
        long cpu = t == null ? 0 : threads.getThreadCpuTime(t.getId()) - cpuBefore.get();
        if (cpu > TimeUnit.SECONDS.toNanos(STREAM_CPU_SECONDS)) {
          return "timeout (" + STREAM_CPU_SECONDS + "s CPU)";
        }
        if (System.nanoTime() - started > TimeUnit.SECONDS.toNanos(STREAM_WALL_SECONDS)) {
          return "timeout (" + STREAM_WALL_SECONDS + "s waiting)";
        }
      }
    }
  }

  static StreamResult verdict(
      String name,
      CorpusStream stream,
      CorpusFake fake,
      List<AirbyteMessage> messages,
      String thrown) {
    for (AirbyteMessage m : messages) {
      if (m.type() == MessageType.TRACE && m.payload().has("error")) {
        String message = m.payload().path("error").path("message").asText();
        return new StreamResult(name, cause(message, fake), shorten(message) + notes(fake));
      }
    }
    if (thrown != null) {
      return new StreamResult(name, cause(thrown, fake), shorten(thrown) + notes(fake));
    }
    Map<Integer, Integer> emitted = new LinkedHashMap<>();
    int count = 0;
    for (AirbyteMessage m : messages) {
      if (m.type() == MessageType.RECORD) {
        count++;
        JsonNode p = m.payload().path("data").path(CorpusFake.PAGE_FIELD);
        if (p.isInt() || (p.isTextual() && p.asText().matches("\\d+"))) {
          // decoders of text formats (XML, CSV) hand the marker back as text
          emitted.merge(p.asInt(), 1, Integer::sum);
        }
      }
    }
    if (fake.servedPages.isEmpty()) {
      return new StreamResult(
          name, "fake: no records served", fake.requests + " requests" + notes(fake));
    }
    if (stream.paginates() && !fake.servedPages.containsKey(2)) {
      return new StreamResult(
          name, "did not follow page 2 (" + stream.strategyType() + ")", notes(fake).strip());
    }
    if (stream.filtered) {
      return new StreamResult(name, null, null);
    }
    if (emitted.isEmpty() && count >= fake.servedPages.size()) {
      return new StreamResult(name, null, null); // a transformation dropped the page marker
    }
    for (Integer page : fake.servedPages.keySet()) {
      if (!emitted.containsKey(page)) {
        return new StreamResult(
            name, "no records emitted from page " + page, "emitted " + count + notes(fake));
      }
    }
    return new StreamResult(name, null, null);
  }

  private static String notes(CorpusFake fake) {
    return fake.notes.isEmpty() ? "" : " {" + String.join("; ", fake.notes) + "}";
  }

  private static String shorten(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  /** A failure message reduced to its kind: names, numbers and quoted values dropped. */
  static String cause(String message, CorpusFake fake) {
    String m =
        message
            .replaceAll("'[^']*'", "'…'")
            .replaceAll("\"[^\"]*\"", "\"…\"")
            .replaceAll("\\d+", "N");
    m = m.replaceAll("^Reading \\S+ failed for N streams?: \\S+: ", "");
    int cut = m.indexOf(". ");
    if (cut > 0) {
      m = m.substring(0, cut);
    }
    return m.length() > 120 ? m.substring(0, 120) : m;
  }

  static JsonNode catalog(String stream, String mode) {
    ObjectNode catalog = Json.object();
    ObjectNode c = catalog.putArray("streams").addObject();
    c.putObject("stream").put("name", stream);
    c.put("sync_mode", mode).put("destination_sync_mode", "append");
    return catalog;
  }
}
