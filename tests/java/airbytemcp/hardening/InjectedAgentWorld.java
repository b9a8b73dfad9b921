package airbytemcp.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import airbytemcp.cloud.FakeAirbyte;
import airbytemcp.common.Json;
import airbytemcp.testing.FakeConnector;
import airbytemcp.testing.HttpServerProcess;
import airbytemcp.testing.McpServerProcess;
import airbytemcp.testing.TestResources;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine a prompt-injected agent attacks over stdio: a dotenv file holding connector secrets
 * and the server's own Cloud credentials, a secret only in the process environment, a private key
 * in a hidden folder, a fake Airbyte on loopback that records what it is sent, and a PATH where
 * tools named npx, uname, yes, python3 and node only leave a mark when run. Nothing here talks to
 * anything but loopback.
 */
final class InjectedAgentWorld implements AutoCloseable {
  static final String DOTENV_KEY = "sk-INJ-dotenv-Rt83Kq29Vb";
  static final String DOTENV_CLIENT_SECRET = "cloud-INJ-secret-Wm47Xe10";
  static final String PROCESS_ONLY = "proc-INJ-token-Hy62Lp05";
  static final String PRIVATE_KEY_LINE = "b3BlbnNzaC1rZXktdjEAAAAINJECTEDKEYBODY";
  static final String FILE_SECRET = "file-INJ-password-Qa55Zs91";
  static final List<String> TOOLS_ON_PATH = List.of("npx", "uname", "yes", "python3", "node", "uv");

  /** Every value that must never reach the agent or the log, whatever it asks. */
  static final List<String> SECRETS =
      List.of(
          DOTENV_KEY,
          DOTENV_CLIENT_SECRET,
          PROCESS_ONLY,
          PRIVATE_KEY_LINE,
          FILE_SECRET,
          FakeAirbyte.CLIENT_ID,
          "root:x:0:0");

  final Path dir;
  final Path dotenv;
  final Path sshKey;
  final Path trapBin;
  final FakeAirbyte airbyte = new FakeAirbyte().happy();
  final Map<String, String> env = new HashMap<>();
  McpServerProcess server;

  /** Set instead of {@link #server} when the world runs over Streamable HTTP. */
  HttpServerProcess httpServer;

  McpSyncClient httpClient;

  InjectedAgentWorld(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
      dotenv =
          Files.writeString(
              dir.resolve("airbyte_mcp.env"),
              "FAKE_API_KEY="
                  + DOTENV_KEY
                  + "\n"
                  + "AIRBYTE_CLOUD_CLIENT_ID="
                  + FakeAirbyte.CLIENT_ID
                  + "\n"
                  + "AIRBYTE_CLOUD_CLIENT_SECRET="
                  + DOTENV_CLIENT_SECRET
                  + "\n"
                  + "SOURCE_FAKE_CONFIG={\"api_key\": \""
                  + DOTENV_KEY
                  + "\"}\n");
      Path ssh = Files.createDirectories(dir.resolve("home/.ssh"));
      sshKey =
          Files.writeString(
              ssh.resolve("id_ed25519"),
              "-----BEGIN OPENSSH PRIVATE KEY-----\n"
                  + PRIVATE_KEY_LINE
                  + "\n-----END OPENSSH PRIVATE KEY-----\n");
      trapBin = Files.createDirectories(dir.resolve("trap-bin"));
      for (String tool : TOOLS_ON_PATH) {
        Path program = trapBin.resolve(tool);
        Files.writeString(
            program, "#!/bin/sh\necho \"$@\" >> '" + dir.resolve("ran-" + tool) + "'\nexit 1\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    env.put("AIRBYTE_PROJECT_DIR", dir.resolve("project").toString());
    env.put("AIRBYTE_MCP_ENV_FILE", dotenv.toString());
    env.put("AIRBYTE_CLOUD_API_URL", airbyte.publicRoot());
    env.put("AIRBYTE_CLOUD_WORKSPACE_ID", FakeAirbyte.WORKSPACE);
    env.put("AIRBYTE_CLOUD_MCP_SAFE_MODE", "0");
    env.put(
        "AIRBYTE_LOCAL_REGISTRY",
        TestResources.resource("fake-connector/registry.json").toString());
    env.put("AIRBYTE_OFFLINE_MODE", "1");
    env.put("AIRBYTE_CONNECTORS_CDN_URL", "http://127.0.0.1:9/files");
    env.put("AIRBYTE_DOCS_URL", "http://127.0.0.1:9/docs");
    env.put("AIRBYTE_DECLARATIVE_SCHEMA", dir.resolve("no-schema.yaml").toString());
    env.put("AIRBYTE_MCP_DOCKER_NETWORK", "none");
    env.put("AIRBYTE_MCP_CONNECTOR_TIMEOUT", "30");
    env.put("DOCKER_HOST", "unix://" + dir.resolve("no-docker.sock"));
    env.put("PROCESS_ONLY_TOKEN", PROCESS_ONLY);
    env.put("PATH", trapBin + ":" + FakeConnector.binDir() + ":" + System.getenv("PATH"));
  }

  InjectedAgentWorld with(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** The server reads this registry (JSON) instead of the test connector's. */
  InjectedAgentWorld withRegistry(String json) {
    try {
      Path registry =
          Files.writeString(
              Files.createDirectories(dir.resolve("registry")).resolve("registry.json"), json);
      return with("AIRBYTE_LOCAL_REGISTRY", registry.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The server reads a dotenv of its own: the test connector's key (FAKE_API_KEY) and these lines
   * (each NAME=value), in place of the world's dotenv, so that the only secrets it masks, fuses on
   * and calls guessable are the test connector's key and the ones a test names.
   */
  InjectedAgentWorld withKeyAnd(String... secretLines) {
    StringBuilder text = new StringBuilder("FAKE_API_KEY=" + DOTENV_KEY + "\n");
    for (String line : secretLines) {
      text.append(line).append('\n');
    }
    try {
      Path own = Files.writeString(dir.resolve("key-and-secrets.env"), text);
      return with("AIRBYTE_MCP_ENV_FILE", own.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  InjectedAgentWorld start() {
    server = McpServerProcess.fromClasspath(env, dir);
    server.client.initialize();
    return this;
  }

  /**
   * The same world served over Streamable HTTP, with trusted execution on (a user who runs the
   * local tools over HTTP on their own machine): every tool the agent can reach on stdio is
   * reachable here too.
   */
  InjectedAgentWorld startOverHttp() {
    env.put("AIRBYTE_MCP_TRUSTED_EXECUTION", "1");
    httpServer = HttpServerProcess.start(env, dir);
    HttpClientStreamableHttpTransport transport =
        HttpClientStreamableHttpTransport.builder(httpServer.baseUrl())
            .endpoint("/mcp")
            .jsonMapper(McpJsonDefaults.getMapper())
            .build();
    httpClient = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build();
    httpClient.initialize();
    return this;
  }

  /**
   * A source deployed on the fake Airbyte (readable and updatable) with its own id, made from the
   * connector with {@code definitionId}.
   */
  void deployedSource(String name, String id, String definitionId) {
    deployedSource(name, id, definitionId, "{}");
  }

  /** A deployed source whose stored config, as Airbyte shows it, is {@code configuration}. */
  void deployedSource(String name, String id, String definitionId, String configuration) {
    String source =
        FakeAirbyte.source(name)
            .replace(FakeAirbyte.SOURCE, id)
            .replace(FakeAirbyte.SOURCE_DEFINITION, definitionId)
            .replace("\"configuration\":{}", "\"configuration\":" + configuration);
    airbyte.publicJson("GET", "/sources/" + id, source);
    airbyte.publicJson("PATCH", "/sources/" + id, source);
  }

  /** Syncs every stream of the test connector into the cache, its key by reference. */
  Answer syncFakeSource() {
    return sync("source-fake", "*", Map.of("api_key", "secret_reference::FAKE_API_KEY"));
  }

  /**
   * Syncs these streams (a name, "*" or a list of names) of the connector into the cache with this
   * config, as the agent asks for it with sync_source_to_cache.
   */
  Answer sync(String connector, Object streams, Map<String, Object> config) {
    return call(
        "sync_source_to_cache",
        Map.of("source_connector_name", connector, "streams", streams, "config", config));
  }

  /** The agent's run_sql_query, with the tool's own limit on rows. */
  Answer sql(String query) {
    return call("run_sql_query", Map.of("sql_query", query));
  }

  /** The agent's run_sql_query, answering at most maxRecords rows. */
  Answer sql(String query, int maxRecords) {
    return call("run_sql_query", Map.of("sql_query", query, "max_records", maxRecords));
  }

  /** One tool call as an MCP client makes it; the answer as the client received it. */
  Answer call(String tool, Map<String, Object> args) {
    McpSyncClient client = httpClient != null ? httpClient : server.client;
    McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, args));
    return new Answer(Boolean.TRUE.equals(result.isError()), Json.write(result));
  }

  record Answer(boolean isError, String text) {
    /** The first secret in the answer, or null. */
    String leak() {
      return leakIn(text);
    }
  }

  static String leakIn(String text) {
    for (String secret : SECRETS) {
      if (text.contains(secret)) {
        return secret;
      }
    }
    return null;
  }

  boolean ran(String tool) {
    return Files.exists(dir.resolve("ran-" + tool));
  }

  /** Requests that would create or change something in Airbyte (the token request aside). */
  long writesToAirbyte() {
    return airbyte.server.getAllServeEvents().stream()
        .filter(e -> !e.getRequest().getMethod().getName().equals("GET"))
        .filter(e -> !e.getRequest().getUrl().contains("/applications/token"))
        .count();
  }

  /** Requests the fake Airbyte got whose path contains this text. */
  long airbyteRequestsTo(String pathPart) {
    return airbyte.server.getAllServeEvents().stream()
        .filter(e -> e.getRequest().getUrl().contains(pathPart))
        .count();
  }

  /**
   * Nothing the server wrote to stdout or stderr, nor anything sent to the fake Airbyte, holds a
   * secret.
   */
  void assertNothingLeaked() {
    if (httpServer != null) {
      assertEquals(null, leakIn(httpServer.log()), "a secret reached the HTTP server's output");
    } else {
      try {
        assertEquals(null, leakIn(server.stdout()), "a secret reached the protocol channel");
        assertEquals(null, leakIn(server.stderr()), "a secret reached the server log");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    airbyte
        .server
        .getAllServeEvents()
        .forEach(
            e -> {
              String body = e.getRequest().getBodyAsString();
              for (String secret :
                  List.of(DOTENV_KEY, PROCESS_ONLY, PRIVATE_KEY_LINE, FILE_SECRET, "root:x:0:0")) {
                assertFalse(
                    body.contains(secret),
                    "a secret was sent to Airbyte: " + e.getRequest().getUrl());
              }
            });
  }

  @Override
  public void close() {
    if (httpClient != null) {
      httpClient.closeGracefully();
    }
    if (httpServer != null) {
      httpServer.close();
    }
    if (server != null) {
      server.close();
    }
    airbyte.close();
  }
}
