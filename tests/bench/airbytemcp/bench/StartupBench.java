package airbytemcp.bench;

import airbytemcp.common.Json;
import airbytemcp.common.Version;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Start-up as an MCP client sees it: from the client's command to the answer to the first
 * tools/list. The release jar and the repository's catalog are served on loopback like a Git host
 * serves them, JBang runs from a private home, and a bare MCP SDK stdio server goes through the
 * same route as the yardstick, both with the JBang JVM options the README's client configs set
 * (after the README's warm-up, which records JBang's archive) and without. Also times the server's
 * own part (the exact java command JBang runs) and the first start (jar download, class-data
 * archive recorded).
 */
public final class StartupBench {
  private static final int RUNS = 5;

  /**
   * JBang's verbose log of the command it runs: "[jbang] run: …", with a timestamp in newer
   * versions.
   */
  private static final Pattern RUN_LINE = Pattern.compile("^\\[jbang\\] (\\[[^]]*\\] )?run: ");

  private static final String REQUESTS =
      """
      {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}
      {"jsonrpc":"2.0","method":"notifications/initialized"}
      {"jsonrpc":"2.0","id":2,"method":"tools/list","params":{}}
      """;

  private static final String JBANG_JAVA_OPTIONS = "JBANG_JAVA_OPTIONS";

  private final String jbang;
  private final Path work;
  private final ReadmeRoute readme;

  private StartupBench(String jbang, Path work) throws IOException {
    this.jbang = jbang;
    this.work = work;
    this.readme = ReadmeRoute.read(Path.of("README.md"), work.resolve("jbang-home"));
  }

  /**
   * JBang's own JVM options as the README gives them: the warm-up command's (recording JBang's
   * class-data archive) and the client configs' (reading it), with the README's JBang folder
   * replaced by the bench's.
   */
  record ReadmeRoute(String warmUpOptions, String clientOptions) {
    private static final Pattern WARM_UP =
        Pattern.compile("JBANG_JAVA_OPTIONS=\"(-XX:ArchiveClassesAtExit=[^\"]+)\"");
    private static final Pattern CLIENT = Pattern.compile("\"JBANG_JAVA_OPTIONS\": \"([^\"]+)\"");

    static ReadmeRoute read(Path readme, Path jbangHome) throws IOException {
      String text = Files.readString(readme);
      return new ReadmeRoute(
          find(WARM_UP, text, jbangHome, "the warm-up command"),
          find(CLIENT, text, jbangHome, "the client config"));
    }

    private static String find(Pattern pattern, String text, Path jbangHome, String what) {
      Matcher m = pattern.matcher(text);
      if (!m.find()) {
        throw new IllegalStateException("the README gives no JBANG_JAVA_OPTIONS in " + what);
      }
      return m.group(1)
          .replace("$HOME/.jbang", jbangHome.toString())
          .replace("/home/me/.jbang", jbangHome.toString());
    }
  }

  public static void main(String[] args) throws Exception {
    String jbang = System.getProperty("airbytemcp.jbang", "jbang");
    Path work = Path.of("target/startup-bench").toAbsolutePath();
    deleteTree(work);
    Files.createDirectories(work);
    new StartupBench(jbang, work).run();
  }

  private void run() throws Exception {
    Path site = work.resolve("site");
    HttpServer host = serve(site);
    try {
      String base = "http://127.0.0.1:" + host.getAddress().getPort() + "/ORG/REPO";
      String version = Version.VERSION;
      jar(
          Path.of("target/classes"),
          "airbytemcp.server.Launcher",
          site.resolve(
              "ORG/REPO/releases/download/v" + version + "/airbyte-mcp-" + version + ".jar"));
      jar(
          Path.of("target/bench-classes"),
          "airbytemcp.bench.BareServer",
          site.resolve("bare/bare-mcp.jar"));
      Path catalog = site.resolve("raw/ORG/REPO/HEAD/jbang-catalog.json");
      Files.createDirectories(catalog.getParent());
      Files.writeString(catalog, benchCatalog(base));
      String oursAlias =
          "airbyte-mcp@" + base.replace("/ORG/REPO", "") + "/raw/ORG/REPO/HEAD/jbang-catalog.json";
      String bare = oursAlias.replace("airbyte-mcp@", "bare-mcp@");

      check(List.of(jbang, "trust", "add", base.replace("/ORG/REPO", "") + "/"), Map.of());
      // The README's warm-up, recording JBang's own class-data archive as it goes.
      long started = System.nanoTime();
      check(
          List.of(jbang, oursAlias, "--warm-up"),
          Map.of(JBANG_JAVA_OPTIONS, readme.warmUpOptions()));
      double firstStart = (System.nanoTime() - started) / 1e9;
      // records the bare server's archive as it exits
      timeToToolsList(List.of(jbang, bare), Map.of());
      List<String> serverPart = javaCommand(oursAlias);

      Map<String, String> clientEnv = Map.of(JBANG_JAVA_OPTIONS, readme.clientOptions());
      List<Timing> ours = new ArrayList<>();
      List<Timing> bares = new ArrayList<>();
      List<Timing> oursPlain = new ArrayList<>();
      List<Timing> baresPlain = new ArrayList<>();
      List<Timing> servers = new ArrayList<>();
      for (int i = 0; i < RUNS; i++) {
        ours.add(timeToToolsList(List.of(jbang, oursAlias), clientEnv));
        bares.add(timeToToolsList(List.of(jbang, bare), clientEnv));
        oursPlain.add(timeToToolsList(List.of(jbang, oursAlias), Map.of()));
        baresPlain.add(timeToToolsList(List.of(jbang, bare), Map.of()));
        servers.add(timeToToolsList(serverPart, Map.of()));
      }
      double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      System.out.printf(
          Locale.ROOT,
          "first start through the alias (jar download, class-data archive recorded): %.2f s%n",
          firstStart);
      System.out.printf(
          Locale.ROOT,
          "server part, JVM start to tools/list (median of %d): %.2f s %s, CPU %.2f s %s%n",
          RUNS,
          median(walls(servers)),
          rounded(walls(servers)),
          median(cpus(servers)),
          rounded(cpus(servers)));
      System.out.printf(
          Locale.ROOT,
          "load average while measuring: %.1f on %d cores%n",
          load,
          Runtime.getRuntime().availableProcessors());
      System.out.printf(
          Locale.ROOT,
          "warm start to tools/list: %.2f s (bare MCP SDK stdio server: %.2f s)%n",
          median(walls(ours)),
          median(walls(bares)));
      System.out.printf(
          Locale.ROOT,
          "  (the README's client config: JBANG_JAVA_OPTIONS=\"%s\"; %s %s)%n",
          readme.clientOptions(),
          rounded(walls(ours)),
          rounded(walls(bares)));
      System.out.printf(
          Locale.ROOT,
          "warm start to tools/list without JBANG_JAVA_OPTIONS: %.2f s (bare MCP SDK stdio server:"
              + " %.2f s)%n",
          median(walls(oursPlain)),
          median(walls(baresPlain)));
      System.out.printf(
          Locale.ROOT,
          "CPU (user+sys, JBang included) to tools/list: %.2f s (bare MCP SDK stdio server: %.2f"
              + " s); without JBANG_JAVA_OPTIONS %.2f s (bare %.2f s)%n",
          median(cpus(ours)),
          median(cpus(bares)),
          median(cpus(oursPlain)),
          median(cpus(baresPlain)));
    } finally {
      host.stop(0);
    }
  }

  /**
   * The repository's catalog, pointed at the local host, plus the bare server's alias on the same
   * route.
   */
  private static String benchCatalog(String base) throws IOException {
    String text =
        Files.readString(Path.of("jbang-catalog.json"))
            .replace("https://github.com/ORG/REPO", base);
    ObjectNode catalog = (ObjectNode) Json.parse(text);
    ObjectNode aliases = (ObjectNode) catalog.get("aliases");
    ObjectNode bare = aliases.get("airbyte-mcp").deepCopy();
    bare.put("script-ref", base.replace("/ORG/REPO", "") + "/bare/bare-mcp.jar");
    bare.put("main", "airbytemcp.bench.BareServer");
    bare.put("description", "A bare MCP SDK stdio server (the start-up yardstick).");
    bare.putArray("dependencies")
        .add(dependency(aliases, "mcp-core"))
        .add(dependency(aliases, "mcp-json-jackson2"));
    aliases.set("bare-mcp", bare);
    return Json.write(catalog);
  }

  private static String dependency(ObjectNode aliases, String artifact) {
    for (JsonNode dependency : aliases.get("airbyte-mcp").get("dependencies")) {
      if (dependency.asText().contains(":" + artifact + ":")) {
        return dependency.asText();
      }
    }
    throw new IllegalStateException("the catalog lists no " + artifact);
  }

  /**
   * The java command JBang runs for the alias (its verbose log names it), to time the server's own
   * part.
   */
  private List<String> javaCommand(String alias) throws IOException, InterruptedException {
    Process process = start(List.of(jbang, "--verbose", alias, "--version"), true, Map.of());
    String command = null;
    try (BufferedReader err =
        new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line = err.readLine(); line != null; line = err.readLine()) {
        Matcher run = RUN_LINE.matcher(line);
        if (run.find()) {
          command = line.substring(run.end());
        }
      }
    }
    process.waitFor(2, TimeUnit.MINUTES);
    if (command == null) {
      throw new IllegalStateException("JBang did not say which command it runs");
    }
    // The same command without the trailing --version.
    return List.of("sh", "-c", "exec " + command.substring(0, command.lastIndexOf(" --version")));
  }

  /**
   * Wall seconds to the answer, and CPU seconds (user + sys) the process and the children it waited
   * for (JBang's own JVM) had used by then: CPU time says more than wall time on a machine others
   * load.
   */
  private record Timing(double wall, double cpu) {}

  private static List<Double> walls(List<Timing> timings) {
    return timings.stream().map(Timing::wall).toList();
  }

  private static List<Double> cpus(List<Timing> timings) {
    return timings.stream().map(Timing::cpu).toList();
  }

  /** Linux's /proc/PID/stat: utime, stime, cutime, cstime, in clock ticks (USER_HZ, 100). */
  private static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = 0;
      for (int i = 11; i <= 14; i++) {
        ticks += Long.parseLong(fields[i]);
      }
      return ticks / 100.0;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /**
   * Wall and CPU time from starting the command to the answer to tools/list; then the server is
   * stopped (SIGTERM).
   */
  private Timing timeToToolsList(List<String> command, Map<String, String> env)
      throws IOException, InterruptedException {
    long started = System.nanoTime();
    Process process = start(command, false, env);
    try (OutputStream in = process.getOutputStream();
        BufferedReader out =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      in.write(REQUESTS.getBytes(StandardCharsets.UTF_8));
      in.flush();
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (Json.parse(line).path("id").asInt() == 2) {
          double wall = (System.nanoTime() - started) / 1e9;
          return new Timing(wall, cpuSeconds(process.pid()));
        }
      }
      throw new IllegalStateException(command + " ended without answering tools/list");
    } finally {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  /**
   * Starts the command with one output stream piped to this process: stderr when asked, stdout
   * otherwise.
   */
  private Process start(List<String> command, boolean readStderr, Map<String, String> env)
      throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
    if (readStderr) {
      pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    } else {
      pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    }
    pb.environment().put("JBANG_DIR", work.resolve("jbang-home").toString());
    pb.environment().put("AIRBYTE_PROJECT_DIR", work.resolve("project").toString());
    pb.environment().remove("AIRBYTE_MCP_ENV_FILE");
    pb.environment().remove(JBANG_JAVA_OPTIONS);
    pb.environment().putAll(env);
    return pb.start();
  }

  private void check(List<String> command, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().put("JBANG_DIR", work.resolve("jbang-home").toString());
    pb.environment().put("AIRBYTE_PROJECT_DIR", work.resolve("project").toString());
    pb.environment().remove("AIRBYTE_MCP_ENV_FILE");
    pb.environment().remove(JBANG_JAVA_OPTIONS);
    pb.environment().putAll(env);
    Process process = pb.start();
    if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException(command + " failed");
    }
  }

  private static HttpServer serve(Path root) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
              exchange.sendResponseHeaders(404, -1);
              return;
            }
            byte[] body = Files.readAllBytes(file);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
          }
        });
    server.start();
    return server;
  }

  private static void jar(Path classes, String main, Path jar) throws IOException {
    Files.createDirectories(jar.getParent());
    int code =
        ToolProvider.findFirst("jar")
            .orElseThrow()
            .run(
                System.out,
                System.err,
                "--create",
                "--file",
                jar.toString(),
                "--main-class",
                main,
                "-C",
                classes.toString(),
                ".");
    if (code != 0) {
      throw new IllegalStateException("could not package " + jar);
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static String rounded(List<Double> values) {
    return values.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList().toString();
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
