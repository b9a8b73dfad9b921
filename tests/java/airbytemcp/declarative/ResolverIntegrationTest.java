package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.junit.jupiter.api.Assertions.assertEquals;

import airbytemcp.common.Json;
import airbytemcp.config.RegistrySettings;
import airbytemcp.connectors.Connector;
import airbytemcp.connectors.ConnectorRequest;
import airbytemcp.connectors.ConnectorResolver;
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

/** The declarative runtime as the connector resolver's native back-end: by name (CDN manifest) and by manifest_path. */
class ResolverIntegrationTest {
  @RegisterExtension final FakeApi api = new FakeApi();
  private final RegistryFake cdn = new RegistryFake();
  @TempDir Path workDir;

  @AfterEach
  void stop() {
    cdn.close();
  }

  private ConnectorResolver resolver() throws Exception {
    ConnectorRegistry registry = ConnectorRegistry.parse(Json.MAPPER.readTree(SharedData.registrySnapshot().toFile()));
    RegistrySettings settings = new RegistrySettings(cdn.cdnUrl() + "/registries/v0/oss_registry.json", Optional.empty(),
        cdn.cdnUrl(), cdn.docsUrl(), false, Duration.ofMinutes(5));
    ComponentSchema schema = SharedManifests.schema();
    DeclarativeConnectorFactory factory = new DeclarativeConnectorFactory(
        new ManifestLoader(new ConnectorFiles(settings), () -> Optional.of(schema)), api.options());
    HostTools host = HostTools.ofPath("/nonexistent");
    return new ConnectorResolver(new ConnectorResolver.Backends(() -> registry, host, TestResolvers.NO_DOCKER,
        new PythonVenvs(workDir.resolve("venvs"), host, Map.of(), api.masker, Duration.ofSeconds(5)),
        factory, workDir.resolve("run"), api.masker, TestResolvers.LIMITS, "none"));
  }

  private void xkcdApi() {
    api.server.stubFor(get("/1/info.0.json").willReturn(okJson("{\"num\": 1, \"title\": \"Barrel\", \"year\": \"2006\"}")));
    api.server.stubFor(get("/2/info.0.json").willReturn(aResponse().withStatus(404)));
  }

  @Test
  void aManifestOnlyConnectorRunsNativelyByName() throws Exception {
    cdn.server.stubFor(get("/files/metadata/airbyte/source-xkcd/latest/manifest.yaml")
        .willReturn(aResponse().withBody(Files.readString(SharedManifests.manifest("source-xkcd")))));
    xkcdApi();
    ConnectorResolver resolver = resolver();
    assertEquals(ExecutionMode.NATIVE, resolver.choose(ConnectorRequest.of("source-xkcd")).mode());
    Connector c = resolver.resolve(ConnectorRequest.of("source-xkcd"));
    FakeApi.Output out = new FakeApi.Output();
    c.read(Json.object(), FakeApi.catalog("full_refresh", "xkcd"), Optional.empty(), out.messages::add);
    assertEquals("Barrel", out.records("xkcd").get(0).path("title").asText());
    assertEquals("source-xkcd", c.name());
  }

  @Test
  void aLocalManifestRunsInYamlMode() throws Exception {
    xkcdApi();
    ConnectorRequest request = ConnectorRequest.of("my-xkcd").withManifestPath(SharedManifests.manifest("source-xkcd"));
    ConnectorResolver resolver = resolver();
    assertEquals(ExecutionMode.YAML, resolver.choose(request).mode());
    FakeApi.Output out = new FakeApi.Output();
    resolver.resolve(request).read(Json.object(), FakeApi.catalog("full_refresh", "xkcd"), Optional.empty(), out.messages::add);
    assertEquals(1, out.records("xkcd").size());
  }
}
