package airbytemcp.declarative;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.connectors.Connector;
import airbytemcp.connectors.ConnectorEnvironment;
import airbytemcp.connectors.ConnectorError;
import airbytemcp.connectors.ConnectorRequest;
import airbytemcp.connectors.ConnectorResolver;
import airbytemcp.connectors.DockerEngine;
import airbytemcp.connectors.ExecutionMode;
import airbytemcp.connectors.HostTools;
import airbytemcp.connectors.PythonVenvs;
import airbytemcp.network.EgressRules;
import airbytemcp.registry.ConnectorRegistry;
import airbytemcp.testing.RegistryFake;
import airbytemcp.testing.TestResolvers;
import airbytemcp.testing.TestResources;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.net.URI;
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
    ConnectorRegistry registry = ConnectorRegistry.parse(registryWithCustomConnector());
    DeclarativeConnectorFactory factory =
        new DeclarativeConnectorFactory(
            SharedManifests.loaderValidatingWhereAvailable(cdn), api.options());
    HostTools host = HostTools.ofPath("/nonexistent");
    return new ConnectorResolver(
        new ConnectorResolver.Backends(
            () -> registry,
            host,
            docker,
            new PythonVenvs(
                workDir.resolve("venvs"),
                host,
                ConnectorEnvironment.NO_USER_SECRETS,
                Map.of(),
                api.masker,
                Duration.ofSeconds(5)),
            factory,
            workDir.resolve("run"),
            api.masker,
            TestResolvers.LIMITS,
            "none",
            EgressRules.NONE,
            ConnectorEnvironment.NO_USER_SECRETS));
  }

  /**
   * The project's registry fixture plus a manifest-only connector whose manifest needs a custom
   * component.
   */
  private static JsonNode registryWithCustomConnector() throws Exception {
    ObjectNode registry = (ObjectNode) Json.MAPPER.readTree(TestResources.registry().toFile());
    ((ArrayNode) registry.path("sources"))
        .addObject()
        .put("sourceDefinitionId", "5c0c9f1e-7a51-4a39-9d4e-2f6b0e6f3a10")
        .put("name", "Fixture Custom")
        .put("dockerRepository", "airbyte/source-fixture-custom")
        .put("dockerImageTag", "0.1.0")
        .put("language", "manifest-only");
    return registry;
  }

  private static JsonNode config() {
    return Json.object().put("api_key", FixtureManifests.API_KEY);
  }

  @Test
  void aManifestOnlyConnectorRunsNativelyByName() throws Exception {
    cdn.serveManifest("source-fixture-declarative", Files.readString(FixtureManifests.manifest()));
    FixtureManifests.serve(api.server);
    ConnectorResolver resolver = resolver();
    ConnectorRequest request = ConnectorRequest.of("source-fixture-declarative");
    assertEquals(ExecutionMode.NATIVE, resolver.choose(request).mode());
    Connector c = resolver.resolve(request);
    FakeApi.Output out = new FakeApi.Output();
    c.read(config(), FakeApi.catalog("full_refresh", "items"), Optional.empty(), out.messages::add);
    assertEquals("First item", out.records("items").get(0).path("title").asText());
    assertEquals("source-fixture-declarative", c.name());
  }

  @Test
  void aLocalManifestRunsInYamlMode() throws Exception {
    FixtureManifests.serve(api.server);
    ConnectorRequest request =
        ConnectorRequest.of("my-items").withManifestPath(FixtureManifests.manifest());
    ConnectorResolver resolver = resolver();
    assertEquals(ExecutionMode.YAML, resolver.choose(request).mode());
    FakeApi.Output out = new FakeApi.Output();
    resolver
        .resolve(request)
        .read(
            config(),
            FakeApi.catalog("full_refresh", "items"),
            Optional.empty(),
            out.messages::add);
    assertEquals(3, out.records("items").size());
  }

  private void serveCustomManifest() throws Exception {
    cdn.serveManifest("source-fixture-custom", Files.readString(FixtureManifests.customManifest()));
  }

  @Test
  void inAutoModeAManifestNeedingCustomComponentsGoesToDocker() throws Exception {
    serveCustomManifest();
    // An engine that answers Docker's ping is all the choice needs; nothing is pulled or run here.
    cdn.server.stubFor(
        get(WireMock.urlPathMatching("(/v[0-9.]+)?/_ping"))
            .willReturn(
                aResponse().withStatus(200).withHeader("Api-Version", "1.43").withBody("OK")));
    DockerEngine docker = new DockerEngine(URI.create("tcp://localhost:" + cdn.server.port()));
    Connector c = resolver(docker).resolve(ConnectorRequest.of("source-fixture-custom"));
    assertFalse(c instanceof DeclarativeConnector, c.getClass().getName());
    assertEquals("source-fixture-custom", c.name());
  }

  @Test
  void withoutDockerOrPythonTheCustomComponentsAreNamedInTheError() throws Exception {
    serveCustomManifest();
    ConnectorError e =
        assertThrows(
            ConnectorError.class,
            () -> resolver().resolve(ConnectorRequest.of("source-fixture-custom")));
    assertTrue(
        e.getMessage().contains("custom Python components")
            && e.getMessage().contains("Neither Docker nor Python"),
        e.getMessage());
  }

  @Test
  void anExplicitNativeModeDoesNotFallBack() throws Exception {
    serveCustomManifest();
    assertThrows(
        CustomComponentsError.class,
        () ->
            resolver()
                .resolve(
                    ConnectorRequest.of("source-fixture-custom").withMode(ExecutionMode.NATIVE)));
  }
}
