package airbytemcp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import airbytemcp.common.Json;
import airbytemcp.testing.Prerequisites;
import airbytemcp.testing.SharedData;
import airbytemcp.testing.TestResources;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official MCP conformance suite (npm {@code @modelcontextprotocol/conformance}, pinned in
 * tests/conformance) against {@code airbyte-mcp --http} started as users start it. Every scenario
 * that needs no test-only fixture tools must pass, and every check it records must be a success.
 */
// Longer than the default timeout: several conformance scenarios, each a Node run of up to 3
// minutes.
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class HttpConformanceTest {
  /**
   * The suite's server scenarios a product server can pass without the suite's fixture tools and
   * resources.
   */
  static final List<String> SCENARIOS =
      List.of(
          "server-initialize",
          "ping",
          "tools-list",
          "logging-set-level",
          "dns-rebinding-protection",
          "server-sse-multiple-streams");

  @TempDir Path dir;
  private Process server;
  private int port;

  @BeforeEach
  void startServer() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            "airbytemcp.server.Launcher",
            "--http",
            "--port",
            String.valueOf(port));
    pb.environment().put("AIRBYTE_PROJECT_DIR", dir.resolve("project").toString());
    pb.environment()
        .put(
            "AIRBYTE_LOCAL_REGISTRY",
            TestResources.resource("fake-connector/registry.json").toString());
    pb.environment().remove("AIRBYTE_MCP_TRUSTED_EXECUTION");
    pb.redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
    server = pb.start();
    awaitHealthy();
  }

  @AfterEach
  void stopServer() throws Exception {
    if (server != null) {
      server.destroy();
      server.waitFor(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void passesEveryFixtureFreeScenarioOfTheOfficialSuite() throws Exception {
    Path suite = SharedData.projectRoot().resolve("tests/conformance");
    Path runner = suite.resolve("node_modules/@modelcontextprotocol/conformance/dist/index.js");
    Path node = suite.resolve("node_modules/.bin/node");
    Prerequisites.require(
        Files.isRegularFile(runner) && Files.isExecutable(node),
        "tests/conformance/node_modules (make test runs npm ci there)");
    int checks = 0;
    for (String scenario : SCENARIOS) {
      Path out = dir.resolve("results-" + scenario);
      ProcessBuilder pb =
          new ProcessBuilder(
              node.toString(),
              runner.toString(),
              "server",
              "--url",
              "http://localhost:" + port + "/mcp",
              "--scenario",
              scenario,
              "-o",
              out.toString());
      pb.redirectErrorStream(true).redirectOutput(dir.resolve(scenario + ".log").toFile());
      Process run = pb.start();
      run.getOutputStream().close();
      if (!run.waitFor(3, TimeUnit.MINUTES)) {
        run.destroyForcibly();
        fail("conformance scenario " + scenario + " did not finish: " + log(scenario));
      }
      assertEquals(
          0, run.exitValue(), "conformance scenario " + scenario + " failed:\n" + log(scenario));
      checks += assertAllChecksSucceeded(scenario, out);
    }
    System.out.println(
        "MCP conformance: " + SCENARIOS.size() + " scenarios, " + checks + " checks, all passed.");
  }

  /**
   * Reads the scenario's checks.json: at least one check, each SUCCESS (no failure, warning or
   * skip).
   */
  private int assertAllChecksSucceeded(String scenario, Path out) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(out)) {
      files = walk.filter(p -> p.getFileName().toString().equals("checks.json")).toList();
    }
    assertEquals(1, files.size(), "one checks.json for " + scenario + " under " + out);
    JsonNode checks = Json.MAPPER.readTree(files.get(0).toFile());
    assertTrue(checks.isArray() && checks.size() > 0, scenario + " recorded no checks: " + checks);
    List<String> notPassed = new ArrayList<>();
    checks.forEach(
        c -> {
          if (!"SUCCESS".equals(c.path("status").asText())) {
            notPassed.add(
                c.path("id").asText()
                    + "="
                    + c.path("status").asText()
                    + " "
                    + c.path("errorMessage").asText(""));
          }
        });
    assertTrue(notPassed.isEmpty(), scenario + ": " + notPassed);
    return checks.size();
  }

  private String log(String scenario) throws IOException {
    return Files.readString(dir.resolve(scenario + ".log"), StandardCharsets.UTF_8);
  }

  private void awaitHealthy() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest health =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health"))
            .timeout(Duration.ofSeconds(2))
            .build();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      assertTrue(
          server.isAlive(), "the server exited: " + Files.readString(dir.resolve("server.log")));
      try {
        HttpResponse<String> response = client.send(health, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().contains("\"ok\"")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    fail("the HTTP server did not become healthy: " + Files.readString(dir.resolve("server.log")));
  }
}
