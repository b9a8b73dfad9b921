package airbytemcp.server;

import airbytemcp.common.CallScope;
import airbytemcp.common.SuppressForbidden;
import airbytemcp.common.UserError;
import airbytemcp.common.Version;
import airbytemcp.config.DotenvFile;
import airbytemcp.config.Settings;
import airbytemcp.config.SettingsLoader;
import airbytemcp.config.Transport;
import airbytemcp.connectors.RunningConnectors;
import airbytemcp.declarative.ComponentSchemas;
import airbytemcp.declarative.ManifestCoverage;
import airbytemcp.declarative.ManifestLoader;
import airbytemcp.secrets.GuessableSecrets;
import airbytemcp.secrets.Masker;
import airbytemcp.secrets.MaskerSeeds;
import airbytemcp.tools.Services;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** Command-line entry: flags, settings, then the server on stdio or Streamable HTTP. */
public final class Launcher {
  static final String USAGE =
      """
      airbyte-mcp %s - an MCP server for Airbyte connectors, local syncs and Airbyte Cloud.

      Usage: jbang airbyte-mcp@ORG/REPO [option]   (or: jbang AirbyteMcp.java [option])

      With no option the server speaks MCP on stdin/stdout; configure it in your MCP client.

      Options:
        --help          Show this help and exit.
        --version       Show the version and exit.
        --list-tools    Print every tool (domain, kind, whether the current settings offer it) and exit.
        --warm-up       Run one in-memory MCP session (initialize, tools/list) and exit; run it once after
                        install so later starts are fast (see the README).
        --check-manifests DIR
                        Load every declarative manifest in DIR and say which the JVM runtime can run.
        --http [--host H] [--port N]
                        Serve Streamable HTTP at http://H:N/mcp instead of stdio (default 127.0.0.1:8080;
                        GET /health answers {"status":"ok"}). Local tools stay off over HTTP unless
                        AIRBYTE_MCP_TRUSTED_EXECUTION=1; callers pass Authorization: Bearer and
                        X-Airbyte-Workspace-Id. Extra accepted Host/Origin values: AIRBYTE_MCP_ALLOWED_HOSTS,
                        AIRBYTE_MCP_ALLOWED_ORIGINS (comma lists).

      Settings come from the environment and the dotenv file named by AIRBYTE_MCP_ENV_FILE;
      the README lists every variable.
      """;

  private Launcher() {}

  public static void main(String[] args) {
    StartupTrace.mark("main entered");
    nameLoggingProvider();
    int code = run(args);
    if (code >= 0) {
      System.exit(code);
    }
  }

  /**
   * Names the logging backend so slf4j loads it directly instead of by a ServiceLoader search
   * through every jar on the class path at the first logger. Only slf4j's note announcing that
   * choice is silenced; its warnings still reach stderr. So is the SDK's line announcing the
   * client, which {@link UiClients} writes more cheaply, and the JSON-Schema library's warning on
   * each keyword of a connector spec it does not know; {@code -D} on the command line overrides any
   * of them.
   */
  static void nameLoggingProvider() {
    // UiClients logs the client instead (see there why).
    if (System.getProperty(SDK_INITIALIZE_LOG) == null) {
      System.setProperty(SDK_INITIALIZE_LOG, "warn");
    }
    // A connector spec's own keywords (airbyte_secret, order, group...) are documentation; the
    // JSON-Schema library warned about each as "Unknown keyword ... define your own Meta Schema".
    if (System.getProperty(UNKNOWN_KEYWORD_LOG) == null) {
      System.setProperty(UNKNOWN_KEYWORD_LOG, "error");
    }
    if (System.getProperty(SLF4J_PROVIDER) == null) {
      System.setProperty(SLF4J_PROVIDER, "org.slf4j.simple.SimpleServiceProvider");
      if (System.getProperty(SLF4J_VERBOSITY) == null) {
        System.setProperty(SLF4J_VERBOSITY, "WARN");
      }
    }
  }

  private static final String SLF4J_PROVIDER = "slf4j.provider";

  /** slf4j-simple's level of the JSON-Schema library's notes on keywords it does not know. */
  private static final String UNKNOWN_KEYWORD_LOG =
      "org.slf4j.simpleLogger.log.com.networknt.schema.keyword.UnknownKeywordFactory";

  private static final String SLF4J_VERBOSITY = "slf4j.internal.verbosity";

  /** slf4j-simple's level of the SDK class whose only INFO line is the client's initialize. */
  private static final String SDK_INITIALIZE_LOG =
      "org.slf4j.simpleLogger.log.io.modelcontextprotocol.server.McpAsyncServer";

  /**
   * Runs the command; returns an exit code, or -1 when a server was started and keeps the JVM
   * alive.
   */
  @SuppressForbidden(
      reason = "--help, --version and --list-tools answer on stdout before any server takes it")
  static int run(String[] args) {
    List<String> flags = Arrays.asList(args);
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    ClassDataArchive.prepare(
        stderr,
        Stream.of("--help", "-h", "--version", "-V", "--list-tools").anyMatch(flags::contains));
    if (flags.contains("--help") || flags.contains("-h")) {
      stdout.print(String.format(Locale.ROOT, USAGE, Version.VERSION));
      return 0;
    }
    if (flags.contains("--version") || flags.contains("-V")) {
      stdout.println(
          "airbyte-mcp " + Version.VERSION + " (Java " + System.getProperty("java.version") + ")");
      return 0;
    }
    int checkAt = flags.indexOf("--check-manifests");
    if (checkAt >= 0) {
      if (checkAt + 1 >= flags.size()) {
        stderr.println("airbyte-mcp: --check-manifests needs a folder.");
        return 2;
      }
      return checkManifests(Path.of(flags.get(checkAt + 1)), stdout, stderr);
    }
    boolean http = flags.contains("--http");
    List<String> unknown = unknownFlags(flags, http);
    if (!unknown.isEmpty()) {
      stderr.println("airbyte-mcp: unknown option(s) " + unknown + "; see --help.");
      return 2;
    }
    if (!flags.contains("--list-tools")) {
      // A server will answer initialize and tools/list: ready their JSON path on the other core.
      ProtocolPrimer.start();
    }
    Settings settings;
    HttpOptions httpOptions = null;
    try {
      settings =
          SettingsLoader.load(
              System.getenv(),
              Path.of("").toAbsolutePath(),
              Path.of(System.getProperty("user.home")),
              http ? Transport.HTTP : Transport.STDIO);
      if (http) {
        // The allow-lists work from the dotenv file like every other variable; the process
        // environment wins.
        Map<String, String> environment =
            new HashMap<>(settings.envFile().map(DotenvFile::values).orElse(Map.of()));
        environment.putAll(System.getenv());
        httpOptions = HttpOptions.parse(flags, environment);
      }
    } catch (UserError e) {
      stderr.println("airbyte-mcp: " + e.getMessage());
      if (e.hint() != null) {
        stderr.println("  " + e.hint());
      }
      return 2;
    }
    StartupTrace.mark("settings read");
    Masker masker = MaskerSeeds.fromSettings(settings);
    Services services = Services.create(settings, masker);
    RunningConnectors.removeAbandonedRunDirs(settings.projectDir().resolve("run"));
    StartupTrace.mark("services made");

    if (flags.contains("--list-tools")) {
      stdout.print(ToolTable.render(services));
      return 0;
    }
    if (flags.contains("--warm-up")) {
      return warmUp(services, stdout, stderr);
    }
    if (http) {
      return startHttp(services, httpOptions, stderr);
    }
    startStdio(services);
    return -1;
  }

  /**
   * Flags other than the known ones; {@code --host} and {@code --port} (with their values) only
   * with --http.
   */
  static List<String> unknownFlags(List<String> flags, boolean http) {
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < flags.size(); i++) {
      String flag = flags.get(i);
      if (http && (flag.equals("--host") || flag.equals("--port"))) {
        i++;
      } else if (!flag.equals("--list-tools")
          && !flag.equals("--http")
          && !flag.equals("--warm-up")) {
        unknown.add(flag);
      }
    }
    return unknown;
  }

  /** stdout is not the protocol here, but logs still belong on (masked) stderr, like on stdio. */
  private static int startHttp(Services services, HttpOptions options, PrintStream stderr) {
    PrintStream rawErr =
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    PrintStream maskedErr = new MaskingPrintStream(rawErr, services.masker());
    System.setErr(maskedErr);
    System.setOut(maskedErr);
    HttpTransport transport;
    try {
      transport = HttpTransport.start(services, options);
    } catch (IOException e) {
      maskedErr.println("airbyte-mcp: " + e.getMessage());
      return 1;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stopWork();
                  transport.close();
                },
                "airbyte-mcp-shutdown"));
    String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
    maskedErr.println(
        "airbyte-mcp "
            + Version.VERSION
            + " serving MCP over Streamable HTTP at http://"
            + host
            + ":"
            + transport.port()
            + HttpTransport.MCP_PATH
            + " (health: "
            + HttpTransport.HEALTH_PATH
            + "; local tools "
            + (services.settings().trustedExecution()
                ? "ON: AIRBYTE_MCP_TRUSTED_EXECUTION=1"
                : "off")
            + "; project dir "
            + services.settings().projectDir()
            + ").");
    if (!services.settings().trustedExecution()) {
      maskedErr.println(
          "  Local tools run connectors and read files on this machine; they stay hidden over HTTP "
              + "unless AIRBYTE_MCP_TRUSTED_EXECUTION=1 is set.");
    }
    maskedErr.println(
        "  No authentication of callers: put a reverse proxy with authentication in front when "
            + "binding beyond localhost.");
    reportDotenv(services.settings(), maskedErr);
    return -1;
  }

  /**
   * Takes stdout for the protocol alone: System.out and System.err both become masked stderr, so
   * nothing but JSON-RPC can ever reach the client's channel.
   */
  private static void startStdio(Services services) {
    Masker masker = services.masker();
    PrintStream rawErr =
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    PrintStream maskedErr = new MaskingPrintStream(rawErr, masker);
    System.setErr(maskedErr);
    System.setOut(maskedErr);
    ProtocolOutputStream protocolOut =
        new ProtocolOutputStream(new FileOutputStream(FileDescriptor.out), masker);
    StdioServerTransportProvider transport =
        new StdioServerTransportProvider(
            McpJson.MAPPER,
            new GatedInputStream(
                new FileInputStream(FileDescriptor.in),
                protocolOut,
                GatedInputStream.MAX_LINE_BYTES,
                Launcher::clientGone),
            protocolOut);
    McpSyncServer server = AirbyteMcpServer.start(services, transport);
    StartupTrace.mark("server built, reading stdin");
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stopWork();
                  server.closeGracefully();
                },
                "airbyte-mcp-shutdown"));
    maskedErr.println(
        "airbyte-mcp "
            + Version.VERSION
            + " serving MCP on stdio (project dir "
            + services.settings().projectDir()
            + ").");
    // zxcvbn's word lists take a few hundred milliseconds to load: not on the first request's path
    Thread report =
        new Thread(() -> reportDotenv(services.settings(), maskedErr), "airbyte-mcp-dotenv-report");
    report.setDaemon(true);
    report.start();
  }

  /**
   * Which dotenv files were read and how many names each gave, or why none, and which secrets are
   * easy to guess: names and line numbers, never values.
   */
  static void reportDotenv(Settings settings, PrintStream err) {
    if (settings.envFile().isEmpty()) {
      err.println("  No dotenv file: AIRBYTE_MCP_ENV_FILE is not set.");
    }
    settings.dotenvFiles().forEach(file -> err.println("  " + file.summary()));
    List<String> guessable = GuessableSecrets.names(settings);
    if (!guessable.isEmpty()) {
      err.println(
          "  Warning: the dotenv values of "
              + String.join(", ", guessable)
              + " are short, only digits, or a common password or word (zxcvbn's estimate), so"
              + " easy to guess; an agent can test a guess with any tool that echoes its input."
              + " If they are secrets, use long random values.");
    }
  }

  /** How long stopping may take before the process ends regardless. */
  static final long EXIT_DEADLINE_MILLIS = 8_000;

  /**
   * Cancels every call and removes what connectors hold outside the JVM (processes, containers, run
   * folders).
   */
  private static void stopWork() {
    CallScope.cancelAll();
    RunningConnectors.stopAll();
  }

  /**
   * The stdio client closed stdin: nobody can receive an answer any more, so calls in flight are
   * stopped and the process exits (a call running on would otherwise keep it alive for as long as
   * the call takes).
   */
  private static void clientGone() {
    Thread exit =
        new Thread(
            () -> {
              Thread deadline =
                  new Thread(
                      () -> {
                        try {
                          Thread.sleep(EXIT_DEADLINE_MILLIS);
                          Runtime.getRuntime().halt(0);
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                      },
                      "airbyte-mcp-exit-deadline");
              deadline.setDaemon(true);
              deadline.start();
              System.exit(0); // the shutdown hook stops the work
            },
            "airbyte-mcp-client-gone");
    exit.start();
  }

  private static int warmUp(Services services, PrintStream stdout, PrintStream stderr) {
    long started = System.nanoTime();
    try {
      int tools = WarmUp.run(services);
      stdout.printf(
          Locale.ROOT,
          "airbyte-mcp %s is ready: %d tools listed in %.1f s (Java %s).%n",
          Version.VERSION,
          tools,
          (System.nanoTime() - started) / 1e9,
          System.getProperty("java.version"));
      // The warm-up runs in a terminal, not in the client: what it read is this shell's settings.
      stderr.println(
          "  Settings of this run (your MCP client passes its own env; run the warm-up with the same"
              + " variables to check them): project dir "
              + services.settings().projectDir()
              + ".");
      reportDotenv(services.settings(), stderr);
      return 0;
    } catch (IOException e) {
      stderr.println("airbyte-mcp: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  private static int checkManifests(Path dir, PrintStream stdout, PrintStream stderr) {
    try {
      ManifestLoader loader =
          new ManifestLoader(
              null, ComponentSchemas.fromEnvironment(SettingsLoader.offlineMode(System.getenv())));
      return ManifestCoverage.print(ManifestCoverage.check(dir, loader), stdout);
    } catch (UserError e) {
      stderr.println("airbyte-mcp: " + e.getMessage());
      return 2;
    }
  }
}
