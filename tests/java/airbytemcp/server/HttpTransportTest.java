package airbytemcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.UserError;
import airbytemcp.config.Settings;
import airbytemcp.config.SettingsLoader;
import airbytemcp.config.Transport;
import airbytemcp.secrets.MaskerSeeds;
import airbytemcp.testing.HttpMcp;
import airbytemcp.testing.TestResources;
import airbytemcp.testing.TestSettings;
import airbytemcp.tools.Services;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server on Streamable HTTP: endpoint, health, DNS-rebinding protection, limits, and what HTTP
 * turns off.
 */
class HttpTransportTest {
  private static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
          + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

  @TempDir Path dir;
  private final OkHttpClient http = new OkHttpClient();
  private HttpMcp server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private HttpMcp start(Map<String, String> env) {
    TestSettings settings =
        TestSettings.in(dir)
            .transport(Transport.HTTP)
            .env(
                SettingsLoader.LOCAL_REGISTRY,
                TestResources.resource("fake-connector/registry.json").toString());
    env.forEach(settings::env);
    Settings loaded = settings.load();
    server = HttpMcp.start(Services.create(loaded, MaskerSeeds.fromSettings(loaded)));
    return server;
  }

  private Response post(String path, Map<String, String> headers, String body) throws Exception {
    Request.Builder request =
        new Request.Builder()
            .url(server.baseUrl + path)
            .header("Accept", "application/json, text/event-stream")
            .post(RequestBody.create(body, MediaType.get("application/json")));
    headers.forEach(request::header);
    return http.newCall(request.build()).execute();
  }

  @Test
  void answersHealthChecks() throws Exception {
    start(Map.of());
    try (Response response =
        http.newCall(new Request.Builder().url(server.baseUrl + "/health").build()).execute()) {
      assertEquals(200, response.code());
      assertEquals("{\"status\":\"ok\"}", response.body().string());
    }
  }

  @Test
  void servesMcpAtSlashMcpWithLocalToolsOffByDefault() {
    start(Map.of());
    try (McpSyncClient client = server.client(Map.of())) {
      Set<String> tools =
          client.listTools().tools().stream().map(McpSchema.Tool::name).collect(Collectors.toSet());
      assertTrue(tools.contains("list_connectors"), tools.toString());
      assertTrue(tools.contains("list_cloud_connections"), tools.toString());
      assertFalse(
          tools.contains("list_source_streams"), "local tools must be hidden over HTTP: " + tools);
      assertFalse(tools.contains("list_dotenv_secrets"), tools.toString());
    }
  }

  @Test
  void offersLocalToolsOverHttpOnlyWhenTrustedExecutionIsSetExplicitly() {
    start(Map.of(SettingsLoader.TRUSTED_EXECUTION, "1"));
    try (McpSyncClient client = server.client(Map.of())) {
      Set<String> tools =
          client.listTools().tools().stream().map(McpSchema.Tool::name).collect(Collectors.toSet());
      assertTrue(tools.contains("list_source_streams"), tools.toString());
    }
  }

  /** Also names a DNS-rebinding page can use that only look like loopback (red team m3). */
  @ParameterizedTest
  @ValueSource(
      strings = {"attacker.example", "localhost.attacker.example", "127.0.0.1.nip.io", "127.1"})
  void refusesRequestsNamingAForeignHost(String host) throws Exception {
    start(Map.of());
    try (Response response =
        post("/mcp", Map.of("Host", host + ":" + server.transport.port()), INITIALIZE)) {
      assertTrue(response.code() == 403 || response.code() == 421, "status " + response.code());
    }
    try (Response response = post("/mcp", Map.of(), INITIALIZE)) {
      assertEquals(200, response.code(), "the server still serves honest requests");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://attacker.example", "null", "http://localhost:1@attacker.example"})
  void refusesRequestsFromAForeignOrigin(String origin) throws Exception {
    start(Map.of());
    try (Response response = post("/mcp", Map.of("Origin", origin), INITIALIZE)) {
      assertEquals(403, response.code());
    }
    try (Response response = post("/mcp", Map.of("Origin", "http://localhost:3000"), INITIALIZE)) {
      assertEquals(200, response.code());
    }
  }

  @Test
  void refusesOversizedRequestsBeforeReadingThem() throws Exception {
    start(Map.of());
    String huge =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":\""
            + "a".repeat(HttpTransport.MAX_REQUEST_BYTES)
            + "\"}}";
    try (Response response = post("/mcp", Map.of(), huge)) {
      assertEquals(413, response.code());
    }
    try (Response response = post("/mcp", Map.of(), INITIALIZE)) {
      assertEquals(200, response.code());
    }
  }

  @Test
  void listensOnLoopbackPort8080ByDefault() {
    HttpOptions options = HttpOptions.parse(List.of("--http"), Map.of());
    assertEquals("127.0.0.1", options.host());
    assertEquals(8080, options.port());
    assertEquals("http://127.0.0.1:8080/mcp", options.endpoint());
  }

  @Test
  void acceptsExtraHostsAndOriginsOnlyFromTheServersEnvironment() {
    HttpOptions options =
        HttpOptions.parse(
            List.of("--http", "--host", "0.0.0.0", "--port", "9000"),
            Map.of(
                HttpOptions.ALLOWED_HOSTS,
                "mcp.internal.example:*",
                HttpOptions.ALLOWED_ORIGINS,
                "https://app.example"));
    assertEquals(9000, options.port());
    assertTrue(
        options.allowedHosts().contains("mcp.internal.example:*"),
        "expected " + "mcp.internal.example:*" + " in: " + options.allowedHosts());
    assertTrue(
        options.allowedOrigins().contains("https://app.example"),
        "expected " + "https://app.example" + " in: " + options.allowedOrigins());
    assertFalse(
        options.allowedHosts().contains("0.0.0.0:*"), "a wildcard bind address is not a host name");
  }

  @Test
  void refusesAPortThatIsNotANumber() {
    UserError error =
        assertThrows(
            UserError.class,
            () -> HttpOptions.parse(List.of("--http", "--port", "eighty"), Map.of()));
    assertTrue(
        error.getMessage().contains("eighty"),
        "expected " + "eighty" + " in: " + error.getMessage());
  }

  @Test
  void leavesNoFolderBehindWhenItStops() throws Exception {
    start(Map.of());
    Path base = server.transport.baseDir();
    assertTrue(Files.isDirectory(base), "the running server's base folder should exist: " + base);
    server.close();
    server = null;
    assertFalse(
        Files.exists(base), "Tomcat's base folder should be deleted with the server: " + base);
  }

  @Test
  void leavesNoFolderBehindWhenItCannotListen() throws Exception {
    Settings loaded = TestSettings.in(dir).transport(Transport.HTTP).load();
    Services services = Services.create(loaded, MaskerSeeds.fromSettings(loaded));
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Set<Path> before = baseFolders();
      HttpOptions options =
          HttpOptions.parse(List.of("--port", String.valueOf(taken.getLocalPort())), Map.of());
      assertThrows(IOException.class, () -> HttpTransport.start(services, options));
      Set<Path> left = baseFolders();
      left.removeAll(before);
      assertEquals(Set.of(), left, "a server that could not start should leave no base folder");
    }
  }

  private static Set<Path> baseFolders() throws IOException {
    try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return entries
          .filter(p -> p.getFileName().toString().startsWith(HttpTransport.BASE_DIR_PREFIX))
          .collect(Collectors.toCollection(HashSet::new));
    }
  }
}
