package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.config.RegistrySettings;
import airbytemcp.connectors.Connector;
import airbytemcp.connectors.ConnectorError;
import airbytemcp.connectors.ConnectorRequest;
import airbytemcp.connectors.ConnectorResolver;
import airbytemcp.connectors.DockerEngine;
import airbytemcp.connectors.ExecutionMode;
import airbytemcp.connectors.HostTools;
import airbytemcp.connectors.PythonVenvs;
import airbytemcp.registry.ConnectorFiles;
import airbytemcp.registry.ConnectorRegistry;
import airbytemcp.testing.RegistryFake;
import airbytemcp.testing.SharedData;
import airbytemcp.testing.TestResolvers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The declarative runtime as the connector resolver's native back-end: by name (CDN manifest) and
 * by manifest_path.
 */
class ResolverIntegrationTest {
  @RegisterExtension final FakeApi api = new FakeApi();
  private final RegistryFake cdn = new RegistryFake();
  @TempDir Path workDir;

  @AfterEach
  void stop() {
    cdn.close();
  }

  private ConnectorResolver resolver() throws Exception {
    return resolver(TestResolvers.NO_DOCKER);
  }

  private ConnectorResolver resolver(DockerEngine docker) throws Exception {
    ConnectorRegistry registry =
        ConnectorRegistry.parse(Json.MAPPER.readTree(SharedData.registrySnapshot().toFile()));
    RegistrySettings settings =
        new RegistrySettings(
            cdn.cdnUrl() + "/registries/v0/oss_registry.json",
            Optional.empty(),
            cdn.cdnUrl(),
            cdn.docsUrl(),
            false,
            Duration.ofMinutes(5));
    ComponentSchema schema = SharedManifests.schema();
    DeclarativeConnectorFactory factory =
        new DeclarativeConnectorFactory(
            new ManifestLoader(new ConnectorFiles(settings), () -> Optional.of(schema)),
            api.options());
    HostTools host = HostTools.ofPath("/nonexistent");
    return new ConnectorResolver(
        new ConnectorResolver.Backends(
            () -> registry,
            host,
            docker,
            new PythonVenvs(
                workDir.resolve("venvs"), host, Map.of(), api.masker, Duration.ofSeconds(5)),
            factory,
            workDir.resolve("run"),
            api.masker,
            TestResolvers.LIMITS,
            "none"));
  }

  private void xkcdApi() {
    api.server.stubFor(
        get("/1/info.0.json")
            .willReturn(okJson("{\"num\": 1, \"title\": \"Barrel\", \"year\": \"2006\"}")));
    api.server.stubFor(get("/2/info.0.json").willReturn(aResponse().withStatus(404)));
  }

  @Test
  void aManifestOnlyConnectorRunsNativelyByName() throws Exception {
    cdn.server.stubFor(
        get("/files/metadata/airbyte/source-xkcd/latest/manifest.yaml")
            .willReturn(
                aResponse().withBody(Files.readString(SharedManifests.manifest("source-xkcd")))));
    xkcdApi();
    ConnectorResolver resolver = resolver();
    assertEquals(ExecutionMode.NATIVE, resolver.choose(ConnectorRequest.of("source-xkcd")).mode());
    Connector c = resolver.resolve(ConnectorRequest.of("source-xkcd"));
    FakeApi.Output out = new FakeApi.Output();
    c.read(
        Json.object(),
        FakeApi.catalog("full_refresh", "xkcd"),
        Optional.empty(),
        out.messages::add);
    assertEquals("Barrel", out.records("xkcd").get(0).path("title").asText());
    assertEquals("source-xkcd", c.name());
  }

  @Test
  void aLocalManifestRunsInYamlMode() throws Exception {
    xkcdApi();
    ConnectorRequest request =
        ConnectorRequest.of("my-xkcd").withManifestPath(SharedManifests.manifest("source-xkcd"));
    ConnectorResolver resolver = resolver();
    assertEquals(ExecutionMode.YAML, resolver.choose(request).mode());
    FakeApi.Output out = new FakeApi.Output();
    resolver
        .resolve(request)
        .read(
            Json.object(),
            FakeApi.catalog("full_refresh", "xkcd"),
            Optional.empty(),
            out.messages::add);
    assertEquals(1, out.records("xkcd").size());
  }

  private void serveGuardianManifest() throws Exception {
    cdn.server.stubFor(
        get("/files/metadata/airbyte/source-the-guardian-api/latest/manifest.yaml")
            .willReturn(
                aResponse()
                    .withBody(
                        Files.readString(SharedManifests.manifest("source-the-guardian-api")))));
  }

  @Test
  void inAutoModeAManifestNeedingCustomComponentsGoesToDocker() throws Exception {
    serveGuardianManifest();
    // An engine that answers Docker's ping is all the choice needs; nothing is pulled or run here.
    cdn.server.stubFor(
        get(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("(/v[0-9.]+)?/_ping"))
            .willReturn(
                aResponse().withStatus(200).withHeader("Api-Version", "1.43").withBody("OK")));
    DockerEngine docker =
        new DockerEngine(java.net.URI.create("tcp://localhost:" + cdn.server.port()));
    Connector c = resolver(docker).resolve(ConnectorRequest.of("source-the-guardian-api"));
    assertFalse(c instanceof DeclarativeConnector, c.getClass().getName());
    assertEquals("source-the-guardian-api", c.name());
  }

  @Test
  void withoutDockerOrPythonTheCustomComponentsAreNamedInTheError() throws Exception {
    serveGuardianManifest();
    ConnectorError e =
        assertThrows(
            ConnectorError.class,
            () -> resolver().resolve(ConnectorRequest.of("source-the-guardian-api")));
    assertTrue(
        e.getMessage().contains("custom Python components")
            && e.getMessage().contains("Neither Docker nor Python"),
        e.getMessage());
  }

  @Test
  void anExplicitNativeModeDoesNotFallBack() throws Exception {
    serveGuardianManifest();
    assertThrows(
        CustomComponentsError.class,
        () ->
            resolver()
                .resolve(
                    ConnectorRequest.of("source-the-guardian-api").withMode(ExecutionMode.NATIVE)));
  }
}
