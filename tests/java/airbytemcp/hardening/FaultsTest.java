package airbytemcp.hardening;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.cloud.AirbyteApi;
import airbytemcp.cloud.AirbyteCloud;
import airbytemcp.cloud.ApiConformance;
import airbytemcp.cloud.FakeAirbyte;
import airbytemcp.cloud.RetryPolicy;
import airbytemcp.cloud.SafeModeLedger;
import airbytemcp.common.Json;
import airbytemcp.common.UserError;
import airbytemcp.config.Settings;
import airbytemcp.config.SettingsLoader;
import airbytemcp.connectors.DockerEngine;
import airbytemcp.secrets.MaskerSeeds;
import airbytemcp.testing.ChildProcess;
import airbytemcp.testing.FakeConnector;
import airbytemcp.testing.FakeToolCall;
import airbytemcp.testing.Prerequisites;
import airbytemcp.testing.RunFolders;
import airbytemcp.testing.TestResolvers;
import airbytemcp.testing.TestResources;
import airbytemcp.testing.TestSettings;
import airbytemcp.testing.ToolHarness;
import airbytemcp.testing.UnixSocketProxy;
import airbytemcp.tools.CloudTools;
import airbytemcp.tools.Services;
import airbytemcp.tools.ToolCatalog;
import airbytemcp.tools.ToolDefinition;
import airbytemcp.tools.ToolResult;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults of the world around the server: the registry unreachable, Airbyte timing out, the project
 * dir turning read-only, the Docker engine going away mid-run. Each is a clear error (or a
 * fallback), nothing is left corrupted, and the next call after the fault clears works.
 */
class FaultsTest {
  @TempDir Path dir;

  private static ToolResult call(Services services, String tool, Map<String, Object> args)
      throws Exception {
    ToolDefinition definition =
        ToolCatalog.all(services).stream()
            .filter(t -> t.name().equals(tool))
            .findFirst()
            .orElseThrow();
    return definition.handler().call(new FakeToolCall(args));
  }

  private static String text(ToolResult result) {
    return result.structured() != null ? Json.write(result.structured()) : result.text();
  }

  @Test
  void anUnreachableRegistryFallsBackToTheLastGoodCopyAndRecovers() throws Exception {
    String registry = Files.readString(TestResources.resource("fake-connector/registry.json"));
    WireMockServer cdn = new WireMockServer(options().dynamicPort());
    cdn.start();
    int port = cdn.port();
    cdn.stubFor(get(urlPathEqualTo("/registry.json")).willReturn(okJson(registry)));
    Settings settings =
        TestSettings.in(dir)
            .env(SettingsLoader.REGISTRY_URL, cdn.baseUrl() + "/registry.json")
            .env(SettingsLoader.REGISTRY_CACHE_TTL, "0")
            .load();
    Services services = Services.create(settings, MaskerSeeds.fromSettings(settings));
    Map<String, Object> args = Map.of("keyword_filter", "fake");
    assertTrue(
        text(call(services, "list_connectors", args)).contains("source-fake"),
        "expected source-fake in text(call(services, \"list_connectors\", args))");

    cdn.stop();
    assertTrue(
        text(call(services, "list_connectors", args)).contains("source-fake"),
        "the cached copy serves");
    Settings fresh =
        TestSettings.in(dir.resolve("fresh"))
            .env(SettingsLoader.REGISTRY_URL, "http://localhost:" + port + "/registry.json")
            .env(SettingsLoader.REGISTRY_CACHE_TTL, "0")
            .load();
    UserError noCopy =
        assertThrows(
            UserError.class,
            () ->
                call(
                    Services.create(fresh, MaskerSeeds.fromSettings(fresh)),
                    "list_connectors",
                    args));
    assertTrue(
        noCopy.getMessage().toLowerCase(Locale.ROOT).contains("registry"), noCopy.getMessage());

    WireMockServer back = new WireMockServer(options().port(port));
    back.start();
    try {
      back.stubFor(get(urlPathEqualTo("/registry.json")).willReturn(okJson(registry)));
      assertTrue(
          text(call(services, "list_connectors", args)).contains("source-fake"),
          "expected source-fake in text(call(services, \"list_connectors\", args))");
      assertTrue(
          back.getAllServeEvents().size() > 0, "the registry is asked again once it is back");
    } finally {
      back.stop();
    }
  }

  @Test
  void airbyteTimingOutIsAClearErrorAndTheNextCallWorks() throws Exception {
    try (FakeAirbyte fake = new FakeAirbyte().happy()) {
      Settings settings = FakeAirbyte.settings(fake.env(dir.resolve("project")), dir);
      var masker = MaskerSeeds.fromSettings(settings);
      OkHttpClient impatient =
          new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(1)).build();
      List<Duration> waits = new ArrayList<>();
      AirbyteApi api =
          new AirbyteApi(
              settings.cloud(),
              masker,
              impatient,
              new RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(1)),
              Clock.systemUTC(),
              waits::add);
      AirbyteCloud cloud =
          new AirbyteCloud(settings.cloud(), api, new SafeModeLedger(true), Duration.ofMillis(10));
      ToolDefinition list =
          new CloudTools(Services.create(settings, masker), cloud)
              .definitions().stream()
                  .filter(t -> t.name().equals("list_deployed_cloud_source_connectors"))
                  .findFirst()
                  .orElseThrow();
      assertFalse(
          list.handler().call(new FakeToolCall(Map.of())).isError(), "works before the fault");
      StubMapping slow =
          fake.server.stubFor(
              get(urlPathEqualTo(ApiConformance.PUBLIC_ROOT + "/sources"))
                  .atPriority(1)
                  .willReturn(aResponse().withStatus(200).withFixedDelay(4000).withBody("{}")));

      UserError timeout =
          assertThrows(UserError.class, () -> list.handler().call(new FakeToolCall(Map.of())));
      assertTrue(
          timeout.getMessage().contains("Could not reach Airbyte") && timeout.hint() != null,
          timeout.getMessage());
      assertFalse(
          timeout.getMessage().contains(FakeAirbyte.TOKEN),
          "did not expect " + FakeAirbyte.TOKEN + " in: " + timeout.getMessage());

      fake.server.removeStub(slow);
      ToolResult recovered = list.handler().call(new FakeToolCall(Map.of()));
      assertFalse(recovered.isError(), recovered.text());
      assertTrue(text(recovered).contains("my-source"), "expected my-source in text(recovered)");
    }
  }

  @Test
  void aProjectDirTurningReadOnlyIsAClearErrorAndWorkResumesWhenItIsWritableAgain()
      throws Exception {
    Path project = dir.resolve("work");
    ToolHarness harness =
        new ToolHarness(
            dir.resolve("work"),
            Map.of("FAKE_API_KEY", "ro-test-key-Vb72"),
            TestResolvers.pathWithFake(),
            TestResolvers.NO_DOCKER);
    Map<String, Object> args =
        Map.of(
            "source_connector_name",
            FakeConnector.NAME,
            "config",
            Map.of("api_key", "secret_reference::FAKE_API_KEY"));
    assertTrue(
        text(harness.call("list_source_streams", args)).contains("users"),
        "expected users in text(harness.call(\"list_source_streams\", args))");
    Prerequisites.require(
        mount("--bind", project.toString(), project.toString()), "permission to mount (root)");
    try {
      assertTrue(mount("-o", "remount,bind,ro", project.toString()), "remount read-only");
      UserError readOnly =
          assertThrows(UserError.class, () -> harness.call("list_source_streams", args));
      assertTrue(
          readOnly.getMessage().contains(project.toString())
              || readOnly.getMessage().toLowerCase(Locale.ROOT).contains("read-only"),
          readOnly.getMessage());
      assertTrue(readOnly.hint() != null && !readOnly.hint().isBlank());
      assertTrue(
          text(harness.call("list_connectors", Map.of("keyword_filter", "fake")))
              .contains("source-fake"),
          "tools that write nothing keep working");
    } finally {
      umount(project);
    }
    assertTrue(
        text(harness.call("list_source_streams", args)).contains("users"),
        "works again once writable");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aSyncWhileTheProjectDirIsReadOnlyLeavesTheCacheIntactAndTheNextSyncResumes()
      throws Exception {
    Path project = dir.resolve("cache-work");
    ToolHarness harness =
        new ToolHarness(
            project,
            Map.of("FAKE_API_KEY", "ro-cache-key-Qm41"),
            TestResolvers.pathWithFake(),
            TestResolvers.NO_DOCKER);
    IntFunction<Map<String, Object>> sync =
        count ->
            Map.of(
                "source_connector_name",
                FakeConnector.NAME,
                "streams",
                List.of("users"),
                "config",
                Map.of("api_key", "secret_reference::FAKE_API_KEY", "count", count));
    Supplier<List<Map<String, Object>>> usersAndState =
        () -> {
          try {
            return (List<Map<String, Object>>)
                harness
                    .call(
                        "run_sql_query",
                        Map.of(
                            "sql_query",
                            "SELECT count(*) AS n, max(id) AS max_id, (SELECT any_value(state_json) FROM _airbyte_state "
                                + "WHERE stream_name = 'users') AS state FROM users"))
                    .structured()
                    .get("result");
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        };
    assertFalse(harness.call("sync_source_to_cache", sync.apply(4)).isError());
    Prerequisites.require(
        mount("--bind", project.toString(), project.toString()), "permission to mount (root)");
    Object outcome;
    try {
      assertTrue(mount("-o", "remount,bind,ro", project.toString()), "remount read-only");
      try {
        outcome = harness.call("sync_source_to_cache", sync.apply(3));
      } catch (UserError e) {
        outcome = e;
      }
    } finally {
      umount(project);
    }
    Map<String, Object> after = usersAndState.get().get(0);
    long rows = ((Number) after.get("n")).longValue();
    int cursor = Json.parse(String.valueOf(after.get("state"))).findPath("updated_at").asInt();
    // The sync cannot even set up its run folder, so it fails before writing; the cache stays
    // whole:
    // the stored state points exactly at the last stored record.
    UserError error =
        assertInstanceOf(
            UserError.class,
            outcome,
            "a sync into a read-only project dir must fail with a clear error, not " + outcome);
    assertTrue(error.hint() != null && !error.hint().isBlank(), error.getMessage());
    assertEquals(4, rows, "nothing of the failed sync was kept");
    assertEquals(rows, ((Number) after.get("max_id")).longValue());
    assertEquals(rows, cursor, "the stored state never points past the stored records");
    assertFalse(
        harness.call("sync_source_to_cache", sync.apply(2)).isError(), "syncs work once writable");
    assertEquals(
        rows + 2,
        ((Number) usersAndState.get().get(0).get("n")).longValue(),
        "and resume from the state");
  }

  @Test
  void theDockerEngineGoingAwayMidRunIsAClearErrorAndTheNextRunWorks() throws Exception {
    Prerequisites.require(FakeConnector.dockerReachable(), "A Docker engine");
    FakeConnector.dockerImage();
    Path realSocket =
        Path.of(URI.create(DockerEngine.fromEnvironment().host().toString()).getPath());
    Path socket = RunFolders.create("dockerproxy").resolve("docker.sock");
    UnixSocketProxy proxy = UnixSocketProxy.start(socket, realSocket);
    ToolHarness harness =
        new ToolHarness(
            dir.resolve("docker"),
            Map.of("FAKE_API_KEY", "docker-test-key-Qe55"),
            TestResolvers.systemPath(),
            new DockerEngine(URI.create(proxy.dockerHost())));
    Map<String, Object> slow =
        Map.of(
            "source_connector_name",
            FakeConnector.NAME,
            "override_execution_mode",
            "docker",
            "config",
            Map.of("api_key", "secret_reference::FAKE_API_KEY", "mode", "slow"));
    try {
      CompletableFuture<Object> run =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return harness.call("list_source_streams", slow);
                } catch (Exception e) {
                  return e;
                }
              });
      awaitRunningContainer(dir);
      proxy.close();
      Object outcome = run.get(2, TimeUnit.MINUTES);
      assertTrue(outcome instanceof UserError, "a clear error, not " + outcome);
      UserError error = (UserError) outcome;
      assertTrue(
          error.getMessage().contains("Docker") || error.getMessage().contains("container"),
          error.getMessage());
      assertTrue(error.hint() != null && !error.hint().isBlank());

      proxy = UnixSocketProxy.start(socket, realSocket);
      Map<String, Object> ok =
          Map.of(
              "source_connector_name",
              FakeConnector.NAME,
              "override_execution_mode",
              "docker",
              "config",
              Map.of("api_key", "secret_reference::FAKE_API_KEY"));
      assertTrue(
          text(harness.call("list_source_streams", ok)).contains("users"),
          "runs again once Docker is back");
      assertTrue(
          containersOf(dir).isEmpty(),
          "the container left behind while Docker was away is removed: " + containersOf(dir));
    } finally {
      proxy.close();
      // Only this test's container (it mounts a folder under this test's dir): the engine is
      // shared.
      for (String container : containersOf(dir)) {
        ChildProcess.run(Duration.ofSeconds(30), List.of("docker", "rm", "-f", container));
      }
    }
  }

  private static void awaitRunningContainer(Path dir) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && containersOf(dir).isEmpty()) {
      Thread.sleep(200);
    }
    assertFalse(containersOf(dir).isEmpty(), "the connector's container started");
    Thread.sleep(1000);
  }

  /** Test-connector containers that mount a folder under {@code dir}. */
  private static List<String> containersOf(Path dir) throws IOException, InterruptedException {
    List<String> ours = new ArrayList<>();
    for (String id : FakeConnector.leftoverContainers()) {
      String mounts =
          ChildProcess.run(
                  Duration.ofSeconds(30),
                  List.of("docker", "inspect", "-f", "{{range .Mounts}}{{.Source}} {{end}}", id))
              .stdout();
      if (mounts.contains(dir.toString())) {
        ours.add(id);
      }
    }
    return ours;
  }

  private static boolean mount(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("mount"));
    command.addAll(List.of(args));
    return ChildProcess.run(Duration.ofSeconds(30), command).succeeded();
  }

  private static void umount(Path path) throws IOException, InterruptedException {
    ChildProcess.run(Duration.ofSeconds(30), List.of("umount", path.toString()));
  }
}
