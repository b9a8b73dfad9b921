package airbytemcp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Version;
import airbytemcp.config.SettingsLoader;
import airbytemcp.testing.GitHostFake;
import airbytemcp.testing.Jbang;
import airbytemcp.testing.McpServerProcess;
import airbytemcp.testing.Prerequisites;
import airbytemcp.testing.SharedData;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's install path, end to end: the repository served the way a Git host serves raw files
 * and release downloads (the default branch's tree, a tag's tree with another version, and each
 * one's release jar), the source trusted with {@code jbang trust add} in a private JBang home, the
 * server started through the catalog alias exactly as an MCP client config starts it, and the Java
 * SDK client talking to it over stdio.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class CatalogAliasTest {
  /** The placeholder the README asks users to replace; here it becomes the fake Git host. */
  private static final String PLACEHOLDER = "https://github.com/ORG/REPO";

  private static final String TAG_VERSION = "0.0.9";

  @TempDir static Path dir;
  private static GitHostFake host;
  private static String jbang;
  private static Map<String, String> env;

  @BeforeAll
  static void serveTheRepositoryAndTrustIt() throws Exception {
    jbang = Jbang.command();
    Path root = SharedData.projectRoot();
    Prerequisites.require(
        Files.isDirectory(root.resolve(".git")) || Files.isRegularFile(root.resolve(".git")),
        "a git checkout of the project (this test serves `git archive HEAD`)");
    Prerequisites.require(
        Files.isDirectory(root.resolve("target/classes/airbytemcp")),
        "the compiled classes in target/classes (run the tests through Maven)");
    Path site = dir.resolve("site");
    host = new GitHostFake(site);
    String base = host.baseUrl() + "/ORG/REPO";

    Path head = site.resolve("raw/ORG/REPO/HEAD");
    gitArchiveHead(root, head);
    replaceIn(head.resolve("jbang-catalog.json"), PLACEHOLDER, base);
    jar(root.resolve("target/classes"), releaseJar(site, Version.VERSION));

    Path tag = site.resolve("raw/ORG/REPO/v" + TAG_VERSION);
    gitArchiveHead(root, tag);
    for (String file :
        List.of("jbang-catalog.json", "pom.xml", "lib/airbytemcp/common/Version.java")) {
      replaceIn(tag.resolve(file), Version.VERSION, TAG_VERSION);
    }
    replaceIn(tag.resolve("jbang-catalog.json"), PLACEHOLDER, base);
    jar(compileAgainstHead(tag, root.resolve("target/classes")), releaseJar(site, TAG_VERSION));

    env = new HashMap<>();
    env.put("JBANG_DIR", dir.resolve("jbang-home").toString());
    env.put(SettingsLoader.PROJECT_DIR, dir.resolve("project").toString());
    Path dotenv = dir.resolve("airbyte_mcp.env");
    Files.writeString(dotenv, "STRIPE_API_KEY=sk_live_CatalogAliasTestOnly\n");
    env.put(SettingsLoader.ENV_FILE, dotenv.toString());

    Result trusted = run(List.of(jbang, "trust", "add", base + "/"));
    assertEquals(0, trusted.code, "`jbang trust add` failed: " + trusted.stderr);
  }

  @AfterAll
  static void stopTheHost() {
    if (host != null) {
      host.close();
    }
  }

  @Test
  void theDefaultBranchAliasWarmsUpThenServesAClientOverStdio() throws Exception {
    String alias = "airbyte-mcp@" + host.baseUrl() + "/raw/ORG/REPO/HEAD/jbang-catalog.json";

    // JBang's own JVM options exactly as the README gives them, with its JBang folder replaced.
    Path jbangHome = dir.resolve("jbang-home");
    Result warmUp =
        run(
            List.of(jbang, alias, "--warm-up"),
            Map.of(JBANG_JAVA_OPTIONS, readmeJbangOptions(WARM_UP_OPTIONS, jbangHome)));
    assertEquals(0, warmUp.code, "the README's warm-up command failed: " + warmUp.stderr);
    assertTrue(
        warmUp.stdout.startsWith("airbyte-mcp " + Version.VERSION + " is ready: "),
        "the warm-up says the server is ready: " + warmUp.stdout);
    assertTrue(
        Files.isRegularFile(jbangHome.resolve("jbang.jsa")),
        "the README's warm-up line recorded no class-data archive of JBang's JVM");

    Map<String, String> clientEnv = new HashMap<>(env);
    clientEnv.put(JBANG_JAVA_OPTIONS, readmeJbangOptions(CLIENT_OPTIONS, jbangHome));
    try (McpServerProcess server =
        McpServerProcess.ofCommand(
            List.of(jbang, alias),
            clientEnv,
            Files.createDirectories(dir.resolve("head-session")),
            Duration.ofMinutes(3))) {
      McpSchema.InitializeResult init = initialize(server);
      assertEquals("airbyte-mcp", init.serverInfo().name());
      assertEquals(
          Version.VERSION, init.serverInfo().version(), "the default branch runs its own release");

      List<String> tools =
          server.client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
      assertTrue(
          tools.contains("list_connectors") && tools.contains("list_dotenv_secrets"),
          "the whole tool set is listed: " + tools);

      CallToolResult secrets =
          server.client.callTool(
              CallToolRequest.builder().name("list_dotenv_secrets").arguments(Map.of()).build());
      assertFalse(Boolean.TRUE.equals(secrets.isError()), "the tool call failed: " + secrets);
      assertEquals(
          Map.of(env.get(SettingsLoader.ENV_FILE), List.of("STRIPE_API_KEY")),
          secrets.structuredContent(),
          "the tool answered from the dotenv file the client config names");
      server.close();
      assertFalse(
          server.stdout().contains("sk_live_CatalogAliasTestOnly"), "a secret reached stdout");
    }
  }

  @Test
  void aCatalogAddedAtATagStartsThatTagsVersion() throws Exception {
    String tagCatalog = host.baseUrl() + "/raw/ORG/REPO/v" + TAG_VERSION + "/jbang-catalog.json";
    Result added =
        run(List.of(jbang, "catalog", "add", "--global", "--name", "airbyte-pinned", tagCatalog));
    assertEquals(0, added.code, "`jbang catalog add` failed: " + added.stderr);

    try (McpServerProcess server =
        McpServerProcess.ofCommand(
            List.of(jbang, "airbyte-mcp@airbyte-pinned"),
            env,
            Files.createDirectories(dir.resolve("tag-session")),
            Duration.ofMinutes(3))) {
      McpSchema.InitializeResult init = initialize(server);
      assertNotEquals(Version.VERSION, TAG_VERSION);
      assertEquals(
          TAG_VERSION, init.serverInfo().version(), "the pinned catalog started the tag's release");
      assertFalse(server.client.listTools().tools().isEmpty(), "the pinned server lists its tools");
    }
  }

  private static McpSchema.InitializeResult initialize(McpServerProcess server) throws IOException {
    try {
      return server.client.initialize();
    } catch (RuntimeException e) {
      throw new AssertionError(
          "the server did not start through the alias; its stderr:\n" + server.stderr(), e);
    }
  }

  private record Result(int code, String stdout, String stderr) {}

  private static final String JBANG_JAVA_OPTIONS = "JBANG_JAVA_OPTIONS";

  /** The README's warm-up line: JBang's JVM recording its class-data archive. */
  private static final Pattern WARM_UP_OPTIONS =
      Pattern.compile("JBANG_JAVA_OPTIONS=\"(-XX:ArchiveClassesAtExit=[^\"]+)\"");

  /** The README's client configs: JBang's JVM reading that archive. */
  private static final Pattern CLIENT_OPTIONS =
      Pattern.compile("\"JBANG_JAVA_OPTIONS\": \"([^\"]+)\"");

  private static String readmeJbangOptions(Pattern pattern, Path jbangHome) throws IOException {
    Matcher options =
        pattern.matcher(Files.readString(SharedData.projectRoot().resolve("README.md")));
    assertTrue(options.find(), "the README gives no JBANG_JAVA_OPTIONS matching " + pattern);
    return options
        .group(1)
        .replace("$HOME/.jbang", jbangHome.toString())
        .replace("/home/me/.jbang", jbangHome.toString());
  }

  private static Result run(List<String> command) throws IOException, InterruptedException {
    return run(command, Map.of());
  }

  /**
   * Runs a command in the test's JBang home, from a folder of its own (JBang edits a
   * jbang-catalog.json it finds in the working folder, like the project's), output to files (no
   * pipe can fill up), bounded in time.
   */
  private static Result run(List<String> command, Map<String, String> extraEnv)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment()
        .putAll(env == null ? Map.of("JBANG_DIR", dir.resolve("jbang-home").toString()) : env);
    pb.environment().remove(JBANG_JAVA_OPTIONS);
    pb.environment().putAll(extraEnv);
    Process process = pb.start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("timed out: " + command + "\n" + Files.readString(err));
    }
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static void gitArchiveHead(Path root, Path into)
      throws IOException, InterruptedException {
    Files.createDirectories(into);
    Path tar = dir.resolve("head-" + System.nanoTime() + ".tar");
    for (List<String> command :
        List.of(
            List.of(
                "git",
                "-C",
                root.toString(),
                "archive",
                "--format=tar",
                "-o",
                tar.toString(),
                "HEAD"),
            List.of("tar", "-xf", tar.toString(), "-C", into.toString()))) {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(
          process.waitFor(2, TimeUnit.MINUTES) && process.exitValue() == 0,
          command + ": " + output);
    }
  }

  private static void replaceIn(Path file, String from, String to) throws IOException {
    String text = Files.readString(file);
    assertTrue(text.contains(from), file + " no longer contains " + from);
    Files.writeString(file, text.replace(from, to));
  }

  /** Where a release's jar is downloaded from, as the catalog at that release names it. */
  private static Path releaseJar(Path site, String version) {
    return site.resolve(
        "ORG/REPO/releases/download/v" + version + "/airbyte-mcp-" + version + ".jar");
  }

  /**
   * The tag's classes: the default branch's, with every source that differs in the tag (the version
   * and the classes that inline it) compiled from the tag's tree, as an incremental build would.
   */
  private static Path compileAgainstHead(Path tagTree, Path headClasses) throws IOException {
    Path classes = dir.resolve("tag-classes");
    try (Stream<Path> files = Files.walk(headClasses)) {
      for (Path file : files.toList()) {
        Path target = classes.resolve(headClasses.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    List<String> args =
        new ArrayList<>(
            List.of(
                "-d",
                classes.toString(),
                "-proc:none",
                "-nowarn",
                "--release",
                "17",
                "-cp",
                classes + File.pathSeparator + System.getProperty("java.class.path")));
    try (Stream<Path> sources = Files.walk(tagTree.resolve("lib"))) {
      for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
        String text = Files.readString(source);
        if (source.endsWith("Version.java") || text.contains("Version.VERSION")) {
          args.add(source.toString());
        }
      }
    }
    int code =
        ToolProvider.findFirst("javac")
            .orElseThrow()
            .run(System.out, System.err, args.toArray(String[]::new));
    assertEquals(0, code, "the tag's sources did not compile");
    return classes;
  }

  private static void jar(Path classes, Path jar) throws IOException {
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
                "airbytemcp.server.Launcher",
                "-C",
                classes.toString(),
                ".");
    assertEquals(0, code, "could not package " + jar);
  }
}
