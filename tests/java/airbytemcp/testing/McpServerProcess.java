package airbytemcp.testing;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A server started as a separate process and driven by the MCP Java SDK's client over stdio,
 * exactly as an MCP client does. Every byte the server writes to stdout and stderr is also kept in
 * files, so tests can check what left the server (the client only shows what it parsed).
 */
public final class McpServerProcess implements AutoCloseable {
  public final McpSyncClient client;
  private final Path stdoutCopy;
  private final Path stderrCopy;

  private McpServerProcess(McpSyncClient client, Path stdoutCopy, Path stderrCopy) {
    this.client = client;
    this.stdoutCopy = stdoutCopy;
    this.stderrCopy = stderrCopy;
  }

  /** The server run from this JVM's test classpath (fast). */
  public static McpServerProcess fromClasspath(Map<String, String> env, Path dir) {
    return fromClasspath(env, dir, McpSchema.ClientCapabilities.builder().build());
  }

  /** The same, with a client that declares these capabilities in initialize. */
  public static McpServerProcess fromClasspath(
      Map<String, String> env, Path dir, McpSchema.ClientCapabilities capabilities) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // generous: on a shared, loaded machine a JVM start has been seen to take over 30 s; the test's
    // own timeout bounds it
    return start(
        List.of(java, "-cp", System.getProperty("java.class.path"), "airbytemcp.server.Launcher"),
        env,
        dir,
        Duration.ofSeconds(90),
        capabilities);
  }

  /** The server run the way users run it: {@code jbang AirbyteMcp.java} in the project root. */
  public static McpServerProcess viaJbang(Map<String, String> env, Path dir) {
    String jbang = Jbang.command();
    return start(
        List.of(jbang, "--quiet", SharedData.projectRoot().resolve("AirbyteMcp.java").toString()),
        env,
        dir,
        Duration.ofMinutes(3),
        McpSchema.ClientCapabilities.builder().build());
  }

  /**
   * The server started by this exact command line, as an MCP client config names it (command +
   * args).
   */
  public static McpServerProcess ofCommand(
      List<String> command, Map<String, String> env, Path dir, Duration timeout) {
    return start(command, env, dir, timeout, McpSchema.ClientCapabilities.builder().build());
  }

  private static McpServerProcess start(
      List<String> command,
      Map<String, String> env,
      Path dir,
      Duration timeout,
      McpSchema.ClientCapabilities capabilities) {
    Path out = dir.resolve("server-stdout.jsonl");
    Path err = dir.resolve("server-stderr.log");
    List<String> args = new ArrayList<>();
    args.add("-c");
    args.add("\"$@\" 2>\"$MCP_TEST_STDERR\" | tee \"$MCP_TEST_STDOUT\"");
    args.add("sh");
    args.addAll(command);
    Map<String, String> environment = new HashMap<>(env);
    environment.put("MCP_TEST_STDOUT", out.toString());
    environment.put("MCP_TEST_STDERR", err.toString());
    ServerParameters params = ServerParameters.builder("sh").args(args).env(environment).build();
    StdioClientTransport transport = new StdioClientTransport(params, McpJsonDefaults.getMapper());
    McpSyncClient client =
        McpClient.sync(transport)
            .requestTimeout(timeout)
            .initializationTimeout(timeout)
            .capabilities(capabilities)
            .build();
    return new McpServerProcess(client, out, err);
  }

  public String stdout() throws IOException {
    return Files.exists(stdoutCopy) ? Files.readString(stdoutCopy) : "";
  }

  public String stderr() throws IOException {
    return Files.exists(stderrCopy) ? Files.readString(stderrCopy) : "";
  }

  @Override
  public void close() {
    client.closeGracefully();
  }
}
