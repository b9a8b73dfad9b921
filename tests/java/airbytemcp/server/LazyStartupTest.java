package airbytemcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.config.SettingsLoader;
import airbytemcp.testing.McpServerProcess;
import airbytemcp.testing.TestResources;
import com.sun.net.httpserver.HttpServer;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start that ends at tools/list loads none of the heavy subsystems: they are loaded when a tool
 * first needs them. The server runs as its own JVM logging every class it loads; an MCP client
 * initializes and lists the tools, then the log is read.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LazyStartupTest {
  /**
   * Class-name prefixes that show a heavy subsystem being set up, with what each one is. (A few of
   * their API types, e.g. {@code okhttp3.OkHttpClient} or docker-java's config interface, are
   * loaded when the classes that hold them are verified; that costs little and is allowed.)
   */
  static final Map<String, String> HEAVY =
      Map.of(
          "okhttp3.internal.", "OkHttp's engine (connection pool, platform, TLS)",
          "kotlin.", "the Kotlin runtime OkHttp needs",
          "sun.security.ssl.", "the JDK's TLS (trust store, SSL context)",
          "com.networknt.", "the JSON-schema validator",
          "org.duckdb.", "DuckDB",
          "com.hubspot.jinjava.", "Jinjava",
          "org.apache.catalina.", "Tomcat",
          "org.apache.hc.", "docker-java's HTTP transport",
          "com.github.dockerjava.core.DockerClientImpl", "the docker-java client",
          "org.postgresql.", "the PostgreSQL driver");

  @TempDir Path dir;

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put(SettingsLoader.PROJECT_DIR, dir.resolve("project").toString());
    env.put(SettingsLoader.LOCAL_REGISTRY, TestResources.registry().toString());
    return env;
  }

  /** The server from the test class path, writing the classes it loads to {@code log}. */
  private McpServerProcess server(Map<String, String> env, Path log) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return McpServerProcess.ofCommand(
        List.of(
            java,
            // to a file: stdout is the protocol
            "-Xlog:class+load=info:file=" + log,
            // marks on stderr, among them the one of DuckDB loaded ahead of a call
            "-D" + StartupTrace.PROPERTY + "=true",
            "-cp",
            System.getProperty("java.class.path"),
            "airbytemcp.server.Launcher"),
        env,
        dir,
        Duration.ofSeconds(90));
  }

  /** The loaded classes whose names start with {@code prefix}. */
  private static List<String> loaded(Path log, String prefix) throws IOException {
    try (Stream<String> lines = Files.lines(log)) {
      return lines
          .map(line -> line.split(" "))
          .filter(parts -> parts.length > 1)
          .map(parts -> parts[1])
          .filter(name -> name.startsWith(prefix))
          .toList();
    }
  }

  @Test
  void initializeAndToolsListLoadNoHeavySubsystem() throws IOException {
    Path log = dir.resolve("classes.log");
    try (McpServerProcess server = server(env(), log)) {
      server.client.initialize();
      assertFalse(server.client.listTools().tools().isEmpty(), "tools/list answered no tools");
      assertFalse(
          loaded(log, "airbytemcp.server.").isEmpty(),
          "the class log shows no server class: is the log written at all?");
      for (Map.Entry<String, String> heavy : HEAVY.entrySet()) {
        List<String> classes = loaded(log, heavy.getKey());
        assertTrue(
            classes.isEmpty(),
            () ->
                heavy.getValue()
                    + " was loaded before any tool needed it ("
                    + classes.size()
                    + " classes, first "
                    + classes.get(0)
                    + ")");
      }
    }
  }

  @Test
  void theViewPagesAreAssembledWhenAClientFirstReadsOne() throws IOException {
    Path log = dir.resolve("classes.log");
    try (McpServerProcess server = server(env(), log)) {
      server.client.initialize();
      server.client.listTools();
      assertEquals(
          List.of(),
          loaded(log, "airbytemcp.views.ViewPage"),
          "a view's HTML was assembled from its assets before any client read it");
      String uri =
          server.client.listResources().resources().stream()
              .map(resource -> resource.uri())
              .filter(u -> u.startsWith("ui://"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("the server lists no ui:// view"));
      server.client.readResource(new ReadResourceRequest(uri));
      assertFalse(
          loaded(log, "airbytemcp.views.ViewPage").isEmpty(),
          "reading " + uri + " did not assemble its page (is the class log read at all?)");
    }
  }

  @Test
  void theHttpClientIsBuiltWhenAToolFirstDownloads() throws IOException {
    Path registry = TestResources.registry();
    HttpServer host =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    host.createContext(
        "/registry.json",
        exchange -> {
          byte[] body = Files.readAllBytes(registry);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    host.start();
    Map<String, String> env = env();
    env.remove(SettingsLoader.LOCAL_REGISTRY);
    env.put(
        SettingsLoader.REGISTRY_URL,
        "http://127.0.0.1:" + host.getAddress().getPort() + "/registry.json");
    Path log = dir.resolve("classes.log");
    try (McpServerProcess server = server(env, log)) {
      server.client.initialize();
      server.client.listTools();
      assertEquals(
          List.of(),
          loaded(log, "okhttp3.internal."),
          "OkHttp's engine was loaded before the first download");
      listFakerConnectors(server);
      assertFalse(
          loaded(log, "okhttp3.internal.").isEmpty(),
          "the registry download did not set up OkHttp (is the class log read at all?)");
    } finally {
      host.stop(0);
    }
  }

  /** The trace line of DuckDB's library loaded ahead of a call, on its own thread. */
  private static final String ENGINE_READIED = "cache engine loaded ahead of a call at ";

  @Test
  void aCallOfACacheToolLoadsDuckDbOnAnotherThreadAsItArrives() throws Exception {
    Path log = dir.resolve("classes.log");
    try (McpServerProcess server = server(env(), log)) {
      server.client.initialize();
      server.client.listTools();
      assertEquals(List.of(), loaded(log, "org.duckdb."), "DuckDB was loaded before any call");
      CallToolResult result = callACacheTool(server);
      assertTrue(
          result.isError(), "run_sql_query answered from a cache that was never synced: " + result);
      String trace = awaitTrace(server, ENGINE_READIED);
      assertTrue(
          trace.contains(ENGINE_READIED) && trace.contains("thread " + ArrivingCalls.ENGINE_THREAD),
          "no trace of DuckDB loaded ahead of the call on "
              + ArrivingCalls.ENGINE_THREAD
              + "; stderr:\n"
              + trace);
      assertFalse(
          loaded(log, "org.duckdb.").isEmpty(),
          "the class log shows no DuckDB class after the engine was readied");
    }
  }

  @Test
  void readyingTheCacheEngineLoadsNoOtherJdbcDriver() throws Exception {
    // DriverManager would load every driver on the class path first: 0.1 s of a first cache call
    Path log = dir.resolve("classes.log");
    try (McpServerProcess server = server(env(), log)) {
      server.client.initialize();
      callACacheTool(server);
      assertTrue(
          awaitTrace(server, ENGINE_READIED).contains(ENGINE_READIED),
          "DuckDB was not readied for a cache tool's call; stderr:\n" + server.stderr());
      assertEquals(
          List.of(),
          loaded(log, "org.postgresql."),
          "opening DuckDB loaded the Postgres JDBC driver too");
    }
  }

  @Test
  void aCallOfAToolWithoutTheCacheLeavesDuckDbUnloaded() throws Exception {
    Path log = dir.resolve("classes.log");
    try (McpServerProcess server = server(env(), log)) {
      server.client.initialize();
      listFakerConnectors(server);
      assertFalse(
          server.stderr().contains(ENGINE_READIED),
          "a registry tool readied DuckDB; stderr:\n" + server.stderr());
      assertEquals(List.of(), loaded(log, "org.duckdb."), "a registry tool's call loaded DuckDB");
    }
  }

  /** {@code run_sql_query}, a tool that opens the cache. */
  private static CallToolResult callACacheTool(McpServerProcess server) {
    return server.client.callTool(
        CallToolRequest.builder()
            .name("run_sql_query")
            .arguments(Map.of("sql_query", "SELECT 1"))
            .build());
  }

  /** stderr once it holds {@code line}, or after 30 s (the readying thread may still run). */
  private static String awaitTrace(McpServerProcess server, String line) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String stderr = server.stderr();
    while (!stderr.contains(line) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      stderr = server.stderr();
    }
    return stderr;
  }

  /** A registry tool's call: {@code list_connectors} for faker, which must succeed. */
  private static void listFakerConnectors(McpServerProcess server) {
    CallToolResult result =
        server.client.callTool(
            CallToolRequest.builder()
                .name("list_connectors")
                .arguments(Map.of("keyword_filter", "faker"))
                .build());
    assertFalse(result.isError(), "list_connectors failed: " + result.content());
  }
}
