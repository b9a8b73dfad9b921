package airbytemcp.hardening;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.testing.FakeConnector;
import airbytemcp.testing.McpServerProcess;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A prompt-injected agent on stdio tries to make the server send a secret somewhere or keep it
 * where SQL can compute it back: an echo API that reflects the key into records (in the forms
 * connectors print) synced into the cache and queried with reverse/upper/substr/to_base64, a new
 * server process reading that cache, a manifest aimed at a cloud-metadata host, and a smoke-test
 * read-back aimed at a host of the agent's choosing. Every answer and the cache file are searched
 * for the secret in each printed form, computed here independently of the masker. Only loopback is
 * ever contacted.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class EgressAndCacheSecretsTest {
  static final String KEY = "EchoKey-7fQ2xLm9Vb3Tz";
  static final String DB_PASSWORD = "pg-Pa55-w0rd-Xy81";

  @TempDir static Path dir;
  static WireMockServer api;
  static McpServerProcess server;
  static Path project;
  static Path manifest;
  static final List<String> answers = new ArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    api = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    api.start();
    String basic =
        Base64.getEncoder().encodeToString(("me:" + KEY).getBytes(StandardCharsets.UTF_8));
    String echo =
        Json.write(
            Map.of(
                "items",
                List.of(
                    Map.of("id", 1, "echo", "key=" + KEY),
                    Map.of("id", 2, "echo", KEY.toUpperCase(Locale.ROOT)),
                    Map.of("id", 3, "echo", "Authorization: Basic " + basic),
                    Map.of(
                        "id",
                        4,
                        "echo",
                        HexFormat.of().formatHex(KEY.getBytes(StandardCharsets.UTF_8))),
                    Map.of("id", 5, "echo", new StringBuilder(KEY).reverse().toString()),
                    Map.of(
                        "id",
                        6,
                        "echo",
                        "line one "
                            + KEY.substring(0, 9)
                            + "\n"
                            + KEY.substring(9)
                            + " line two"))));
    // the API only answers (reflecting the key) when the connector sent the key: it came from the
    // dotenv file
    api.stubFor(
        get(urlPathEqualTo("/echo"))
            .withHeader("X-Api-Key", equalTo(KEY))
            .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(echo)));

    project = dir.resolve("project");
    manifest = writeManifest("echo.yaml", "http://localhost:" + api.port());
    server = start(serverEnvironment(true), dir.resolve("main"));
  }

  static Map<String, String> serverEnvironment(boolean withSecrets) throws IOException {
    Files.createDirectories(dir.resolve("bin"));
    Path destination = dir.resolve("bin").resolve("destination-postgres");
    Files.writeString(
        destination,
        "#!/bin/sh\nexec '" + FakeConnector.binDir().resolve(FakeConnector.NAME) + "' \"$@\"\n");
    Files.setPosixFilePermissions(destination, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> env = new HashMap<>();
    if (withSecrets) {
      Path dotenv = dir.resolve("secrets.env");
      Files.writeString(dotenv, "ECHO_API_KEY=" + KEY + "\nPG_PASSWORD=" + DB_PASSWORD + "\n");
      env.put("AIRBYTE_MCP_ENV_FILE", dotenv.toString());
    }
    env.put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
    env.put("AIRBYTE_PROJECT_DIR", project.toString());
    env.put(
        "AIRBYTE_DECLARATIVE_SCHEMA",
        dir.resolve("no-schema.yaml").toString()); // offline: unvalidated
    env.put("AIRBYTE_MCP_CONNECTOR_TIMEOUT", "20");
    env.put("AIRBYTE_MCP_DOCKER_NETWORK", "none");
    env.put(
        "AIRBYTE_MCP_TRUST_AGENT_CONNECTORS",
        "1"); // this user lets the agent's manifests use secrets
    env.put(
        "AIRBYTE_MCP_EGRESS_HOSTS",
        "localhost"); // the fake API by name; 127.0.0.1 itself is not listed
    return env;
  }

  static McpServerProcess start(Map<String, String> env, Path where) throws IOException {
    Files.createDirectories(where);
    McpServerProcess process = McpServerProcess.fromClasspath(env, where);
    process.client.initialize();
    return process;
  }

  static Path writeManifest(String name, String urlBase) throws IOException {
    return writeManifest(dir, name, urlBase);
  }

  /**
   * A one-stream manifest reading GET {urlBase}/echo with an API key header, written into {@code
   * folder}.
   */
  static Path writeManifest(Path folder, String name, String urlBase) throws IOException {
    Path file = folder.resolve(name);
    Files.writeString(
        file,
        """
        version: 6.0.0
        type: DeclarativeSource
        check:
          type: CheckStream
          stream_names: [echoes]
        spec:
          type: Spec
          connection_specification:
            type: object
            required: [api_key]
            properties:
              api_key: {type: string, airbyte_secret: true}
        streams:
          - type: DeclarativeStream
            name: echoes
            primary_key: [id]
            schema_loader:
              type: InlineSchemaLoader
              schema:
                type: object
                properties:
                  id: {type: integer}
                  echo: {type: string}
            retriever:
              type: SimpleRetriever
              requester:
                type: HttpRequester
                url_base: "%s"
                path: /echo
                http_method: GET
                authenticator:
                  type: ApiKeyAuthenticator
                  api_token: "{{ config['api_key'] }}"
                  inject_into: {type: RequestOption, inject_into: header, field_name: X-Api-Key}
              record_selector:
                type: RecordSelector
                extractor: {type: DpathExtractor, field_path: [items]}
        """
            .formatted(urlBase));
    return file;
  }

  @AfterAll
  static void stop() throws IOException {
    if (server != null) {
      String log = server.stderr() + server.stdout();
      server.close();
      assertNoForm(log, "the first server's protocol output and log");
    }
    if (api != null) {
      api.stop();
    }
  }

  /**
   * Every printed form of the secrets the attack could produce, computed without the product's
   * masker.
   */
  static List<String> forms() {
    List<String> forms = new ArrayList<>();
    for (String secret : List.of(KEY, DB_PASSWORD)) {
      byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
      forms.add(secret);
      forms.add(secret.substring(1)); // substr(echo, 2)
      forms.add(secret.substring(0, secret.length() - 1));
      forms.add(secret.toUpperCase(Locale.ROOT));
      forms.add(secret.toLowerCase(Locale.ROOT));
      forms.add(new StringBuilder(secret).reverse().toString());
      forms.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
      forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
      forms.add(
          Base64.getEncoder().encodeToString(("me:" + secret).getBytes(StandardCharsets.UTF_8)));
      forms.add(HexFormat.of().formatHex(bytes));
      forms.add(secret.substring(0, 9));
      forms.add(secret.substring(9));
    }
    return forms;
  }

  static void assertNoForm(String text, String where) {
    for (String form : forms()) {
      assertFalse(
          text.contains(form),
          where + " holds a form of a secret (" + form.length() + " chars): " + text);
    }
  }

  static String call(McpServerProcess process, String tool, Map<String, Object> args) {
    CallToolResult result = process.client.callTool(new McpSchema.CallToolRequest(tool, args));
    String text =
        result.content().stream()
                .map(c -> c instanceof McpSchema.TextContent t ? t.text() : c.toString())
                .collect(Collectors.joining("\n"))
            + (result.structuredContent() == null ? "" : Json.write(result.structuredContent()));
    String answer = (Boolean.TRUE.equals(result.isError()) ? "ERROR " : "") + text;
    answers.add(answer);
    assertNoForm(answer, tool + "'s answer");
    return answer;
  }

  private static Map<String, Object> echoSource(Path manifestFile) {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("source_connector_name", "source-echo");
    args.put("manifest_path", manifestFile.toString());
    args.put("config", Map.of("api_key", "secret_reference::ECHO_API_KEY"));
    return args;
  }

  private static final String COMPUTE_SQL =
      "SELECT id, echo, reverse(echo) AS r, upper(echo) AS u, lower(echo) AS l, "
          + "substr(echo, 2) AS s, to_base64(echo::BLOB) AS b, hex(echo) AS h FROM echoes ORDER BY id";

  @Test
  void aReflectedSecretIsMaskedInTheCacheSoSqlAndANewProcessFindNothing() throws Exception {
    Map<String, String> env = serverEnvironment(true);
    Path cacheProject = dir.resolve("cache-project");
    env.put("AIRBYTE_PROJECT_DIR", cacheProject.toString());
    try (McpServerProcess first = start(env, dir.resolve("cache-first"))) {
      syncAndCompute(first, cacheProject);
      assertNoForm(first.stderr() + first.stdout(), "the server's protocol output and log");
    }
    Map<String, String> laterEnv = serverEnvironment(false);
    laterEnv.put("AIRBYTE_PROJECT_DIR", cacheProject.toString());
    try (McpServerProcess later = start(laterEnv, dir.resolve("cache-later"))) {
      String again = call(later, "run_sql_query", Map.of("sql_query", COMPUTE_SQL));
      assertFalse(again.startsWith("ERROR"), again);
      assertTrue(
          again.contains("****") && again.contains("line two"),
          "a process that never knew the secret reads the masked rows: " + again);
    }
  }

  private static void syncAndCompute(McpServerProcess server, Path cacheProject)
      throws IOException {
    String read =
        call(
            server,
            "read_source_stream_records",
            new LinkedHashMap<>(
                Map.of(
                    "source_connector_name",
                    "source-echo",
                    "manifest_path",
                    manifest.toString(),
                    "config",
                    Map.of("api_key", "secret_reference::ECHO_API_KEY"),
                    "stream_name",
                    "echoes")));
    assertFalse(read.startsWith("ERROR"), "the echo API answered the key it was sent: " + read);

    Map<String, Object> sync = echoSource(manifest);
    sync.put("streams", List.of("echoes"));
    String synced = call(server, "sync_source_to_cache", sync);
    assertFalse(synced.startsWith("ERROR"), synced);

    String computed = call(server, "run_sql_query", Map.of("sql_query", COMPUTE_SQL));
    assertFalse(computed.startsWith("ERROR"), computed);
    assertTrue(computed.contains("****"), "the echoes are in the cache, masked: " + computed);

    StringBuilder fileBytes = new StringBuilder(); // the database and its write-ahead log, as bytes
    try (var files = Files.walk(cacheProject.resolve(".cache"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        fileBytes.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
      }
    }
    assertNoForm(fileBytes.toString(), "the DuckDB cache files");
  }

  @Test
  void aManifestAimedAtACloudMetadataHostIsRefused() throws IOException {
    Path metadata =
        writeManifest("metadata.yaml", "http://metadata.google.internal/computeMetadata/v1");
    String answer =
        call(
            server,
            "read_source_stream_records",
            new LinkedHashMap<>(
                Map.of(
                    "source_connector_name",
                    "source-echo",
                    "manifest_path",
                    metadata.toString(),
                    "config",
                    Map.of("api_key", "secret_reference::ECHO_API_KEY"),
                    "stream_name",
                    "echoes")));
    assertTrue(answer.startsWith("ERROR"), answer);
    assertTrue(answer.contains("metadata"), "the refusal says why: " + answer);
  }

  @Test
  void aReadBackToAHostTheUserDidNotListIsRefusedBeforeConnecting() throws Exception {
    try (ServerSocket fakePostgres = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
      AtomicInteger connections = new AtomicInteger();
      Thread watcher =
          new Thread(
              () -> {
                try {
                  fakePostgres.setSoTimeout(200);
                  while (!fakePostgres.isClosed()) {
                    try {
                      fakePostgres.accept().close();
                      connections.incrementAndGet();
                    } catch (SocketTimeoutException e) {
                      // keep watching
                    }
                  }
                } catch (IOException e) {
                  // closed
                }
              });
      watcher.setDaemon(true);
      watcher.start();
      List<Map<String, Object>> hosts =
          List.of(
              Map.of(
                  "host",
                  "127.0.0.1",
                  "port",
                  fakePostgres.getLocalPort()), // loopback the user did not list
              Map.of("host", "metadata.google.internal", "port", 5432),
              Map.of(
                  "host",
                  "localhost:" + fakePostgres.getLocalPort() + "/x?socketFactory=evil",
                  "port",
                  5432),
              Map.of(
                  "host",
                  "127.0.0.1",
                  "port",
                  fakePostgres.getLocalPort(),
                  "database",
                  "db?sslfactory=x"));
      for (Map<String, Object> target : hosts) {
        Map<String, Object> config = new LinkedHashMap<>(target);
        config.put("api_key", "secret_reference::ECHO_API_KEY");
        config.put("username", "postgres");
        config.put("password", "secret_reference::PG_PASSWORD");
        String answer =
            call(
                server,
                "destination_smoke_test",
                Map.of(
                    "destination_connector_name",
                    "destination-postgres",
                    "config",
                    config,
                    "scenarios",
                    "basic_types",
                    "skip_preflight",
                    true));
        // a metadata service is refused sooner still: the destination is not even started
        assertTrue(
            answer.contains("Reading the tables back from Postgres failed")
                || answer.contains("names metadata.google.internal, a cloud metadata service"),
            target + ": " + answer);
        assertFalse(answer.contains("authentication"), "refused before any login: " + answer);
      }
      Thread.sleep(300);
      assertEquals(0, connections.get(), "nothing may connect to the agent-chosen host");
    }
  }
}
